import type { CloudCollection, Command } from './cloudDatabase';
import { DB_READ_LIMIT } from './pagedRead';
import type { BatchWriteOptions } from './insertAll';

/** Replacements in flight at once: enough to hide a database's round trip, few enough not to be a burst. */
export const SET_CONCURRENCY = 8;

/**
 * One update applied to many documents, named by id: one request per 1000 ids
 * (`where({_id: in(ids)}).update`), instead of one per document. For updates that are the same
 * for every document (marking entries gone at one time, flagging them warned).
 */
export async function updateByIds(collection: CloudCollection, ids: readonly string[], data: (command: Command) => object, options: BatchWriteOptions): Promise<number> {
  let updated = 0;
  for (let start = 0; start < ids.length; start += DB_READ_LIMIT) {
    const chunk = ids.slice(start, start + DB_READ_LIMIT);
    options.onWrite?.();
    const result = await collection.run((c, _) => c.where({ _id: _.in(chunk) }).update({ data: data(_) }), options.deadline, options.what);
    updated += result.stats.updated;
  }
  return updated;
}

/**
 * Documents replaced each with its own content (`doc(id).set`): they cannot share a request, so
 * up to `concurrency` are in flight at once rather than one after another. The first failure
 * stops new ones from starting; those in flight are awaited, then it is passed on.
 */
export async function setEach(collection: CloudCollection, docs: ReadonlyArray<{ _id: string } & object>, options: BatchWriteOptions & { concurrency?: number }): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < docs.length && !failure) {
      const { _id, ...rest } = docs[next++]!;
      try {
        options.onWrite?.();
        await collection.run((c) => c.doc(_id).set({ data: rest }), options.deadline, options.what);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? SET_CONCURRENCY, docs.length) }, worker));
  if (failure) throw failure.error;
}
