import { randomBytes } from 'node:crypto';
import { createEmbeddedListSource } from '../upstream/embeddedListSource';
import { listAll, type FetchPage } from '../upstream/listAll';
import { createPluginListSource } from '../upstream/pluginListSource';
import { createError, LOCAL, toWxError, type ErrorBody } from '../errors';
import type { Invocation } from '../core/invocation';
import type { Deadline } from '../core/deadline';
import type { SyncAccount } from './accounts';
import { changeId, changesOfPass, expiringId, recordChanges, type ChangeRecord } from './changeLog';
import { entryCollectionOf, entryId, syncCollections } from './collections';
import { decideEntry, type StoredEntry } from './entryDiff';
import { insertMany, readEntries, readLiveEntries, replaceEntry, type DbCounters } from './entryStore';
import { loadListState, saveListState, zeroCounts, type ChangeCounts, type ListState, type PassProgress } from './listState';
import type { SyncConfig } from './syncConfig';

type ListedItem = { appid: string; status: number; statusLabel: string; nickname?: string; createTime?: number } & Record<string, unknown>;

export interface SyncRunContext {
  invocation: Invocation;
  /** Fetching stops here, leaving the rest of the deadline to save progress and notify. */
  workDeadline: Deadline;
  concurrency: number;
  config: SyncConfig;
  counters: DbCounters;
  now: () => number;
  /**
   * Called when a pass completes, before its state is saved: queues the notifications of its
   * changes (a run that dies before saving redoes the pass end with the same pass id, and the
   * queue's deterministic ids keep each notification single).
   */
  onPassComplete?: (account: SyncAccount, changes: ChangeRecord[]) => Promise<void>;
}

export interface ListRunResult {
  list: SyncAccount['list'];
  account: string;
  /** This pass was the first for the list: stored, no per-entry change recorded, nobody told. */
  baseline: boolean;
  /** The pass reached the end of the list; otherwise the next run resumes it. */
  complete: boolean;
  /** Changes of the pass, counted from list_changes when it completes (each once, across runs). */
  counts: ChangeCounts;
  /** Entries listed (complete passes). */
  total?: number;
  /** Entries stored by this run (new entries and changed ones). */
  stored: number;
  calls: number;
  callsBeyondNeeded: number;
  fromPage: number;
  nextPage?: number;
  /** Unfinished passes: whether where it got to was saved (if not, the next run redoes a few pages). */
  progressSaved?: boolean;
  /** Not started: the run's time for listing was spent on the lists before it (it goes first next run). */
  deferred?: boolean;
  passId: string;
  error?: ErrorBody;
}

function fetcherFor(account: SyncAccount, invocation: Invocation): FetchPage<ListedItem> {
  if (account.list === 'plugin') {
    // Another authorizer's plugin list goes over HTTPS with its token; the environment's own, cloud path first.
    const source = createPluginListSource(invocation, account.https);
    return async (index, size) => (await source.fetchPage(index + 1, size)).items as ListedItem[];
  }
  const source = createEmbeddedListSource(invocation, account.https);
  return async (index, size) => (await source.fetchRange(index * size, size)).items as ListedItem[];
}

const newPassId = (now: number) => `${now.toString(36)}${randomBytes(4).toString('hex')}`;

function changeRecord(kind: ChangeRecord['kind'], id: string, account: SyncAccount, pass: PassProgress, at: number, from: { status: number; statusLabel: string } | null, to: ListedItem | StoredEntry | null, entry: ListedItem | StoredEntry): ChangeRecord {
  return {
    _id: id, list: account.list, account: account.account, appid: entry.appid, kind,
    from: from?.status ?? null, fromLabel: from?.statusLabel ?? null,
    to: to?.status ?? null, toLabel: to?.statusLabel ?? null,
    nickname: typeof entry.nickname === 'string' ? entry.nickname : null,
    createTime: typeof entry.createTime === 'number' ? entry.createTime : null,
    at, passId: pass.id,
  };
}

/**
 * One list of one account, from where the last run stopped to the end or to the deadline: each
 * page is compared with what is stored; only new and changed entries are written, each change
 * recorded first (so a page redone after a stop finds its changes already there); at the end,
 * entries no longer listed are marked gone and pending ones close to their expiry are flagged.
 */
