import { fork } from 'node:child_process';
import path from 'node:path';
import { startEmulator, type Emulator, type SeededAuthorizer } from '../emulator';
import { startLocalCloud } from '../localcloud';
import { authorizeSeededAccounts } from '../tools/openPlatformDemo';
import { stableToken } from './lib/stableToken';
import { round } from './lib/stats';

type Envelope = Record<string, any>;

/** The database answers every request this much later (a CloudBase database a region away). */
const DB_LATENCY_MS = 20;
const LIMIT_MS = 60_000;
const OWN_LIST = '/wxaapi/wxaembedded/get_own_list';
const ENTRY_COLLECTIONS = ['plugin_applicants', 'embedded_authorizations', 'embedded_applications'];
/** The list states, the outbox: the reads of a run besides each list's pages and its count. */
const RUN_READS = 2;
/** The lease (taken, given back) and the run's summary: the writes of a run besides each list's state. */
const RUN_WRITES = 3;

export interface UnchangedPass {
  entries: number;
  ms: number;
  lists: number;
  /** One read per 1000 stored entries of each list, rounded up. */
  storedPages: number;
  reads: number;
  readsAtMost: number;
  /** Writes to the entries, the change log and the outbox. */
  entryChangeMessageWrites: number;
  bookkeepingWrites: number;
  bookkeepingWritesAtMost: number;
}

export interface ManyAccounts {
  accounts: number;
  entriesEach: number;
  lists: number;
  /** Runs of the unchanged pass until every list completed (1: inside one invocation). */
  runs: number;
  msEachRun: number[];
  readsEachRun: number[];
  writesEachRun: number[];
  /** Every list completed exactly once across the runs, a resumed one from where it stopped. */
  resumedCleanly: boolean;
}

export interface KilledAndResumed {
  entries: number;
  changes: number;
  pages: number;
  killedAfterPages: number;
  uninterrupted: { ms: number; pagesAskedFor: number; entryAndChangeWrites: number; reads: number };
  resumed: { ms: number; fromPage: number; pagesAskedFor: number; entryAndChangeWrites: number; reads: number; changeRecordErrors: number };
  writesRatio: number;
}

export interface SyncDatabaseResult {
  latencyMs: number;
  unchanged: UnchangedPass;
  manyAccounts: ManyAccounts;
  killed: KilledAndResumed;
}

/** The caller's environment: an admin of the Mini Program, the emulator as CloudBase and WeChat. */
function baseEnv(emu: Emulator, vars: Record<string, string>): NodeJS.ProcessEnv {
  const env = emu.sdkEnv();
  return { PATH: process.env.PATH, ...env, ADMIN_OPENIDS: env.WX_OPENID, LOG_LEVEL: 'silent', WECHAT_API_BASE_URL: emu.wechatBaseUrl, ...vars };
}

async function fixedTokenVars(emu: Emulator, concurrency: number): Promise<Record<string, string>> {
  const token = await stableToken(emu);
  return { AUTHORIZER_ACCESS_TOKEN: token, APPID: emu.accounts.app.appid, LIST_CONCURRENCY: String(concurrency) };
}

/**
 * One run of the built syncLists in its own process, as a platform instance runs it. `killWhen`
 * is checked every 10 ms: once true, the process is killed (SIGKILL) and the run reports nothing.
 */
function runSync(root: string, env: NodeJS.ProcessEnv, killWhen?: () => boolean): Promise<{ envelope?: Envelope; ms: number; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = fork(path.join(root, 'bench', 'lib', 'syncOnce.js'), [path.join(root, 'dist', 'functions', 'syncLists', 'index.js'), String(LIMIT_MS)], { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let killed = false;
    const watch = killWhen ? setInterval(() => {
      if (!killed && killWhen()) {
        killed = true;
        child.kill('SIGKILL');
      }
    }, 10) : undefined;
    child.on('message', (message: { result?: Envelope; error?: string }) => {
      if (message.error) reject(new Error(`syncLists threw: ${message.error}`));
      else resolve({ envelope: message.result, ms: round(performance.now() - started), killed: false });
    });
    child.on('error', reject);
    child.on('exit', () => {
      if (watch) clearInterval(watch);
      if (killed) resolve({ ms: round(performance.now() - started), killed: true });
    });
  });
}

