import type { CloudCollection, RunOptions } from '../database/cloudDatabase';
import type { Deadline } from '../core/deadline';
import type { ListKind } from './accounts';
import { listStateId } from './collections';

/** A pass over one list that has not finished yet: where it got to, so the next run resumes there. */
export interface PassProgress {
  id: string;
  startedAt: number;
  /** The next page to fetch (0-based). */
  nextPage: number;
  /** Appids listed so far in this pass: whatever is stored and not among them at the end is gone. */
  seen: string[];
  counts: ChangeCounts;
  calls: number;
}

export interface ChangeCounts {
  new: number;
  status: number;
  gone: number;
  back: number;
  expiring: number;
  /** Entries whose other fields changed (stored quietly, no change record). */
  updated: number;
}

export const zeroCounts = (): ChangeCounts => ({ new: 0, status: 0, gone: 0, back: 0, expiring: 0, updated: 0 });

export interface ListState {
  _id: string;
  list: ListKind;
  account: string;
  /** When the first complete pass (the baseline: stored, no per-entry change, nobody told) ended. */
  baselineAt: number | null;
  /** Entries listed by the last complete pass: the size hint for the next one (listAll). */
  lastTotal: number | null;
  lastCompletedAt: number | null;
  lastPassStartedAt: number | null;
  lastCounts: ChangeCounts | null;
  pass: PassProgress | null;
}

export async function loadListState(state: CloudCollection, list: ListKind, account: string, deadline: Deadline): Promise<ListState> {
  const id = listStateId(list, account);
  const { data } = await state.run((c) => c.where({ _id: id }).get(), deadline, 'reading the list state');
  const found = data[0] as ListState | undefined;
  return found ?? { _id: id, list, account, baselineAt: null, lastTotal: null, lastCompletedAt: null, lastPassStartedAt: null, lastCounts: null, pass: null };
}

/** Saves the whole state document (set: create or replace). */
export async function saveListState(state: CloudCollection, value: ListState, deadline: Deadline, options?: RunOptions): Promise<void> {
  const { _id, ...rest } = value;
  await state.run((c) => c.doc(_id).set({ data: rest }), deadline, 'saving the list state', options);
}

/** Reads at most this many list states for ordering (a platform with more accounts is ordered by the first ones read). */
const STATES_READ = 1000;

/**
 * The order of this run's lists, so that no account waits for ever behind others when one run
 * cannot walk them all (a third-party platform with many authorizers): a pass left unfinished
 * first (it resumes), then lists never completed, then the one completed longest ago. Ties keep
 * the planned order. One read of the state documents; without it (no time, no database), the
 * planned order.
 */
export async function fairOrder<T extends { list: ListKind; account: string }>(state: CloudCollection, planned: T[], deadline: Deadline): Promise<T[]> {
  if (planned.length < 2) return planned;
  const { data } = await state.run(
    (c, _) => c.where({ list: _.in(['plugin', 'embedded']) }).limit(STATES_READ).field({ list: true, account: true, lastCompletedAt: true, 'pass.nextPage': true }).get(),
    deadline,
    'reading the list states',
  );
  // `pass.nextPage` alone: present exactly when a pass is unfinished, without its list of appids.
  const byId = new Map((data as Array<Pick<ListState, 'list' | 'account' | 'lastCompletedAt'> & { pass?: { nextPage: number } | null }>).map((s) => [listStateId(s.list, s.account), s]));
  const rank = (item: T): [number, number] => {
    const found = byId.get(listStateId(item.list, item.account));
    if (found?.pass) return [0, 0];
    if (!found || found.lastCompletedAt === null || found.lastCompletedAt === undefined) return [1, 0];
    return [2, found.lastCompletedAt];
  };
  return planned
    .map((item, index) => ({ item, index, rank: rank(item) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.index - b.index)
    .map(({ item }) => item);
}
