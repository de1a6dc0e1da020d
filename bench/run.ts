import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { startEmulator } from '../emulator';
import { buildFunctions } from '../tools/buildFunctions';
import { findRoot } from '../tools/functionsConfig';
import { coldVariants, measureColdStarts } from './coldStart';
import { packageClosure } from './lib/packageSize';
import { round } from './lib/stats';
import { measureListing, measureSync, printListSync, LIST_SYNC_TARGETS } from './listSync';
import { measureSyncDatabase, printSyncDatabase } from './syncDatabase';
import { COLD_TARGETS, printTargetChecks, targetChecks } from './targets';
import { measureTokenFetches, printTokenFetches } from './tokenFetches';
import { measureWarmOverhead } from './warmOverhead';

/**
 * npm run bench: builds, starts the emulator, and measures side by side in one run: cold starts
 * (fresh node processes), warm overhead per invocation, bundle sizes and peak memory, then
 * listing and syncing 10,000 half-screen authorizations, the database work of sync passes (the
 * database answering in 20 ms), and token fetches per lifetime for 8 processes x 50 calls with
 * rotating refresh tokens (tokenFetches.ts). Prints every ratio against its target, ends with
 * one table of all targets, and writes bench/results/latest.json.
 */
const TRIALS = Number(process.env.BENCH_TRIALS ?? 20);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 300);
const TARGETS = COLD_TARGETS;

/**
 * `npm run bench -- sync` runs only the listing and sync benchmarks (`-- list`: listing only;
 * `-- tokens`: token fetches only): quick, alone.
 */
const ONLY = process.argv[2];

async function tokensOnly(): Promise<void> {
  const root = findRoot(process.cwd());
  await buildFunctions(root);
  const tokens = await measureTokenFetches(root);
  printTokenFetches(tokens);
  writeReport(root, 'tokens.json', { date: new Date().toISOString(), node: process.version, load: machineLoad(), tokens });
}

async function listSyncOnly(): Promise<void> {
  const root = findRoot(process.cwd());
  await buildFunctions(root);
  const listing = await measureListing(root);
  const sync = ONLY === 'list' ? undefined : await measureSync(root);
  const syncDatabase = ONLY === 'list' ? undefined : await measureSyncDatabase(root);
  printListSync(listing, sync);
  if (syncDatabase) printSyncDatabase(syncDatabase);
  const checks = targetChecks(undefined, undefined, listing, sync, syncDatabase);
  printTargetChecks(checks, 'Listing and sync targets measured in this run:');
  writeReport(root, 'list-sync.json', { date: new Date().toISOString(), node: process.version, targets: LIST_SYNC_TARGETS, listing, sync, syncDatabase, checks });
}

