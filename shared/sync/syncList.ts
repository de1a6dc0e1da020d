import { randomBytes } from 'node:crypto';
import { createEmbeddedListSource } from '../upstream/embeddedListSource';
import { EMBEDDED_GET_LIST, GET_OWN_LIST } from '../upstream/descriptors';
import { listAll, type FetchPage } from '../upstream/listAll';
import { createPluginListSource } from '../upstream/pluginListSource';
import { createError, LOCAL, toWxError, type ErrorBody } from '../errors';
import type { Invocation } from '../core/invocation';
import type { SyncAccount } from './accounts';
import { applyPage, markGone, type ListedItem } from './applyPage';
import { changesOfPass, type ChangeRecord } from './changeLog';
import { entryCollectionOf, listStateId, syncCollections } from './collections';
import { countLive, GONE_FIELDS, readLiveEntries } from './entryStore';
import { loadListState, saveListState, zeroCounts, type ChangeCounts, type ListState, type PassProgress } from './listState';
import { saveProgress, type PassRun, type SyncRunContext } from './passRun';
import { isSharpShrink } from './shrinkCheck';

export type { SyncRunContext } from './passRun';

/**
 * A pass that would have marked a sharp share of a list's entries gone (shrinkCheck.ts) reads the
 * list a second time first. `unconfirmed`: the second reading has not ended yet (nothing marked
 * gone, nobody told; the next run goes on with it); `refuted`: it listed them all again;
 * `confirmed`: `stillMissing` of them were missing from both readings, and were marked gone.
 */
export interface SuspectShrink {
  missing: number;
  stored: number;
  outcome: 'unconfirmed' | 'refuted' | 'confirmed';
  stillMissing?: number;
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
  /** Unfinished passes: whether where it got to was saved (if not, the next run redoes the pages since the last save). */
  progressSaved?: boolean;
  /** Not started: the run's time for listing was spent on the lists before it (it goes first next run). */
  deferred?: boolean;
  /** The list shrank sharply: read again before anything was marked gone. */
  suspect?: SuspectShrink;
  passId: string;
  error?: ErrorBody;
}

function fetcherFor(account: SyncAccount, invocation: Invocation): FetchPage<ListedItem> {
  if (account.list === 'plugin') {
    // Another authorizer's plugin list goes over HTTPS with its token; the environment's own, cloud path first.
    const source = createPluginListSource(invocation, account.https);
    return async (index, size) => (await source.fetchPage(index + 1, size)).items as ListedItem[];
  }
  const source = createEmbeddedListSource(invocation, account.https, account.list === 'embedded' ? GET_OWN_LIST : EMBEDDED_GET_LIST);
  return async (index, size) => (await source.fetchRange(index * size, size)).items as ListedItem[];
}

const newPassId = (now: number) => `${now.toString(36)}${randomBytes(4).toString('hex')}`;

/** Running out of the invocation's time: the run stops and the next one resumes. */
const OUT_OF_TIME = new Set<number>([LOCAL.DEADLINE_EXCEEDED, LOCAL.DATABASE_TIMEOUT]);

type Walked = { done: true } | { done: false; error?: ErrorBody };

/**
 * One list of one account, from where the last run stopped to the end or to the deadline: each
 * page is compared with what is stored and only what changed is written (applyPage), and where
 * the pass got to is saved after every page once it has written anything. At the end, entries
 * no longer listed are marked gone; if that would be a sharp share of them, the list is read a
 * second time first, and only what both readings miss is gone (shrinkCheck.ts).
 */
export async function syncList(account: SyncAccount, ctx: SyncRunContext): Promise<ListRunResult> {
  const run = await startPass(account, ctx);
  const fromPage = run.pass.reread ? run.pass.reread.nextPage : run.pass.nextPage;
  const result = (fields: Partial<ListRunResult> & Pick<ListRunResult, 'complete' | 'counts'>): ListRunResult => ({
    list: account.list, account: account.account, baseline: run.baseline, stored: run.stored,
    calls: run.calls, callsBeyondNeeded: run.callsBeyondNeeded, fromPage, passId: run.pass.id, ...fields,
  });
  const unfinished = async (error?: ErrorBody): Promise<ListRunResult> => {
    const progressSaved = await saveProgress(run, { evenIfStalled: true }).then(() => true, () => false);
    const reread = run.pass.reread;
    return result({
      complete: false, counts: run.pass.counts, nextPage: reread ? reread.nextPage : run.pass.nextPage, progressSaved,
      ...(reread ? { suspect: { missing: reread.missing, stored: reread.stored, outcome: 'unconfirmed' as const } } : {}),
      ...(error ? { error } : {}),
    });
  };

  try {
    if (!run.pass.reread) {
      const listed = await walk(run, 'listing');
      if (!listed.done) return await unfinished(listed.error);
    }
    let live = await countLive(entryCollectionOf(account.list), account.account, ctx.closeDeadline, ctx.counters);
    let suspect: SuspectShrink | undefined;
    if (!run.pass.reread && isSharpShrink(live - run.seen.size, live, run.seen.size)) {
      run.pass.reread = { nextPage: 0, missing: live - run.seen.size, stored: live };
    }
    if (run.pass.reread) {
      const reread = await walk(run, 'reread');
      if (!reread.done) return await unfinished(reread.error);
      live = await countLive(entryCollectionOf(account.list), account.account, ctx.closeDeadline, ctx.counters);
      const stillMissing = Math.max(0, live - run.seen.size);
      suspect = { missing: run.pass.reread.missing, stored: run.pass.reread.stored, outcome: stillMissing > 0 ? 'confirmed' : 'refuted', stillMissing };
    }
    const counts = await closePass(run, live);
    return result({ complete: true, counts, total: run.seen.size, ...(suspect ? { suspect } : {}) });
  } catch (thrown) {
    // Closing failed or ran out of time: every step of it is safe to redo, so the next run closes
    // the pass again from the saved progress (gone entries and changes are found once).
    const error = toWxError(thrown);
    if (OUT_OF_TIME.has(error.code)) return unfinished();
    return unfinished(createError(LOCAL.SYNC_LIST_FAILED, { detail: `Closing the pass over ${account.list} for ${account.account} failed; the next run closes it.`, cause: error }).body);
  }
}

