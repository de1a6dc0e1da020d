import { startEmulator, type Emulator } from '../emulator';
import { startLocalCloud, type HttpAccessEntry, type LocalCloud } from '../localcloud';
import { buildIfStale } from '../localcloud/cli/distFreshness';
import { takeEnvOption, UsageError } from '../localcloud/cli/invokeArgs';
import { freePortAfter, portInUse, portInUseMessage } from '../localcloud/cli/portInUse';
import { LOCAL_SETTINGS_FILE, localSettings } from '../localcloud/localSettings';
import { describeBuilt } from '../tools/buildFunctions';
import { findRoot, readFunctionsConfig } from '../tools/functionsConfig';
import { authorizeSeededAccounts, printDelivery } from '../tools/openPlatformDemo';
import { onStopRequest } from '../tools/stopSignals';

const USAGE = [
  'usage: npm start [-- --env NAME=VALUE ...]',
  `  the functions run with the demo settings, then ${LOCAL_SETTINGS_FILE} (project root), then each --env`,
  '  PORT=3001 npm start   serves the console on another port (default 3000; 0 picks a free one)',
].join('\n');

/** How often the emulated open platform pushes a new component_verify_ticket (WeChat: 10 minutes). */
const TICKET_INTERVAL_MS = 60_000;

/**
 * npm start: builds the functions (when dist/ is missing or older than a source), starts the
 * emulator with its seeded data and the local CloudBase with its console on 127.0.0.1:PORT
 * (default 3000), then plays the open platform: a
 * ticket push, an authorization of every seeded authorizer and a ticket every minute, all to
 * componentEvents over the HTTP access path. It stays up until SIGINT,
 * SIGTERM or SIGHUP, or until the npm that started it is gone (tools/stopSignals.ts), then
 * closes everything and exits.
 */
async function main(): Promise<void> {
  const overrides = parseStartArgs(process.argv.slice(2));
  if (!overrides) return;
  const root = findRoot(process.cwd());
  const port = parsePort(process.env.PORT);
  // Before building: a second npm start must not rebuild dist/ under the running one.
  if (port !== 0 && (await portInUse(port))) {
    console.error(portInUseMessage(port, await freePortAfter(port)));
    process.exit(1);
  }
  // The platform moves on by itself (new applicants, expiries, withdrawals) so syncs find something.
  const evolveEveryMs = parseMs('EVOLVE_EVERY_MS', process.env.EVOLVE_EVERY_MS, 45_000);
  const syncEveryMs = parseMs('SYNC_EVERY_MS', process.env.SYNC_EVERY_MS, 60_000);
  let emulator: Emulator | undefined;
  let cloud: LocalCloud | undefined;
  const timers: NodeJS.Timeout[] = [];
  // Listening from the start: a stop asked for while building or starting still closes what runs.
  onStopRequest((reason) => {
    console.log(`\n${reason}: closing`);
    for (const timer of timers) clearTimeout(timer);
    void (async () => {
      await cloud?.close();
      await emulator?.close();
    })().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
  // As npm run invoke: built again only when dist/ is missing or older than a source.
  const built = await buildIfStale(root, Object.keys(readFunctionsConfig(root).functions), (stale) => console.log(`building (${stale})`));
  if (built) for (const fn of built) console.log(describeBuilt(fn, root));
  else console.log('dist/ is newer than every source: using it as built (npm run build builds it again)');
  emulator = await startEmulator({ evolution: { intervalMs: evolveEveryMs } });
  const settings = localSettings(root, emulator, overrides);
  for (const name of settings.unknown) console.log(`note: ${name} is set, but no function reads it (config.json envVariables)`);
  // Tickets come from pushes: the demo's hand-copied ticket is left out unless the user set one.
  const { COMPONENT_VERIFY_TICKET: copiedByHand, ...env } = settings.env;
  if (copiedByHand !== undefined && overrides.COMPONENT_VERIFY_TICKET !== undefined) env.COMPONENT_VERIFY_TICKET = copiedByHand;
  cloud = await startLocalCloud({ emulator, root, port, env, onHttpAccess: printHttpAccess });
  console.log('');
  console.log(`emulator (CloudBase + api.weixin.qq.com) on ${emulator.url}`);
  console.log(`console: ${cloud.url}/`);
  console.log('');
  console.log('invoke one function from a shell (it starts its own emulator):');
  console.log(`  npm run invoke -- getPluginDevApplyList '{"action":"dev_apply_list","page":1,"num":3}'`);
  console.log(`  npm run invoke -- getOwnList '{"start":0,"num":10}' --source console`);
  console.log('');
  console.log('');
  // Before "Ctrl+C stops." (what scripts and tests wait for): by then a ticket is stored and the
  // demo accounts have authorized, so the first call can already use them.
  await playOpenPlatform(emulator, `${cloud.url}/componentEvents`);
  console.log(`the lists change every ${evolveEveryMs / 1000} s (EVOLVE_EVERY_MS); syncLists runs as a timer every ${syncEveryMs / 1000} s (SYNC_EVERY_MS;`);
  console.log('deployed: every 10 minutes); WeCom robot messages are captured by the emulator and shown in the console.');
  const localCloud = cloud;
  // Stands in for the deployed timer trigger (config.json: "0 */10 * * * * *"), set up from DevTools.
  const runTimer = () =>
    void localCloud
      .invoke('syncLists', { Type: 'Timer', TriggerName: 'syncEvery10Minutes', Time: new Date().toISOString() }, { kind: 'timer', fromDevtools: true })
      .catch((error: unknown) => console.error(`syncLists timer: ${error instanceof Error ? error.message : String(error)}`));
  timers.push(setTimeout(runTimer, 2000));
  if (syncEveryMs > 0) timers.push(setInterval(runTimer, syncEveryMs));
  console.log('');
  console.log('Ctrl+C stops.');
}

function parseMs(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`${name} must be a number of milliseconds (0: never), got ${value}`);
  return ms;
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

/** The --env settings, or undefined after printing the usage (--help). */
function parseStartArgs(argv: readonly string[]): Record<string, string> | undefined {
  const env: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      return undefined;
    }
    if (arg === '--env' || arg.startsWith('--env=')) i = takeEnvOption(argv, i, env);
    else throw new UsageError(`unexpected argument ${arg}\n${USAGE}`);
  }
  return env;
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${value}`);
  return port;
}

// Bundled by scripts/run.js and loaded with require(): `require.main === module` is false here.
main().catch(async (error: unknown) => {
  // Taken between the check above and the listen (another start racing this one): said the same way.
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    const port = parsePort(process.env.PORT);
    console.error(portInUseMessage(port, await freePortAfter(port)));
  } else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