export async function syncList(account: SyncAccount, ctx: SyncRunContext): Promise<ListRunResult> {
  const { invocation, counters } = ctx;
  const deadline = invocation.deadline;
  const db = syncCollections();
  const entries = entryCollectionOf(account.list);
  counters.reads += 1;
  const state = await loadListState(db.state, account.list, account.account, deadline);
  const baseline = state.baselineAt === null;
  const startedAt = ctx.now();
  let pass = state.pass;
  if (!pass) {
    // Saved before any entry is written: a run that dies mid-pass leaves the pass id for the next
    // run, which finds the changes already recorded under it and counts and notifies them once.
    pass = { id: newPassId(startedAt), startedAt, nextPage: 0, seen: [], counts: zeroCounts(), calls: 0 };
    counters.bookkeepingWrites += 1;
    await saveListState(db.state, { ...state, pass }, deadline);
  }
  const fromPage = pass.nextPage;
  const seen = new Set(pass.seen);
  let stored = 0;
  let failure: ErrorBody | undefined;
  let stopped = false;

  // Page requests end with the listing time (not the invocation's): a page still in flight at
  // the work deadline is given up and fetched again next run, so the reserve stays whole for
  // saving where the pass got to and releasing the lease, however slow the page or the machine.
  const pages = listAll(fetcherFor(account, { ...invocation, deadline: ctx.workDeadline }), {
    deadline: ctx.workDeadline, fromPage, concurrency: ctx.concurrency, expectedTotal: state.lastTotal ?? undefined,
  });
  try {
    for await (const page of pages) {
      const fresh: ListedItem[] = [];
      for (const item of page.items) {
        if (seen.has(item.appid)) continue; // listed again after the list shifted: already handled
        seen.add(item.appid);
        fresh.push(item);
      }
      stored += await applyPage(fresh, account, pass, baseline, ctx);
      pass.nextPage = page.index + 1;
      if (!page.last && ctx.workDeadline.expired()) {
        stopped = true;
        break;
      }
    }
  } catch (thrown) {
    const error = toWxError(thrown);
    if (OUT_OF_TIME.has(error.code)) stopped = true;
    else failure = createError(LOCAL.SYNC_LIST_FAILED, { detail: `Syncing ${account.list} for ${account.account} stopped at page ${pass.nextPage + 1}.`, cause: error }).body;
  }
  pass.calls += pages.stats.calls;
  const base = { list: account.list, account: account.account, baseline, stored, calls: pages.stats.calls, callsBeyondNeeded: pages.stats.callsBeyondNeeded, fromPage, passId: pass.id };
  const unfinished = async (error?: ErrorBody): Promise<ListRunResult> => {
    const progressSaved = await saveProgress(db.state, { ...state, pass: { ...pass!, seen: [...seen] } }, deadline, counters);
    return { ...base, complete: false, counts: pass!.counts, nextPage: pass!.nextPage, progressSaved, ...(error ? { error } : {}) };
  };
  if (stopped || failure) return unfinished(failure);

  try {
    const now = ctx.now();
    await markGone(entries, account, pass, seen, baseline, state, now, ctx);
    if (!baseline) await flagExpiring(entries, account, pass, now, ctx);
    const changes = baseline ? [] : await changesOfPass(db.changes, pass.id, deadline, counters);
    const counts = zeroCounts();
    for (const change of changes) counts[change.kind] += 1;
    counts.updated = pass.counts.updated;
    const next: ListState = {
      ...state, baselineAt: state.baselineAt ?? now, lastTotal: seen.size, lastCompletedAt: now, lastPassStartedAt: pass.startedAt, lastCounts: counts, pass: null,
    };
    if (!baseline && changes.length > 0) await ctx.onPassComplete?.(account, changes);
    counters.bookkeepingWrites += 1;
    await saveListState(db.state, next, deadline);
    return { ...base, complete: true, counts, total: seen.size };
  } catch (thrown) {
    // Out of time while closing the pass: every step of it is safe to redo, so the next run
    // closes it again from the saved progress (gone entries and changes are found once).
    const error = toWxError(thrown);
    if (!OUT_OF_TIME.has(error.code)) throw error;
    return unfinished();
  }
}

/** Running out of the invocation's time: the run stops and the next one resumes. */
const OUT_OF_TIME = new Set<number>([LOCAL.DEADLINE_EXCEEDED, LOCAL.DATABASE_TIMEOUT]);

/**
 * Saves an unfinished pass. With no time left even for that, the next run redoes the pages since
 * the last save; they are stored already, so nothing is counted twice.
 */
async function saveProgress(state: ReturnType<typeof syncCollections>['state'], value: ListState, deadline: Deadline, counters: DbCounters): Promise<boolean> {
  try {
    counters.bookkeepingWrites += 1;
    // Tried even after a database step of this run ran out of time (a slow page write on a busy
    // machine is not a dead database): without it the next run redoes the pages since the last save.
    await saveListState(state, value, deadline, { evenIfStalled: true });
    return true;
  } catch {
    return false;
  }
}

