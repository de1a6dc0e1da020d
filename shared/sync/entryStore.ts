import type { CloudCollection } from '../database/cloudDatabase';
import { toWxError, UPSTREAM } from '../errors';
import type { Deadline } from '../core/deadline';
import type { StoredEntry } from './entryDiff';

const DUPLICATE_KEY = UPSTREAM.DATABASE_REQUEST_FAILED; // E11000 among others (catalog.ts)
/** The most documents one database read returns (the platform caps `limit` at 1000). */
export const DB_READ_LIMIT = 1000;

/** Counts of database operations, so a run can show its writes follow the changes, not the list. */
export interface DbCounters {
  reads: number;
  entryWrites: number;
  changeWrites: number;
  bookkeepingWrites: number;
}

export const zeroDbCounters = (): DbCounters => ({ reads: 0, entryWrites: 0, changeWrites: 0, bookkeepingWrites: 0 });

/** The stored entries with these ids, in one read (a page holds at most 1000). */
export async function readEntries(entries: CloudCollection, ids: string[], deadline: Deadline, counters: DbCounters): Promise<Map<string, StoredEntry>> {
  const found = new Map<string, StoredEntry>();
  if (ids.length === 0) return found;
  counters.reads += 1;
  const { data } = await entries.run((c, _) => c.where({ _id: _.in(ids) }).limit(DB_READ_LIMIT).get(), deadline, 'reading stored entries');
  for (const doc of data as StoredEntry[]) found.set(doc._id, doc);
  return found;
}

/**
 * Inserts documents in one batch; a batch that meets an existing _id (a page stored by a run
 * that stopped before saving its progress) is written one by one instead, each `set`.
 */
export async function insertMany(collection: CloudCollection, docs: Array<{ _id: string } & object>, deadline: Deadline, what: string, onWrite: () => void, keepExisting = false): Promise<void> {
  if (docs.length === 0) return;
  try {
    onWrite();
    await collection.run((c) => c.add({ data: docs as unknown as object }), deadline, what);
    return;
  } catch (thrown) {
    if (toWxError(thrown).code !== DUPLICATE_KEY) throw thrown;
  }
  for (const doc of docs) {
    onWrite();
    if (keepExisting) {
      // Change records: one that exists is the same change, recorded by an earlier attempt.
      try {
        await collection.run((c) => c.add({ data: doc }), deadline, what);
      } catch (thrown) {
        if (toWxError(thrown).code !== DUPLICATE_KEY) throw thrown;
      }
    } else {
      const { _id, ...rest } = doc;
      await collection.run((c) => c.doc(_id).set({ data: rest }), deadline, what);
    }
  }
}

/** Replaces one stored entry. */
export async function replaceEntry(entries: CloudCollection, doc: StoredEntry, deadline: Deadline, counters: DbCounters): Promise<void> {
  const { _id, ...rest } = doc;
  counters.entryWrites += 1;
  await entries.run((c) => c.doc(_id).set({ data: rest }), deadline, 'storing a changed entry');
}

/** Every stored entry of an account that is not gone, only the fields asked for, read 1000 at a time. */
export async function readLiveEntries(entries: CloudCollection, account: string, fields: Record<string, boolean>, deadline: Deadline, counters: DbCounters, extra: object = {}): Promise<StoredEntry[]> {
  const all: StoredEntry[] = [];
  for (let skip = 0; ; skip += DB_READ_LIMIT) {
    counters.reads += 1;
    const { data } = await entries.run(
      (c) => c.where({ account, gone: false, ...extra }).orderBy('_id', 'asc').skip(skip).limit(DB_READ_LIMIT).field(fields).get(),
      deadline,
      'reading stored entries',
    );
    all.push(...(data as StoredEntry[]));
    if (data.length < DB_READ_LIMIT) return all;
  }
}