async function runOk(root: string, env: NodeJS.ProcessEnv): Promise<{ envelope: Envelope; ms: number }> {
  const { envelope, ms } = await runSync(root, env);
  if (!envelope || envelope.errCode !== 0) throw new Error(`sync failed: ${JSON.stringify(envelope?.error ?? envelope)}`);
  return { envelope, ms };
}

const slowDatabase = (emu: Emulator) => emu.inject({ kind: 'database', latencyMs: DB_LATENCY_MS, times: Infinity });
const pagesOf = (envelope: Envelope) => (envelope.lists as Envelope[]).reduce((n, l) => n + Math.max(1, Math.ceil((l.total ?? 0) / 1000)), 0);
const entryChangeMessageWrites = (emu: Emulator, since: number) => {
  const by = emu.databaseRequests(since).byCollection;
  return [...ENTRY_COLLECTIONS, 'list_changes', 'notifications'].reduce((n, name) => n + (by[name]?.writes ?? 0), 0);
};

/** A pass over 10,000 half-screen authorizations (and the two small lists beside them) where nothing changed. */
export async function measureUnchanged(root: string): Promise<UnchangedPass> {
  const emu = await startEmulator({ embeddedCount: 10_000, applicantCount: 1 });
  try {
    const env = baseEnv(emu, await fixedTokenVars(emu, 4));
    await runOk(root, env); // the baseline
    slowDatabase(emu);
    const since = emu.calls.length;
    const { envelope, ms } = await runOk(root, env);
    if (!envelope.complete) throw new Error('the unchanged pass did not complete');
    const counts = emu.databaseRequests(since);
    const lists = envelope.lists.length as number;
    const storedPages = pagesOf(envelope);
    const bookkeeping = (counts.byCollection.sync_state?.writes ?? 0);
    return {
      entries: 10_000, ms, lists, storedPages,
      reads: counts.reads, readsAtMost: storedPages + lists + RUN_READS,
      entryChangeMessageWrites: entryChangeMessageWrites(emu, since),
      bookkeepingWrites: bookkeeping, bookkeepingWritesAtMost: lists + RUN_WRITES,
    };
  } finally {
    await emu.close();
  }
}

/**
 * Whether each run after the first took up where the one before stopped: the lists not yet
 * completed first (none of them started over: an unfinished one from the page it got to), and
 * only then lists it had completed already (their next pass).
 */
function resumedInOrder(runs: Envelope[][]): boolean {
  const key = (l: Envelope) => `${l.list}:${l.account}`;
  const done = new Set<string>();
  for (const [index, lists] of runs.entries()) {
    const before = runs[index - 1] ?? [];
    let leftoversFirst = true;
    let reachedDone = false;
    for (const l of lists) {
      if (l.deferred) continue;
      if (done.has(key(l))) reachedDone = true;
      else if (reachedDone) leftoversFirst = false;
      const stopped = before.find((b) => key(b) === key(l) && !b.complete && !b.deferred);
      if (stopped && l.fromPage !== stopped.nextPage) return false;
    }
    if (!leftoversFirst) return false;
    for (const l of lists) if (l.complete) done.add(key(l));
  }
  return true;
}

/**
 * A third-party platform with 100 authorized accounts of 1000 half-screen authorizations each
 * (every account also has its applications list): authorized through pushes to componentEvents
 * over the local cloud's HTTP access path, a baseline, then the unchanged pass measured, run after
 * run until every list completed.
 */
