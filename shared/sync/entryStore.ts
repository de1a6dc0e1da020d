import type { CloudCollection, Command } from '../database/cloudDatabase';
import { setEach, updateByIds } from '../database/batchUpdates';
import { insertAll } from '../database/insertAll';
import { DB_READ_LIMIT, readAll } from '../database/pagedRead';
import type { Deadline } from '../core/deadline';
import type { StoredEntry } from './entryDiff';

/** Counts of database requests, so a run can show its writes follow the changes, not the list. */
export interface DbCounters {
  reads: number;
  entryWrites: number;
  changeWrites: number;
  bookkeepingWrites: number;
}

export const zeroDbCounters = (): DbCounters => ({ reads: 0, entryWrites: 0, changeWrites: 0, bookkeepingWrites: 0 });

/** The fields a pass needs of a stored entry it did not list (to record it gone). */
export const GONE_FIELDS = { appid: true, status: true, statusLabel: true, nickname: true, createTime: true, revision: true } as const;

/**
 * What a page's comparison needs of a stored entry (entryDiff.decideEntry, the expiry warning):
 * its digest and bookkeeping, not the item itself, which the listing brings again.
 */
const COMPARED_FIELDS = {
  digest: true, gone: true, status: true, statusLabel: true, createTime: true,
  firstSeenAt: true, statusChangedAt: true, expiryWarnedAt: true, revision: true,
} as const;

/** The stored entries with these ids (gone ones too), in one read (a page holds at most 1000), the fields compared. */
export async function readEntries(entries: CloudCollection, ids: string[], deadline: Deadline, counters: DbCounters): Promise<Map<string, StoredEntry>> {
  const found = new Map<string, StoredEntry>();
  if (ids.length === 0) return found;
  counters.reads += 1;
  const { data } = await entries.run((c, _) => c.where({ _id: _.in(ids) }).limit(DB_READ_LIMIT).field(COMPARED_FIELDS).get(), deadline, 'reading stored entries');
  for (const doc of data as StoredEntry[]) found.set(doc._id, doc);
  return found;
}

/** How many entries of an account are stored and not gone: one request, whatever their number. */
export async function countLive(entries: CloudCollection, account: string, deadline: Deadline, counters: DbCounters): Promise<number> {
  counters.reads += 1;
  const { total } = await entries.run((c) => c.where({ account, gone: false }).count(), deadline, 'counting stored entries');
  return total;
}

/** Every stored entry of an account that is not gone, the fields asked for, one read per 1000. */
export async function readLiveEntries(entries: CloudCollection, account: string, fields: Record<string, boolean>, deadline: Deadline, counters: DbCounters): Promise<StoredEntry[]> {
  return readAll<StoredEntry>(entries, { where: () => ({ account, gone: false }), fields, deadline, what: 'reading stored entries', onRead: () => (counters.reads += 1) });
}

/** The writes one page (or a pass's end) makes to the entries. */
export interface EntryWrites {
  /** New entries: one batch. */
  inserts: StoredEntry[];
  /** Changed entries, each its own content: replaced in bounded parallel. */
  replaces: StoredEntry[];
  /** The same update for many entries (flagged as warned, marked gone): one request per 1000. */
  sameUpdate?: { ids: string[]; data: (command: Command) => object; what: string };
}

export async function writeEntries(entries: CloudCollection, writes: EntryWrites, deadline: Deadline, counters: DbCounters): Promise<void> {
  const count = { onWrite: () => (counters.entryWrites += 1), onRead: () => (counters.reads += 1) };
  await insertAll(entries, writes.inserts, { deadline, what: 'storing new entries', ...count });
  if (writes.sameUpdate && writes.sameUpdate.ids.length > 0) {
    await updateByIds(entries, writes.sameUpdate.ids, writes.sameUpdate.data, { deadline, what: writes.sameUpdate.what, ...count });
  }
  await setEach(entries, writes.replaces, { deadline, what: 'storing changed entries', ...count });
}
