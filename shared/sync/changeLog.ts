import type { CloudCollection } from '../database/cloudDatabase';
import type { Deadline } from '../core/deadline';
import type { ListKind } from './accounts';
import type { ChangeKind } from './entryDiff';
import { DB_READ_LIMIT, insertMany, type DbCounters } from './entryStore';

/** One document of `list_changes`: one change of one entry. */
export interface ChangeRecord {
  _id: string;
  list: ListKind;
  account: string;
  appid: string;
  kind: ChangeKind;
  /** Status before and after (status changes; `gone` has only `from`, `new` only `to`). */
  from: number | null;
  fromLabel: string | null;
  to: number | null;
  toLabel: string | null;
  nickname: string | null;
  createTime: number | null;
  at: number;
  /** The pass that found it: a pass resumed by a later run keeps its id, so its changes keep theirs. */
  passId: string;
}

/**
 * The id says what changed and in which pass, so recording the same change again (a page
 * redone after a run stopped before saving its progress) finds it already there.
 */
export const changeId = (passId: string, list: ListKind, account: string, appid: string) => `${passId}:${list}:${account}:${appid}`;
/** An application is warned about once, whatever pass notices it. */
export const expiringId = (list: ListKind, account: string, appid: string, createTime: number) => `expiring:${list}:${account}:${appid}:${createTime}`;

export async function recordChanges(changes: CloudCollection, records: ChangeRecord[], deadline: Deadline, counters: DbCounters): Promise<void> {
  await insertMany(changes, records, deadline, 'recording list changes', () => (counters.changeWrites += 1), true);
}

/** Every change a pass recorded, read 1000 at a time. */
export async function changesOfPass(changes: CloudCollection, passId: string, deadline: Deadline, counters: DbCounters): Promise<ChangeRecord[]> {
  const all: ChangeRecord[] = [];
  for (let skip = 0; ; skip += DB_READ_LIMIT) {
    counters.reads += 1;
    const { data } = await changes.run(
      (c) => c.where({ passId }).orderBy('_id', 'asc').skip(skip).limit(DB_READ_LIMIT).get(),
      deadline,
      'reading the changes of a pass',
    );
    all.push(...(data as ChangeRecord[]));
    if (data.length < DB_READ_LIMIT) return all;
  }
}

