import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator } from '../emulator';
import { buildFunctions } from '../tools/buildFunctions';
import { findRoot } from '../tools/functionsConfig';
import { coldVariants, FLOOR, measureColdStarts, type ColdResult } from './coldStart';
import { packageClosure } from './lib/packageSize';
import { stableToken } from './lib/stableToken';
import { round } from './lib/stats';
import { measureListing, measureSync, printListSync, LIST_SYNC_TARGETS } from './listSync';
import { measureRedaction, printRedaction } from './redaction';
import { measureSyncDatabase, printSyncDatabase } from './syncDatabase';
import { COLD_TARGETS, printTargetChecks, targetChecks, type ColdRatios } from './targets';
import { measureTokenFetches, printTokenFetches } from './tokenFetches';
import { measureWarmOverhead, type WarmResult } from './warmOverhead';

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
 * `npm run bench -- cold` runs only the cold starts, `-- warm` only the warm overhead, `-- sync`
 * only the listing and sync benchmarks (`-- list`: listing only), `-- tokens` only the token
 * fetches, `-- redaction` only the redaction check with one and a thousand accounts: quick, alone.
 */
const ONLY = process.argv[2];

async function tokensOnly(): Promise<void> {
  const root = findRoot(process.cwd());
  await buildFunctions(root);
  const tokens = await measureTokenFetches(root);
  printTokenFetches(tokens);
  writeReport(root, 'tokens.json', { date: new Date().toISOString(), node: process.version, load: machineLoad(), tokens });
}

function redactionOnly(): void {
  const redaction = measureRedaction();
  printRedaction(redaction);
  printTargetChecks(targetChecks(undefined, undefined, undefined, undefined, undefined, redaction), 'Targets measured in this run:');
  writeReport(findRoot(process.cwd()), 'redaction.json', { date: new Date().toISOString(), node: process.version, load: machineLoad(), redaction });
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

/**
 * Children get a clean environment, built from nothing: the caller's NODE_OPTIONS or
 * NODE_EXTRA_CA_CERTS (which reads a CA bundle at every node start, about 40 ms) would weigh on
 * the floor and every variant alike and blur the ratios.
 */
function cleanEnv(emu: Emulator): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, ...emu.sdkEnv(), ADMIN_OPENIDS: emu.sdkEnv().WX_OPENID, LOG_LEVEL: 'silent' };
}

interface ColdRun {
  cold: ColdResult[];
  ratios: ColdRatios & { getOwnListFixedVsBare: number; getOwnListFixedVsReference: number };
}

async function measureCold(root: string, emu: Emulator): Promise<ColdRun> {
  console.log(`cold start: ${TRIALS} interleaved trials per variant ...`);
  const cold = await measureColdStarts(coldVariants(root, emu, await stableToken(emu), cleanEnv(emu)), TRIALS, root);
  const byName = (prefix: string) => cold.find((c) => c.name.startsWith(prefix))!;
  const fixed = byName('getOwnList (built, fixed').medianMs;
  const reference = byName('reference').medianMs;
  const ratios = {
    getOwnListFixedVsFloor: round(fixed / byName(FLOOR).medianMs),
    getPluginDevApplyListVsReference: round(byName('getPluginDevApplyList').medianMs / reference),
    getOwnListDatabaseVsReference: round(byName('getOwnList (built, third').medianMs / reference),
    getOwnListFixedVsBare: round(fixed / byName('bare node -e 0').medianMs),
    getOwnListFixedVsReference: round(fixed / reference),
  };
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
    { ratio: `getOwnList (fixed token) cold start / ${FLOOR}`, value: ratios.getOwnListFixedVsFloor, target: TARGETS.ownListFixedVsFloor },
    { ratio: 'getPluginDevApplyList cold start / reference', value: ratios.getPluginDevApplyListVsReference, target: TARGETS.pluginColdVsReference },
    { ratio: 'getOwnList (database-cached token) cold start / reference', value: ratios.getOwnListDatabaseVsReference, target: TARGETS.ownListDatabaseVsReference },
  ];
  console.log('The cold-start targets (ratios of medians measured in this run):');
  console.table(targetRows.map((r) => ({ ...r, target: `<= ${r.target}`, met: r.value <= r.target })));
  console.log('For context:');
  console.table([
    { ratio: 'getOwnList (fixed token) cold start / bare node -e 0', value: ratios.getOwnListFixedVsBare },
    { ratio: 'getOwnList (fixed token) cold start / reference', value: ratios.getOwnListFixedVsReference },
  ]);
  return { cold, ratios };
}

