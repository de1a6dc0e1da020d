import type { CloudCollection } from '../database/cloudDatabase';
import { insertAll } from '../database/insertAll';
import { readAll } from '../database/pagedRead';
import type { Deadline } from '../core/deadline';
import type { ListKind } from './accounts';
import type { ChangeKind } from './entryDiff';
import type { DbCounters } from './entryStore';

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
 * A change's id says which entry changed, from which of its revisions, how, and to what status:
 * never which pass or run found it. So recording the same change again (a page redone after a
 * run was killed between recording its changes and saving its progress) finds it there, and the
 * same change written twice is one record. An entry is new once (entries are never deleted).
 */
export function changeId(list: ListKind, account: string, appid: string, kind: ChangeKind, fromRevision: number | null, to: number | null): string {
  const entry = `${list}:${account}:${appid}`;
  if (fromRevision === null) return `${entry}:new`;
  return `${entry}:r${fromRevision}:${kind}${to === null ? '' : `:${to}`}`;
}

/** An application is warned about once, whatever pass notices it. */
export const expiringId = (list: ListKind, account: string, appid: string, createTime: number) => `expiring:${list}:${account}:${appid}:${createTime}`;

/** Records changes in batches; one already recorded (same id) counts as recorded. */
export async function recordChanges(changes: CloudCollection, records: ChangeRecord[], deadline: Deadline, counters: DbCounters): Promise<void> {
  await insertAll(changes, records, {
    deadline, what: 'recording list changes', onWrite: () => (counters.changeWrites += 1), onRead: () => (counters.reads += 1),
  });
}

/** Every change a pass recorded, in `_id` order, one read per 1000. */
export async function changesOfPass(changes: CloudCollection, passId: string, deadline: Deadline, counters: DbCounters): Promise<ChangeRecord[]> {
  return readAll<ChangeRecord>(changes, { where: () => ({ passId }), deadline, what: 'reading the changes of a pass', onRead: () => (counters.reads += 1) });
}

/** What a change record says of the entry it is about (a listed item or a stored entry). */
interface EntryLike {
  appid: string;
  status: number;
  statusLabel: string;
  nickname?: unknown;
  createTime?: unknown;
}

/** A change record of one entry: `from` the status it had (status, back, gone), `to` the one it has now. */
export function changeRecord(
  kind: ChangeKind,
  id: string,
  where: { list: ListKind; account: string; passId: string; at: number },
  from: Pick<EntryLike, 'status' | 'statusLabel'> | null,
  to: Pick<EntryLike, 'status' | 'statusLabel'> | null,
  entry: EntryLike,
): ChangeRecord {
  return {
    _id: id, list: where.list, account: where.account, appid: entry.appid, kind,
    from: from?.status ?? null, fromLabel: from?.statusLabel ?? null,
    to: to?.status ?? null, toLabel: to?.statusLabel ?? null,
    nickname: typeof entry.nickname === 'string' ? entry.nickname : null,
    createTime: typeof entry.createTime === 'number' ? entry.createTime : null,
    at: where.at, passId: where.passId,
  };
}