export async function measureManyAccounts(root: string): Promise<ManyAccounts> {
  const ACCOUNTS = 100;
  const authorizers: SeededAuthorizer[] = Array.from({ length: ACCOUNTS }, (_, i) => ({ appid: `wx${(0xa000000000000000n + BigInt(i)).toString(16)}`, nickname: `账号${i}`, funcIds: [1, 18] }));
  const emu = await startEmulator({ embeddedCount: 1000, applicantCount: 1, authorizers });
  const push = {
    COMPONENT_APPID: emu.accounts.component.appid,
    COMPONENT_APPSECRET: emu.accounts.component.secret,
    COMPONENT_TOKEN: emu.openPlatform.settings.token,
    COMPONENT_ENCODING_AES_KEY: emu.openPlatform.settings.encodingAesKey,
  };
  try {
    const cloud = await startLocalCloud({ emulator: emu, root, env: { ...push, ADMIN_OPENIDS: emu.sdkEnv().WX_OPENID ?? '', LOG_LEVEL: 'silent' } });
    try {
      await authorizeSeededAccounts(emu, `${cloud.url}/componentEvents`);
    } finally {
      await cloud.close();
    }
    const env = baseEnv(emu, { ...push, LIST_CONCURRENCY: '4' });
    for (let run = 0; run < 5; run++) if ((await runOk(root, env)).envelope.complete) break; // the baseline, however many runs it takes
    slowDatabase(emu);
    // Run after run until every list has completed its unchanged pass once (one run, when it fits in one).
    const runs: Array<{ envelope: Envelope; ms: number; reads: number; writes: number }> = [];
    const completed: string[] = [];
    let lists = 0;
    while (runs.length < 5) {
      const since = emu.calls.length;
      const { envelope, ms } = await runOk(root, env);
      const counts = emu.databaseRequests(since);
      runs.push({ envelope, ms, reads: counts.reads, writes: counts.writes });
      lists = (envelope.lists as Envelope[]).length;
      completed.push(...(envelope.lists as Envelope[]).filter((l) => l.complete).map((l) => `${l.list}:${l.account}`));
      if (new Set(completed).size === lists) break;
    }
    return {
      accounts: ACCOUNTS, entriesEach: 1000, lists, runs: runs.length,
      msEachRun: runs.map((r) => r.ms), readsEachRun: runs.map((r) => r.reads), writesEachRun: runs.map((r) => r.writes),
      resumedCleanly: new Set(completed).size === lists && resumedInOrder(runs.map((r) => r.envelope.lists as Envelope[])),
    };
  } finally {
    await emu.close();
  }
}

/**
 * 10,000 half-screen authorizations, 2000 of them changed (200 on each page): an uninterrupted
 * pass, then the same number of changes again and a run killed once it asks for the sixth page
 * (five pages written and saved), and the run that resumes it. One page at a time, so the kill
 * falls in the same place every time.
 */