function writeReport(root: string, name: string, report: unknown): void {
  const out = path.join(root, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, name), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote bench/results/${name}`);
}

/**
 * The machine's load when the run started and ended: ratios of medians hold up on a busy
 * machine better than absolute times, but CPU-bound parts (the listing) still move with it.
 */
function machineLoad(): { cores: number; loadAverage1m: number } {
  return { cores: cpus().length, loadAverage1m: round(loadavg()[0] ?? 0) };
}

async function main(): Promise<void> {
  if (ONLY === 'sync' || ONLY === 'list') return listSyncOnly();
  if (ONLY === 'tokens') return tokensOnly();
  const loadAtStart = machineLoad();
  const root = findRoot(process.cwd());
  const built = await buildFunctions(root);
  const emu = await startEmulator();
  try {
    const token = (await (
      await fetch(`${emu.wechatBaseUrl}/cgi-bin/stable_token`, {
        method: 'POST',
        body: JSON.stringify({ grant_type: 'client_credential', appid: emu.accounts.app.appid, secret: emu.accounts.app.secret }),
      })
    ).json()) as { access_token: string };
    // Children get a clean environment, built from nothing: the caller's NODE_OPTIONS or
    // NODE_EXTRA_CA_CERTS (which reads a CA bundle at every node start, about 40 ms) would weigh
    // on the bare-node floor and every variant alike and blur the ratios.
    const baseEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, ...emu.sdkEnv(), ADMIN_OPENIDS: emu.sdkEnv().WX_OPENID, LOG_LEVEL: 'silent' };

    console.log(`cold start: ${TRIALS} interleaved trials per variant ...`);
    const cold = await measureColdStarts(coldVariants(root, emu, token.access_token, baseEnv), TRIALS, root);

    Object.assign(process.env, baseEnv);
    console.log(`warm overhead: ${PAIRS} alternating pairs, 100-item page ...`);
    const warm = await measureWarmOverhead(root, PAIRS);

    const byName = (prefix: string) => cold.find((c) => c.name.startsWith(prefix))!;
    const bare = byName('bare');
    const reference = byName('reference');
    const ratios = {
      getPluginDevApplyListVsReference: round(byName('getPluginDevApplyList').medianMs / reference.medianMs),
      getOwnListFixedVsReference: round(byName('getOwnList (built, fixed').medianMs / reference.medianMs),
      getOwnListDatabaseVsReference: round(byName('getOwnList (built, third').medianMs / reference.medianMs),
      getOwnListFixedVsBare: round(byName('getOwnList (built, fixed').medianMs / bare.medianMs),
      getOwnListFixedVsBareWithOneRequest: round(byName('getOwnList (built, fixed').medianMs / byName('bare node + one').medianMs),
    };
    const sizes = built.map((b) => ({ name: b.name, indexKiB: round(b.indexBytes / 1024, 1), sdkKiB: round(b.sdkBytes / 1024, 1) }));
    const referencePackages = packageClosure(root, 'wx-server-sdk');
    const referenceSdkKiB = round(referencePackages.bytes / 1024, 0);

    console.log('\nCold start (median of fresh node processes, first invocation completed):');
    console.table(
      cold.map((c) => ({
        variant: c.name,
        'median ms': c.medianMs,
        'min ms': c.minMs,
        'node start': c.medianNodeStartMs ?? '',
        load: c.medianLoadMs ?? '',
        'first call': c.medianInvokeMs ?? '',
        'peak RSS MB': c.medianMaxRssMb ?? '',
      })),
    );
    const targetRows = [
      { ratio: 'getPluginDevApplyList cold start / reference', value: ratios.getPluginDevApplyListVsReference, target: TARGETS.pluginColdVsReference },
      { ratio: 'getOwnList (fixed token) / bare node', value: ratios.getOwnListFixedVsBare, target: TARGETS.ownListFixedVsBare },
      { ratio: 'getOwnList (database-cached token) / reference', value: ratios.getOwnListDatabaseVsReference, target: TARGETS.ownListDatabaseVsReference },
    ];
    console.log('The three targets (ratios of medians measured in this run):');
    console.table(targetRows.map((r) => ({ ...r, target: `<= ${r.target}`, met: r.value <= r.target })));
    for (const r of targetRows) {
      console.log(`${r.ratio}: ${r.value} (target <= ${r.target}${r.value <= r.target ? ', met' : `, missed by ${round(r.value - r.target)}`})`);
    }
    console.log('For context:');
    console.table([
      { ratio: 'getOwnList (fixed token) / reference', value: ratios.getOwnListFixedVsReference },
      { ratio: 'getOwnList (fixed token) / bare node + one HTTP GET', value: ratios.getOwnListFixedVsBareWithOneRequest },
    ]);
    console.log('Warm overhead per invocation over a raw SDK call (100-item page):');
    console.table([{ ...warm, target: `<= ${TARGETS.warmOverheadMs} ms`, met: warm.overheadMedianMs <= TARGETS.warmOverheadMs }]);
    console.log('Bundle sizes:');
    console.table(sizes);
    console.log(`(the reference loads wx-server-sdk from node_modules: its dependency tree is ${referencePackages.packages} packages, ${referenceSdkKiB} KiB on disk)`);

    // Listing and sync, in the same run (their own emulators, so the figures above are untouched).
    const listing = await measureListing(root);
    const sync = await measureSync(root);
    const syncDatabase = await measureSyncDatabase(root);
    printListSync(listing, sync);
    printSyncDatabase(syncDatabase);
    // Token fetches per lifetime: 8 processes x 50 calls, rotating refresh tokens (its own emulator).
    const tokens = await measureTokenFetches(root);
    printTokenFetches(tokens);

    const checks = targetChecks(ratios, warm, listing, sync, syncDatabase);
    printTargetChecks(checks, 'Every target, side by side (all measured in this one run):');
    const load = { atStart: loadAtStart, atEnd: machineLoad() };
    console.log(`machine: ${load.atStart.cores} cores, 1-minute load average ${load.atStart.loadAverage1m} at the start, ${load.atEnd.loadAverage1m} at the end`);
    const report = {
      date: new Date().toISOString(), node: process.version, load, trials: TRIALS, targets: { ...TARGETS, ...LIST_SYNC_TARGETS }, checks,
      cold, ratios, warm, sizes, referencePackages: { packages: referencePackages.packages, kib: referenceSdkKiB }, listing, sync, syncDatabase, tokens,
    };
    writeReport(root, 'latest.json', report);
  } finally {
    await emu.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
