import { fork } from 'node:child_process';
import path from 'node:path';
import { startEmulator, type Emulator } from '../emulator';
import { stableToken } from './lib/stableToken';
import { median, round } from './lib/stats';

type Main = (event: unknown, context: unknown) => Promise<Record<string, any>>;

const OWN_LIST = '/wxaapi/wxaembedded/get_own_list';
const ENTRIES = 10_000;
const LATENCY_MS = 50;
const PAGE = 1000;
const LISTING_TRIALS = Number(process.env.BENCH_LIST_TRIALS ?? 5);
export const LIST_SYNC_TARGETS = { listingVsSequential: 0.35, callsBeyondNeeded: 1, unchangedSyncWrites: 0 };

export interface ListingResult {
  entries: number;
  trials: number;
  latencyMsPerRequest: number;
  sequentialMs: number;
  sequentialCalls: number;
  allHintedMs: number;
  allHintedCalls: number;
  allColdMs: number;
  allColdCalls: number;
  pagesNeeded: number;
  ratioHintedVsSequential: number;
  ratioColdVsSequential: number;
}

export interface SyncResult {
  entries: number;
  baselineMs: number;
  unchanged: { ms: number; entryAndChangeWrites: number; bookkeepingWrites: number; databaseWriteRequests: number };
  changed: { changes: number; ms: number; entryAndChangeWrites: number; bookkeepingWrites: number; databaseWriteRequests: number; writesPerChange: number };
}

const WRITE_ACTIONS = new Set(['database.insertDocument', 'database.modifyDocument', 'database.removeDocument', 'database.addDocument', 'database.updateDocument']);
const writeRequests = (emu: Emulator) => emu.calls.filter((c) => c.kind === 'database' && WRITE_ACTIONS.has(c.api)).length;

function loadBuilt(root: string, name: string): Main {
  const file = path.join(root, 'dist', 'functions', name, 'index.js');
  delete require.cache[file];
  // Required by path: the function the build just wrote, loaded afresh.
  return require(file).main as Main;
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const value = await run();
  return [value, Number(process.hrtime.bigint() - started) / 1e6];
}

/** Environment of a warm function instance against `emu`, called by the Mini Program admin. */
async function useEmulator(emu: Emulator): Promise<void> {
  const token = await stableToken(emu);
  const env = emu.sdkEnv();
  Object.assign(process.env, env, {
    ADMIN_OPENIDS: env.WX_OPENID, LOG_LEVEL: 'silent', WECHAT_API_BASE_URL: emu.wechatBaseUrl,
    AUTHORIZER_ACCESS_TOKEN: token, APPID: emu.accounts.app.appid, LIST_CONCURRENCY: '4',
  });
}

/** Runs one way of listing in a fresh child process (the function's machine), timing only the listing. */
function listInChild(root: string, mode: 'all' | 'byHand', env: NodeJS.ProcessEnv, beforeListing: () => void): Promise<{ ms: number; total: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(root, 'bench', 'lib', 'listWhole.js'), [path.join(root, 'dist', 'functions', 'getOwnList', 'index.js'), mode, String(PAGE)], { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_CPU_PROF] : [] });
    child.on('message', (message: unknown) => {
      if (message === 'warm') {
        beforeListing();
        child.send('go');
        return;
      }
      const report = message as { ms: number; errCode: number; errMsg?: string; total: number };
      if (report.errCode !== 0) reject(new Error(`listing (${mode}) failed: ${report.errMsg}`));
      else resolve({ ms: report.ms, total: report.total });
    });
    child.on('error', reject);
  });
}

/**
 * Listing 10,000 half-screen authorizations with 50 ms added to every request, side by side in
 * one run, each in a fresh child process while the emulator answers from this one (as WeChat's
 * servers are not in the function's process): paging by hand (one page after another, what a
 * caller does without `all`), `all: true` knowing the list's size from the last sync (pages
 * fetched 4 at a time), and `all: true` with no size known (only proven pages: one at a time).
 */
export async function measureListing(root: string): Promise<ListingResult> {
  const emu = await startEmulator({ embeddedCount: ENTRIES, applicantCount: 1 });
  try {
    await useEmulator(emu);
    const env = { ...process.env };
    const calls = () => emu.count({ kind: 'https', api: OWN_LIST });
    const slow = () => {
      emu.clearFaults();
      emu.inject({ kind: 'https', api: OWN_LIST, latencyMs: LATENCY_MS, times: Infinity });
    };
    const stateId = `list:embedded:${emu.accounts.app.appid}`;
    const measure = async (mode: 'all' | 'byHand', sizeKnown: boolean) => {
      const states = emu.db.collection('sync_state');
      states.clear();
      // What a completed sync leaves behind: the list's size.
      if (sizeKnown) states.set(stateId, { _id: stateId, list: 'embedded', lastTotal: ENTRIES });
      emu.clearFaults();
      let before = 0;
      const { ms, total } = await listInChild(root, mode, env, () => {
        slow();
        before = calls();
      });
      if (total !== ENTRIES) throw new Error(`listing (${mode}) saw ${total} entries, not ${ENTRIES}`);
      return { ms, calls: calls() - before };
    };
    // Interleaved trials, medians: the machine is shared, one trial alone is noisy.
    const trials = { byHand: [] as Array<{ ms: number; calls: number }>, hinted: [] as Array<{ ms: number; calls: number }>, cold: [] as Array<{ ms: number; calls: number }> };
    for (let trial = 0; trial < LISTING_TRIALS; trial++) {
      trials.byHand.push(await measure('byHand', false));
      trials.hinted.push(await measure('all', true));
      trials.cold.push(await measure('all', false));
    }
    const mid = (runs: Array<{ ms: number; calls: number }>) => ({ ms: median(runs.map((r) => r.ms)), calls: Math.max(...runs.map((r) => r.calls)) });
    const sequential = mid(trials.byHand);
    const hinted = mid(trials.hinted);
    const cold = mid(trials.cold);
    return {
      entries: ENTRIES, trials: LISTING_TRIALS, latencyMsPerRequest: LATENCY_MS,
      sequentialMs: round(sequential.ms), sequentialCalls: sequential.calls,
      allHintedMs: round(hinted.ms), allHintedCalls: hinted.calls,
      allColdMs: round(cold.ms), allColdCalls: cold.calls,
      pagesNeeded: Math.ceil(ENTRIES / PAGE),
      ratioHintedVsSequential: round(hinted.ms / sequential.ms),
      ratioColdVsSequential: round(cold.ms / sequential.ms),
    };
  } finally {
    await emu.close();
  }
}

