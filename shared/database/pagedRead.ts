import type { Deadline } from '../core/deadline';
import type { CloudCollection, Command, RunOptions } from './cloudDatabase';

/** The most documents one database read returns (the platform caps `limit` at 1000). */
export const DB_READ_LIMIT = 1000;

export interface PagedRead {
  /** The condition the documents meet; it must not constrain `_id` (the paging key). */
  where: (command: Command) => Record<string, unknown>;
  /** Only these fields (`true`, `_id` always among them), or all but these (`false`); all when absent. */
  fields?: Record<string, boolean>;
  deadline: Deadline;
  /** What the read is for, in a timeout's message. */
  what: string;
  /** Told once per read request, before it is sent (counting a run's reads). */
  onRead?: () => void;
  pageSize?: number;
  runOptions?: RunOptions;
}

/**
 * Every document of a collection matching a condition, one read per page of up to 1000, in `_id`
 * order. Each read asks for the documents after the last `_id` it has (keyset paging), not for
 * "the next 1000 after skipping n": documents written or removed meanwhile (a push storing an
 * authorizer, a sync writing entries) shift a skip/limit window, so it skips some documents and
 * reads others twice; an `_id` bound does neither. Every collection read that may exceed one
 * page goes through here.
 */
export async function* pagesOf<T extends { _id: string }>(collection: CloudCollection, read: PagedRead): AsyncGenerator<T[]> {
  const size = Math.min(read.pageSize ?? DB_READ_LIMIT, DB_READ_LIMIT);
  // The paging key must come back: named in a projection of fields to keep, kept by one of fields to leave out.
  const keeps = read.fields !== undefined && Object.values(read.fields).some(Boolean);
  const projection = keeps ? { ...read.fields, _id: true } : read.fields;
  let after: string | undefined;
  for (;;) {
    read.onRead?.();
    const { data } = await collection.run(
      (c, _) => {
        const condition = read.where(_);
        if ('_id' in condition) throw new TypeError('pagesOf pages by _id: the condition must not constrain it');
        const query = c.where(after === undefined ? condition : { ...condition, _id: _.gt(after) }).orderBy('_id', 'asc').limit(size);
        return (projection ? query.field(projection) : query).get();
      },
      read.deadline,
      read.what,
      read.runOptions,
    );
    const page = data as T[];
    if (page.length > 0) yield page;
    if (page.length < size) return;
    after = String(page[page.length - 1]!._id);
  }
}

/** Every page of `pagesOf`, in one array. */
export async function readAll<T extends { _id: string }>(collection: CloudCollection, read: PagedRead): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pagesOf<T>(collection, read)) all.push(...page);
  return all;
}
