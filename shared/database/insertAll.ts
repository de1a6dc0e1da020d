import type { Deadline } from '../core/deadline';
import { toWxError, UPSTREAM } from '../errors';
import type { CloudCollection } from './cloudDatabase';
import { DB_READ_LIMIT } from './pagedRead';

/** Documents per insert request: a page of a list, or fewer. */
const INSERT_BATCH = DB_READ_LIMIT;
/** Tries per batch: the insert, and after a refusal the insert of what is still missing, twice. */
const TRIES = 3;

export interface BatchWriteOptions {
  deadline: Deadline;
  /** What the write is for, in a timeout's message. */
  what: string;
  /** Told once per write request, before it is sent. */
  onWrite?: () => void;
  /** Told once per read request (the check for what is already stored), before it is sent. */
  onRead?: () => void;
}

/**
 * Inserts documents whose `_id` says what they are (a change record, a queued message, a new
 * entry), one request per 1000. A document whose `_id` is already stored is the same document,
 * written by an earlier attempt (a run killed before it saved its progress, an answer lost on the
 * way back): it counts as written. So a batch the database refuses is not written again one
 * document at a time: the ids it already holds are read in one request and only the rest inserted,
 * in one more. The same failure three times is passed on.
 */
export async function insertAll(collection: CloudCollection, docs: ReadonlyArray<{ _id: string } & object>, options: BatchWriteOptions): Promise<{ inserted: number; existing: number }> {
  let inserted = 0;
  let existing = 0;
  for (let start = 0; start < docs.length; start += INSERT_BATCH) {
    let batch = docs.slice(start, start + INSERT_BATCH);
    for (let attempt = 1; batch.length > 0; attempt++) {
      try {
        options.onWrite?.();
        await collection.run((c) => c.add({ data: batch as unknown as object }), options.deadline, options.what);
        inserted += batch.length;
        break;
      } catch (thrown) {
        if (toWxError(thrown).code !== UPSTREAM.DATABASE_REQUEST_FAILED || attempt >= TRIES) throw thrown;
      }
      const stored = await storedIds(collection, batch.map((d) => d._id), options);
      existing += stored.size;
      batch = batch.filter((d) => !stored.has(d._id));
    }
  }
  return { inserted, existing };
}

/** Which of these ids (at most 1000) the collection holds, in one read of the ids alone. */
async function storedIds(collection: CloudCollection, ids: string[], options: BatchWriteOptions): Promise<Set<string>> {
  options.onRead?.();
  const { data } = await collection.run(
    (c, _) => c.where({ _id: _.in(ids) }).limit(DB_READ_LIMIT).field({ _id: true }).get(),
    options.deadline,
    `${options.what}: reading which are stored`,
  );
  return new Set((data as Array<{ _id: string }>).map((d) => d._id));
}
