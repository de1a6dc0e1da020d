import { envValue } from '../core/envValue';
import { createError, LOCAL, toWxError } from '../errors';
import type { Deadline } from '../core/deadline';

/** Both list APIs page at most 1000 entries (000: `num` at most 1000; 002 documents no maximum, events.ts). */
export const LIST_PAGE_SIZE = 1000;
/** LIST_CONCURRENCY default: pages in flight at once. */
export const DEFAULT_LIST_CONCURRENCY = 4;
/** A page is not worth starting with less time than this left before the deadline. */
const MIN_PAGE_START_MS = 200;

/** Fetches page `index` (0-based) of `size` entries; sendRequest inside has already retried it. */
export type FetchPage<T> = (index: number, size: number) => Promise<T[]>;

export interface ListAllOptions {
  deadline: Deadline;
  pageSize?: number;
  concurrency?: number;
  /** First page to fetch (0-based): a sync resuming where it stopped. */
  fromPage?: number;
  /**
   * How many entries the list held last time (e.g. the last sync's count). Pages the hint says
   * exist are fetched concurrently; without it at most one page is fetched ahead of the pages
   * known to be full, which is what keeps a run to one call beyond the pages it needs.
   */
  expectedTotal?: number;
}

export interface ListedPage<T> {
  index: number;
  items: T[];
  /** The list ends with this page (it was short). */
  last: boolean;
}

export interface ListStats {
  calls: number;
  /** Pages that turned out not to be needed (empty, after a short page). */
  callsBeyondNeeded: number;
}

/**
 * Every page of a list, in order, as an async iterator (like octokit's paginate.iterator), with
 * up to `concurrency` pages in flight. The list ends at the first short page. Page k is started
 * only if it is proven necessary or nearly so: k <= (highest page known full) + 1, or k is
 * within the expected total. So a list costs the pages it holds plus, when its length is an
 * exact multiple of the page size, the one empty page that proves the end — no more (with a
 * wrong, too large `expectedTotal`, up to concurrency - 1 more, counted in `stats`).
 *
 * A page that fails (after sendRequest's retries) fails the whole iteration; the pages still in
 * flight are awaited silently so nothing surfaces later as an unhandled rejection. When the
 * deadline leaves no room to start a page, the iteration throws DEADLINE_EXCEEDED after the
 * pages already delivered: a caller that saves its progress per page resumes with `fromPage`.
 */
export function listAll<T>(fetchPage: FetchPage<T>, options: ListAllOptions): AsyncGenerator<ListedPage<T>> & { stats: ListStats } {
  const size = options.pageSize ?? LIST_PAGE_SIZE;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_LIST_CONCURRENCY);
  const first = options.fromPage ?? 0;
  // The number of calls a list of exactly `expectedTotal` entries costs from page 0.
  const hintedCalls = options.expectedTotal === undefined ? 0 : Math.floor(options.expectedTotal / size) + 1;
  const stats: ListStats = { calls: 0, callsBeyondNeeded: 0 };

  async function* iterate(): AsyncGenerator<ListedPage<T>> {
    const inFlight = new Map<number, Promise<T[]>>();
    let next = first; // the next page to start
    let knownFull = first - 1; // highest page index such that every page up to it is full
    let ended = false;
    const mayStart = (k: number) => !ended && inFlight.size < concurrency && (k <= knownFull + 1 || k < hintedCalls);
    const fill = () => {
      while (mayStart(next)) {
        if (options.deadline.remaining() < MIN_PAGE_START_MS) break;
        const index = next++;
        stats.calls += 1;
        const promise = fetchPage(index, size);
        promise.catch(() => undefined); // observed below; never an unhandled rejection
        inFlight.set(index, promise);
      }
    };
    try {
      for (let index = first; ; index++) {
        fill();
        const pending = inFlight.get(index);
        if (!pending) {
          throw createError(LOCAL.DEADLINE_EXCEEDED, { detail: `No time left to fetch page ${index + 1} of the list; ${index - first} page(s) were delivered.` });
        }
        let items: T[];
        try {
          items = await pending;
        } catch (thrown) {
          throw toWxError(thrown);
        }
        inFlight.delete(index);
        const last = items.length < size;
        if (last) {
          ended = true;
          stats.callsBeyondNeeded = [...inFlight.keys()].filter((k) => k > index).length;
        } else knownFull = index;
        yield { index, items, last };
        if (last) return;
      }
    } finally {
      ended = true;
      await Promise.allSettled(inFlight.values());
    }
  }

  return Object.assign(iterate(), { stats });
}

/** LIST_CONCURRENCY: pages in flight at once, 1..10 (default 4); empty means the default. */
export function listConcurrencyFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = envValue(env, 'LIST_CONCURRENCY');
  if (raw === undefined) return DEFAULT_LIST_CONCURRENCY;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 10) {
    throw createError(LOCAL.CONFIG_INVALID, { detail: `LIST_CONCURRENCY must be an integer from 1 to 10 (pages fetched at once), got "${raw}".` });
  }
  return value;
}