async function measureWarm(root: string, emu: Emulator): Promise<WarmResult> {
  Object.assign(process.env, cleanEnv(emu));
  console.log(`warm overhead: ${PAIRS} alternating pairs, 100-item page ...`);
  const warm = await measureWarmOverhead(root, PAIRS);
  console.log('Warm overhead per invocation over a raw SDK call (100-item page):');
  console.table([{ ...warm, target: `<= ${TARGETS.warmOverheadMs} ms`, met: warm.overheadMedianMs <= TARGETS.warmOverheadMs }]);
  return warm;
}

function printLoad(load: { atStart: ReturnType<typeof machineLoad>; atEnd: ReturnType<typeof machineLoad> }): void {
  console.log(`machine: ${load.atStart.cores} cores, 1-minute load average ${load.atStart.loadAverage1m} at the start, ${load.atEnd.loadAverage1m} at the end`);
}

/** `-- cold` or `-- warm`: that part alone, with its own targets; writes bench/results/cold.json or warm.json. */
async function coldOrWarmOnly(): Promise<void> {
  const atStart = machineLoad();
  const root = findRoot(process.cwd());
  await buildFunctions(root);
  const emu = await startEmulator();
  try {
    const cold = ONLY === 'cold' ? await measureCold(root, emu) : undefined;
    const warm = ONLY === 'warm' ? await measureWarm(root, emu) : undefined;
    const load = { atStart, atEnd: machineLoad() };
    const checks = targetChecks(cold?.ratios, warm, undefined, undefined);
    printTargetChecks(checks, 'Targets measured in this run:');
    printLoad(load);
    writeReport(root, `${ONLY}.json`, { date: new Date().toISOString(), node: process.version, load, trials: TRIALS, pairs: PAIRS, targets: TARGETS, checks, ...cold, warm });
  } finally {
    await emu.close();
  }
}

async function main(): Promise<void> {
  if (ONLY === 'sync' || ONLY === 'list') return listSyncOnly();
  if (ONLY === 'tokens') return tokensOnly();
  if (ONLY === 'redaction') return redactionOnly();
  if (ONLY === 'cold' || ONLY === 'warm') return coldOrWarmOnly();
  const loadAtStart = machineLoad();
  const root = findRoot(process.cwd());
  const built = await buildFunctions(root);
  const emu = await startEmulator();
  try {
    const { cold, ratios } = await measureCold(root, emu);
    const warm = await measureWarm(root, emu);

    const sizes = built.map((b) => ({ name: b.name, indexKiB: round(b.indexBytes / 1024, 1), firstUseFiles: b.firstUseFiles.join(', '), firstUseKiB: round(b.firstUseBytes / 1024, 1), sdkKiB: round(b.sdkBytes / 1024, 1) }));
    const referencePackages = packageClosure(root, 'wx-server-sdk');
    const referenceSdkKiB = round(referencePackages.bytes / 1024, 0);
    console.log('Bundle sizes (index.js is read at every cold start, the first-use files when a call first needs them):');
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
    // Last: it registers 3000 secrets in this process.
    const redaction = measureRedaction();
    printRedaction(redaction);

    const checks = targetChecks(ratios, warm, listing, sync, syncDatabase, redaction);
    printTargetChecks(checks, 'Every target, side by side (all measured in this one run):');
    const load = { atStart: loadAtStart, atEnd: machineLoad() };
    printLoad(load);
    const report = {
      date: new Date().toISOString(), node: process.version, load, trials: TRIALS, pairs: PAIRS, targets: { ...TARGETS, ...LIST_SYNC_TARGETS }, checks,
      cold, ratios, warm, sizes, referencePackages: { packages: referencePackages.packages, kib: referenceSdkKiB }, listing, sync, syncDatabase, tokens, redaction,
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
