import type { CloudCollection } from '../database/cloudDatabase';
import type { Deadline } from '../transport/deadline';
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
export async function saveListState(state: CloudCollection, value: ListState, deadline: Deadline): Promise<void> {
  const { _id, ...rest } = value;
  await state.run((c) => c.doc(_id).set({ data: rest }), deadline, 'saving the list state');
}
