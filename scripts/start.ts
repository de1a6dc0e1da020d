import { startEmulator, type Emulator } from '../emulator';
import { demoEnvironment, startLocalCloud, type HttpAccessEntry } from '../localcloud';
import { buildFunctions, describeBuilt } from './lib/buildFunctions';
import { findRoot } from './lib/functionsConfig';
import { authorizeSeededAccounts, printDelivery } from './lib/openPlatformDemo';

/** How often the emulated open platform pushes a new component_verify_ticket (WeChat: 10 minutes). */
const TICKET_INTERVAL_MS = 60_000;

/**
 * npm start: builds the functions, starts the emulator with its seeded data and the local
 * CloudBase with its console on 127.0.0.1:PORT (default 3000), then plays the open platform:
 * a ticket push, an authorization of every seeded authorizer and a ticket every minute, all to
 * componentEvents over the HTTP access path. Stays up until SIGINT or SIGTERM, then closes.
 */
async function main(): Promise<void> {
  const root = findRoot(process.cwd());
  const port = parsePort(process.env.PORT);
  for (const fn of await buildFunctions(root)) console.log(describeBuilt(fn, root));
  const emulator = await startEmulator();
  let cloud;
  try {
    // Tickets come from pushes: the demo environment's hand-copied ticket is left out.
    const { COMPONENT_VERIFY_TICKET: _copiedByHand, ...env } = demoEnvironment(emulator);
    cloud = await startLocalCloud({ emulator, root, port, env, onHttpAccess: printHttpAccess });
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
  console.log('');
  await playOpenPlatform(emulator, `${cloud.url}/componentEvents`);

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

/** The open platform's pushes, so that a ticket and the authorizations arrive with nothing typed. */
async function playOpenPlatform(emulator: Emulator, eventUrl: string): Promise<void> {
  console.log(`open platform: pushing to the authorization event URL ${eventUrl}`);
  await authorizeSeededAccounts(emulator, eventUrl, (line) => console.log(line));
  emulator.openPlatform.startSchedule(TICKET_INTERVAL_MS, (delivery) => printDelivery(delivery, (line) => console.log(line)));
  console.log(`  a new ticket every ${TICKET_INTERVAL_MS / 1000} s; pick an authorizer for getOwnList in the console`);
}

function printHttpAccess(entry: HttpAccessEntry): void {
  if (entry.status === 200) return; // the pushes' own lines say it
  console.log(`  ${entry.method} ${entry.path} -> ${entry.status} ${entry.body} (${entry.ms} ms)`);
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
