import type { CloudCollection, RunOptions } from '../database/cloudDatabase';
import { readAll } from '../database/pagedRead';
import type { Deadline } from '../core/deadline';
import { LIST_KINDS, type ListKind } from './accounts';
import { listStateId } from './collections';
import type { DbCounters } from './entryStore';

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
  /**
   * The pass has written an entry or a change (it was saved just before its first such write):
   * from then on its progress is saved after every page, and its changes are read back when a
   * later run closes it. A pass that wrote nothing saves nothing until it ends or stops (redoing
   * its pages costs reads and calls, never a write).
   */
  wrote?: boolean;
  /**
   * The listing ended with a sharp shrink (shrinkCheck.ts): the list is read a second time before
   * anything is marked gone; where that second reading got to.
   */
  reread?: { nextPage: number; missing: number; stored: number };
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

export const emptyListState = (list: ListKind, account: string): ListState => ({
  _id: listStateId(list, account), list, account, baselineAt: null, lastTotal: null, lastCompletedAt: null, lastPassStartedAt: null, lastCounts: null, pass: null,
});

/** The state of one list, whole (with the appids its unfinished pass has seen). */
export async function loadListState(state: CloudCollection, list: ListKind, account: string, deadline: Deadline, counters: DbCounters): Promise<ListState> {
  counters.reads += 1;
  const { data } = await state.run((c) => c.where({ _id: listStateId(list, account) }).get(), deadline, 'reading the list state');
  return (data[0] as ListState | undefined) ?? emptyListState(list, account);
}

/**
 * The states of every list, in one read per 1000 lists, without the appids unfinished passes
 * have seen (a list of 10,000 entries carries 10,000 of them): enough to order the run and to
 * start every list whose last pass ended. A list with an unfinished pass loads its state whole.
 */
export async function loadListStates(state: CloudCollection, deadline: Deadline, counters: DbCounters): Promise<Map<string, ListState>> {
  const states = await readAll<ListState>(state, {
    where: (_) => ({ list: _.in([...LIST_KINDS]) }),
    fields: { 'pass.seen': false },
    deadline,
    what: 'reading the list states',
    onRead: () => (counters.reads += 1),
  });
  return new Map(states.map((s) => [s._id, { ...emptyListState(s.list, s.account), ...s }]));
}

/** Saves the whole state document (set: create or replace). */
export async function saveListState(state: CloudCollection, value: ListState, deadline: Deadline, counters: DbCounters, options?: RunOptions): Promise<void> {
  const { _id, ...rest } = value;
  counters.bookkeepingWrites += 1;
  await state.run((c) => c.doc(_id).set({ data: rest }), deadline, 'saving the list state', options);
}

/**
 * The order of this run's lists, so that no account waits for ever behind others when one run
 * cannot walk them all (a third-party platform with many authorizers): a pass left unfinished
 * first (it resumes), then lists never completed, then the one completed longest ago. Ties keep
 * the planned order.
 */
export function fairOrder<T extends { list: ListKind; account: string }>(planned: T[], states: Map<string, ListState>): T[] {
  const rank = (item: T): [number, number] => {
    const found = states.get(listStateId(item.list, item.account));
    if (found?.pass) return [0, 0];
    if (!found || found.lastCompletedAt === null || found.lastCompletedAt === undefined) return [1, 0];
    return [2, found.lastCompletedAt];
  };
  return planned
    .map((item, index) => ({ item, index, rank: rank(item) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.index - b.index)
    .map(({ item }) => item);
}