/**
 * A sync of 10,000 half-screen authorizations: the baseline, then a run with nothing changed
 * (target: no entry or change written), then a run after 100 changes (writes proportional to
 * them). Database write requests are counted by the emulator, whatever the function reports.
 */
export async function measureSync(root: string): Promise<SyncResult> {
  const emu = await startEmulator({ embeddedCount: ENTRIES, applicantCount: 1, evolution: { newApplicants: 0, newAuthorizations: 40, expire: 30, withdraw: 30 } });
  try {
    await useEmulator(emu);
    const sync = loadBuilt(root, 'syncLists');
    const run = async () => {
      const writesBefore = writeRequests(emu);
      const [result, ms] = await timed(() => sync({}, { time_limit_in_ms: 60_000 }));
      if (result.errCode !== 0 || !result.complete) throw new Error(`sync failed: ${result.errMsg}`);
      return { result, ms: round(ms), writes: writesBefore === undefined ? 0 : writeRequests(emu) - writesBefore };
    };
    const baseline = await run();
    const unchanged = await run();
    const [step] = emu.evolve.step();
    const changes = step!.newAuthorizations.length + step!.expiredAuthorizations.length + step!.withdrawnAuthorizations.length;
    const changed = await run();
    const db = (r: Record<string, any>) => r.database as { entryWrites: number; changeWrites: number; bookkeepingWrites: number };
    const changedWrites = db(changed.result).entryWrites + db(changed.result).changeWrites;
    return {
      entries: ENTRIES,
      baselineMs: baseline.ms,
      unchanged: { ms: unchanged.ms, entryAndChangeWrites: db(unchanged.result).entryWrites + db(unchanged.result).changeWrites, bookkeepingWrites: db(unchanged.result).bookkeepingWrites, databaseWriteRequests: unchanged.writes },
      changed: { changes, ms: changed.ms, entryAndChangeWrites: changedWrites, bookkeepingWrites: db(changed.result).bookkeepingWrites, databaseWriteRequests: changed.writes, writesPerChange: round(changedWrites / changes) },
    };
  } finally {
    await emu.close();
  }
}

export function printListSync(listing: ListingResult | undefined, sync: SyncResult | undefined): void {
  if (listing) {
    console.log(`\nListing ${listing.entries} half-screen authorizations, ${listing.latencyMsPerRequest} ms added per request (same run, median of ${listing.trials} interleaved trials, calls: the most of any trial):`);
    console.table([
      { way: 'sequential paging by hand', ms: listing.sequentialMs, calls: listing.sequentialCalls },
      { way: 'all: true, size known from the last sync', ms: listing.allHintedMs, calls: listing.allHintedCalls },
      { way: 'all: true, size unknown (only proven pages)', ms: listing.allColdMs, calls: listing.allColdCalls },
    ]);
    console.table([
      { ratio: 'all (size known) / sequential', value: listing.ratioHintedVsSequential, target: `<= ${LIST_SYNC_TARGETS.listingVsSequential}`, met: listing.ratioHintedVsSequential <= LIST_SYNC_TARGETS.listingVsSequential },
      { ratio: 'all (size unknown) / sequential', value: listing.ratioColdVsSequential, target: '(context)', met: '' },
      { ratio: 'calls beyond the pages holding data (size known)', value: listing.allHintedCalls - listing.pagesNeeded, target: `<= ${LIST_SYNC_TARGETS.callsBeyondNeeded}`, met: listing.allHintedCalls - listing.pagesNeeded <= LIST_SYNC_TARGETS.callsBeyondNeeded },
    ]);
  }
  if (sync) {
    console.log(`\nSync of ${sync.entries} half-screen authorizations (baseline ${sync.baselineMs} ms):`);
    console.table([
      { run: 'nothing changed', ms: sync.unchanged.ms, 'entry + change writes': sync.unchanged.entryAndChangeWrites, 'bookkeeping writes': sync.unchanged.bookkeepingWrites, 'DB write requests (emulator)': sync.unchanged.databaseWriteRequests, target: 'no entry or change write', met: sync.unchanged.entryAndChangeWrites === 0 },
      { run: `${sync.changed.changes} changes`, ms: sync.changed.ms, 'entry + change writes': sync.changed.entryAndChangeWrites, 'bookkeeping writes': sync.changed.bookkeepingWrites, 'DB write requests (emulator)': sync.changed.databaseWriteRequests, target: `proportional to changes (${sync.changed.writesPerChange} per change)`, met: sync.changed.entryAndChangeWrites <= 2 * sync.changed.changes },
    ]);
  }
}