async function applyPage(items: ListedItem[], account: SyncAccount, pass: PassProgress, baseline: boolean, ctx: SyncRunContext): Promise<number> {
  const deadline = ctx.invocation.deadline;
  const entries = entryCollectionOf(account.list);
  const ids = items.map((item) => entryId(account.account, item.appid));
  const storedById = await readEntries(entries, ids, deadline, ctx.counters);
  const now = ctx.now();
  const inserts: StoredEntry[] = [];
  const replaces: StoredEntry[] = [];
  const changes: ChangeRecord[] = [];
  items.forEach((item, i) => {
    const id = ids[i] as string;
    const decision = decideEntry(item, storedById.get(id), { list: account.list, account: account.account, id, now });
    if (decision.write === 'none') return;
    (decision.write === 'insert' ? inserts : replaces).push(decision.doc);
    if (!decision.change) {
      pass.counts.updated += 1;
      return;
    }
    if (baseline) return;
    const from = decision.write === 'replace' ? (decision.from ?? null) : null;
    changes.push(changeRecord(decision.change, changeId(pass.id, account.list, account.account, item.appid), account, pass, now, from, item, item));
  });
  // Changes first, then the entries they describe (see syncList).
  await recordChanges(syncCollections().changes, changes, deadline, ctx.counters);
  await insertMany(entries, inserts, deadline, 'storing new entries', () => (ctx.counters.entryWrites += 1));
  for (const doc of replaces) await replaceEntry(entries, doc, deadline, ctx.counters);
  return inserts.length + replaces.length;
}

/** Stored entries the whole pass did not list: marked gone (kept, never deleted). */
async function markGone(entries: ReturnType<typeof entryCollectionOf>, account: SyncAccount, pass: PassProgress, seen: Set<string>, baseline: boolean, state: ListState, now: number, ctx: SyncRunContext): Promise<void> {
  const deadline = ctx.invocation.deadline;
  const live = await readLiveEntries(entries, account.account, { appid: true, status: true, statusLabel: true, nickname: true, createTime: true }, deadline, ctx.counters);
  const gone = live.filter((entry) => !seen.has(entry.appid));
  if (gone.length === 0) return;
  if (!baseline) {
    const records = gone.map((entry) => changeRecord('gone', changeId(pass.id, account.list, account.account, entry.appid), account, pass, now, entry, null, entry));
    await recordChanges(syncCollections().changes, records, deadline, ctx.counters);
  }
  // Last seen by the last complete pass (unchanged entries are not written on every pass).
  const lastSeenAt = state.lastPassStartedAt ?? pass.startedAt;
  for (const entry of gone) {
    ctx.counters.entryWrites += 1;
    await entries.run((c) => c.doc(entry._id).update({ data: { gone: true, goneAt: now, lastSeenAt } }), deadline, 'marking an entry gone');
  }
}

/** Pending entries inside the warning window before the platform's pending limit, each flagged once. */
async function flagExpiring(entries: ReturnType<typeof entryCollectionOf>, account: SyncAccount, pass: PassProgress, now: number, ctx: SyncRunContext): Promise<void> {
  const deadline = ctx.invocation.deadline;
  const nowSeconds = Math.floor(now / 1000);
  const expiresBefore = nowSeconds - ctx.config.pendingExpirySeconds; // created before this: past the limit already
  const warnFrom = nowSeconds - (ctx.config.pendingExpirySeconds - ctx.config.expiryWarningSeconds);
  const pending = await readLiveEntries(entries, account.account, { appid: true, status: true, statusLabel: true, nickname: true, createTime: true, expiryWarnedAt: true }, deadline, ctx.counters, { status: 1 });
  const due = pending.filter((entry) => typeof entry.createTime === 'number' && entry.createTime > expiresBefore && entry.createTime <= warnFrom && entry.expiryWarnedAt === undefined);
  if (due.length === 0) return;
  const records = due.map((entry) => changeRecord('expiring', expiringId(account.list, account.account, entry.appid, entry.createTime as number), account, pass, now, entry, entry, entry));
  await recordChanges(syncCollections().changes, records, deadline, ctx.counters);
  for (const entry of due) {
    ctx.counters.entryWrites += 1;
    await entries.run((c) => c.doc(entry._id).update({ data: { expiryWarnedAt: now } }), deadline, 'flagging an expiring application');
  }
}