/** The list's state (from the run's read of all states, whole when its pass is unfinished) and its pass. */
async function startPass(account: SyncAccount, ctx: SyncRunContext): Promise<PassRun> {
  const known = ctx.states?.get(listStateId(account.list, account.account));
  const state: ListState = known && !known.pass
    ? known
    : await loadListState(syncCollections().state, account.list, account.account, ctx.closeDeadline, ctx.counters);
  const startedAt = ctx.now();
  const pass: PassProgress = state.pass ?? { id: newPassId(startedAt), startedAt, nextPage: 0, seen: [], counts: zeroCounts(), calls: 0 };
  return {
    account, ctx, state, pass, seen: new Set(pass.seen), baseline: state.baselineAt === null, wroteBefore: state.pass?.wrote === true,
    recorded: [], stored: 0, calls: 0, callsBeyondNeeded: 0,
  };
}

/**
 * Reads the list from where this phase of the pass got to (the first reading, or the second one
 * of a sharp shrink), applying each page. Pages are asked for until the listing time ends (a page
 * still in flight then is given up and fetched again next run), so the closing reserve stays whole.
 */
async function walk(run: PassRun, phase: 'listing' | 'reread'): Promise<Walked> {
  const { account, ctx, pass } = run;
  const progress = phase === 'listing' ? pass : pass.reread!;
  const pages = listAll(fetcherFor(account, { ...ctx.invocation, deadline: ctx.workDeadline }), {
    deadline: ctx.workDeadline, fromPage: progress.nextPage, concurrency: ctx.concurrency, expectedTotal: run.state.lastTotal ?? undefined,
  });
  let outcome: Walked = { done: true };
  try {
    for await (const page of pages) {
      const fresh: ListedItem[] = [];
      const onPage = new Set<string>();
      for (const item of page.items) {
        // Listed again after the list shifted (or on the first reading): already handled.
        if (run.seen.has(item.appid) || onPage.has(item.appid)) continue;
        onPage.add(item.appid);
        fresh.push(item);
      }
      await applyPage(run, fresh);
      for (const appid of onPage) run.seen.add(appid);
      progress.nextPage = page.index + 1;
      if (pass.wrote) await saveProgress(run);
      if (!page.last && ctx.workDeadline.expired()) {
        outcome = { done: false };
        break;
      }
    }
  } catch (thrown) {
    const error = toWxError(thrown);
    outcome = OUT_OF_TIME.has(error.code)
      ? { done: false }
      : { done: false, error: createError(LOCAL.SYNC_LIST_FAILED, { detail: `Syncing ${account.list} for ${account.account} stopped at page ${progress.nextPage + 1}.`, cause: error }).body };
  }
  run.calls += pages.stats.calls;
  run.callsBeyondNeeded += pages.stats.callsBeyondNeeded;
  pass.calls += pages.stats.calls;
  return outcome;
}

/**
 * The end of a pass: the stored entries it did not list are marked gone (read only when the count
 * says some are missing), its changes counted and handed to onPassComplete, its state saved.
 */
async function closePass(run: PassRun, live: number): Promise<ChangeCounts> {
  const { account, ctx, pass, state } = run;
  const now = ctx.now();
  if (live > run.seen.size) {
    const stored = await readLiveEntries(entryCollectionOf(account.list), account.account, GONE_FIELDS, ctx.closeDeadline, ctx.counters);
    await markGone(run, stored.filter((entry) => !run.seen.has(entry.appid)), now);
  }
  // What this run recorded is all of it, unless the pass had written in an earlier run.
  const changes: ChangeRecord[] = run.baseline ? [] : run.wroteBefore ? await changesOfPass(syncCollections().changes, pass.id, ctx.closeDeadline, ctx.counters) : run.recorded;
  const counts = zeroCounts();
  for (const change of changes) counts[change.kind] += 1;
  counts.updated = pass.counts.updated;
  if (changes.length > 0) await ctx.onPassComplete?.(account, changes);
  const next: ListState = {
    ...state, baselineAt: state.baselineAt ?? now, lastTotal: run.seen.size, lastCompletedAt: now, lastPassStartedAt: pass.startedAt, lastCounts: counts, pass: null,
  };
  await saveListState(syncCollections().state, next, ctx.closeDeadline, ctx.counters);
  return counts;
}
