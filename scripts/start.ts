import { startEmulator } from '../emulator';
import { startLocalCloud } from '../localcloud';
import { buildFunctions, describeBuilt } from './lib/buildFunctions';
import { findRoot } from './lib/functionsConfig';

/**
 * npm start: builds the functions, starts the emulator with its seeded data and the local
 * CloudBase with its console on 127.0.0.1:PORT (default 3000), and stays up until SIGINT or
 * SIGTERM, then closes everything.
 */
async function main(): Promise<void> {
  const root = findRoot(process.cwd());
  const port = parsePort(process.env.PORT);
  for (const fn of await buildFunctions(root)) console.log(describeBuilt(fn, root));
  // The platform moves on by itself (new applicants, expiries, withdrawals) so syncs find something.
  const evolveEveryMs = parseMs('EVOLVE_EVERY_MS', process.env.EVOLVE_EVERY_MS, 45_000);
  const syncEveryMs = parseMs('SYNC_EVERY_MS', process.env.SYNC_EVERY_MS, 60_000);
  const emulator = await startEmulator({ evolution: { intervalMs: evolveEveryMs } });
  let cloud;
  try {
    cloud = await startLocalCloud({ emulator, root, port });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  console.log('');
  console.log(`emulator (CloudBase + api.weixin.qq.com) on ${emulator.url}`);
  console.log(`console: ${cloud.url}/`);
  console.log('');
  console.log('invoke one function from a shell (it starts its own emulator):');
  console.log(`  npm run invoke -- getPluginDevApplyList '{"action":"dev_apply_list","page":1,"num":3}'`);
  console.log(`  npm run invoke -- getOwnList '{"start":0,"num":10}' --source console`);
  console.log('');
  console.log(`the lists change every ${evolveEveryMs / 1000} s (EVOLVE_EVERY_MS); syncLists runs as a timer every ${syncEveryMs / 1000} s (SYNC_EVERY_MS;`);
  console.log('deployed: every 10 minutes); WeCom robot messages are captured by the emulator and shown in the console.');
  console.log('Ctrl+C stops.');
  // Stands in for the deployed timer trigger (config.json: "0 */10 * * * * *"), set up from DevTools.
  const runTimer = () =>
    void cloud.invoke('syncLists', { Type: 'Timer', TriggerName: 'syncEvery10Minutes', Time: new Date().toISOString() }, { kind: 'timer', fromDevtools: true }).catch((error: unknown) => console.error(error));
  const firstSync = setTimeout(runTimer, 2000);
  const timer = syncEveryMs > 0 ? setInterval(runTimer, syncEveryMs) : undefined;

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    clearTimeout(firstSync);
    if (timer) clearInterval(timer);
    console.log(`\n${signal}: closing`);
    void (async () => {
      await cloud.close();
      await emulator.close();
    })().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function parseMs(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`${name} must be a number of milliseconds (0: never), got ${value}`);
  return ms;
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${value}`);
  return port;
}

// Bundled by scripts/run.js and loaded with require(): `require.main === module` is false here.
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