export async function measureKilledAndResumed(root: string): Promise<KilledAndResumed> {
  const ENTRIES = 10_000;
  const PAGES = 10;
  const KILLED_AFTER = 5;
  const emu = await startEmulator({ embeddedCount: ENTRIES, applicantCount: 1 });
  const changeEveryFifth = () => {
    emu.data.embedded.forEach((record, i) => {
      if (i % 5 !== 0) return;
      const next = Number(record.status) === 6 ? 2 : 6;
      record.status = typeof record.status === 'string' ? String(next) : next;
    });
  };
  const pagesAskedFor = (since: number) => emu.calls.slice(since).filter((c) => c.api === OWN_LIST).length;
  const entryAndChangeWrites = (since: number) => {
    const by = emu.databaseRequests(since).byCollection;
    return (by.embedded_authorizations?.writes ?? 0) + (by.list_changes?.writes ?? 0);
  };
  try {
    const env = baseEnv(emu, await fixedTokenVars(emu, 1));
    await runOk(root, env);
    slowDatabase(emu);

    changeEveryFifth();
    let since = emu.calls.length;
    const whole = await runOk(root, env);
    const uninterrupted = { ms: whole.ms, pagesAskedFor: pagesAskedFor(since), entryAndChangeWrites: entryAndChangeWrites(since), reads: emu.databaseRequests(since).reads };

    changeEveryFifth();
    const changesBefore = emu.db.collection('list_changes').size;
    since = emu.calls.length;
    // Five pages answered; the sixth held for ever, and the process killed while it waits.
    emu.clearFaults();
    emu.inject({ kind: 'https', api: OWN_LIST, times: KILLED_AFTER });
    emu.inject({ kind: 'https', api: OWN_LIST, stall: true, times: 1 });
    slowDatabase(emu);
    const killed = await runSync(root, env, () => pagesAskedFor(since) > KILLED_AFTER);
    if (!killed.killed) throw new Error(`the run to kill ended on its own: ${JSON.stringify(killed.envelope).slice(0, 3000)}`);
    emu.clearFaults();
    slowDatabase(emu);
    // The killed run's lease lapses: moved into the past, as the clock would.
    const lease = emu.db.collection('sync_state').get('lease:syncLists');
    if (lease) lease.until = Date.now() - 1;
    since = emu.calls.length;
    const after = await runOk(root, env);
    const embedded = (after.envelope.lists as Envelope[]).find((l) => l.list === 'embedded')!;
    const changes = [...emu.db.collection('list_changes').values()].slice(changesBefore);
    const resumed = {
      ms: after.ms, fromPage: embedded.fromPage as number, pagesAskedFor: pagesAskedFor(since),
      entryAndChangeWrites: entryAndChangeWrites(since), reads: emu.databaseRequests(since).reads,
      // Recorded twice, or not at all: none, when each change is one record.
      changeRecordErrors: Math.abs(changes.length - ENTRIES / 5) + (changes.length - new Set(changes.map((c) => c.appid)).size),
    };
    return {
      entries: ENTRIES, changes: ENTRIES / 5, pages: PAGES, killedAfterPages: KILLED_AFTER, uninterrupted, resumed,
      writesRatio: round(resumed.entryAndChangeWrites / uninterrupted.entryAndChangeWrites, 3),
    };
  } finally {
    await emu.close();
  }
}

/** The database work of sync passes, the database answering in 20 ms, each scenario on its own emulator. */
export async function measureSyncDatabase(root: string): Promise<SyncDatabaseResult> {
  const unchanged = await measureUnchanged(root);
  const manyAccounts = await measureManyAccounts(root);
  const killed = await measureKilledAndResumed(root);
  return { latencyMs: DB_LATENCY_MS, unchanged, manyAccounts, killed };
}

export function printSyncDatabase(result: SyncDatabaseResult): void {
  const { unchanged: u, manyAccounts: m, killed: k } = result;
  console.log(`\nDatabase work of sync passes, the database answering in ${result.latencyMs} ms (requests counted by the emulator):`);
  console.table([
    { pass: `${u.entries} unchanged (${u.lists} lists)`, ms: u.ms, reads: u.reads, 'entry, change, message writes': u.entryChangeMessageWrites, 'lease, state, summary writes': u.bookkeepingWrites },
    ...m.msEachRun.map((ms, i) => ({ pass: `${m.accounts} accounts x ${m.entriesEach}, unchanged (${m.lists} lists), run ${i + 1}`, ms, reads: m.readsEachRun[i], 'entry, change, message writes': '', 'lease, state, summary writes': '', writes: m.writesEachRun[i] })),
    { pass: `${k.changes} changes in ${k.entries}, uninterrupted`, ms: k.uninterrupted.ms, reads: k.uninterrupted.reads, 'list pages asked for': k.uninterrupted.pagesAskedFor, 'entry + change writes': k.uninterrupted.entryAndChangeWrites },
    { pass: `the same, resumed after a kill at page ${k.killedAfterPages + 1} of ${k.pages}`, ms: k.resumed.ms, reads: k.resumed.reads, 'list pages asked for': k.resumed.pagesAskedFor, 'entry + change writes': k.resumed.entryAndChangeWrites, 'from page': k.resumed.fromPage + 1 },
  ]);
}
