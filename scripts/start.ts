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
  const emulator = await startEmulator();
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
  console.log('Ctrl+C stops.');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
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
