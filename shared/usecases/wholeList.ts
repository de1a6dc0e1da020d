import type { Invocation } from '../core/invocation';
import { jsonByteLength, MAX_RESULT_BYTES, PLATFORM_RESULT_LIMIT_BYTES } from '../core/resultSize';
import { LIST_PAGE_SIZE, listAll, listConcurrencyFromEnv, type FetchPage, type ListStats } from '../upstream/listAll';

export interface StatusCount {
  label: string;
  count: number;
}

/** `all: true` answers: counts over the whole list, and the list itself only when it fits. */
export interface WholeListSummary<T> {
  items: T[];
  paging: { all: true; total: number; returned: number; pageSize: number; calls: number; callsBeyondNeeded: number; nextPage: number | null };
  counts: { total: number; byStatus: Record<string, StatusCount> };
  /** Present when the list would exceed the result limit: only the first page is returned. */
  rest?: { reason: string; returned: number; total: number; where: string };
}

export function countByStatus(items: ReadonlyArray<{ status: number; statusLabel: string }>): Record<string, StatusCount> {
  const byStatus: Record<string, StatusCount> = {};
  for (const item of items) {
    const entry = (byStatus[String(item.status)] ??= { label: item.statusLabel, count: 0 });
    entry.count += 1;
  }
  return byStatus;
}

/**
 * Every page of a list for `all: true`, with bounded concurrency inside the deadline (listAll).
 * The whole list is answered when it fits the 1 MB result; otherwise the first page, the counts
 * over the whole list and `rest` saying where the rest is.
 */
export async function wholeList<T extends { status: number; statusLabel: string }>(
  fetchPage: FetchPage<T>,
  invocation: Invocation,
  where: string,
  expectedTotal?: number,
): Promise<WholeListSummary<T>> {
  const pages = listAll(fetchPage, { deadline: invocation.deadline, concurrency: listConcurrencyFromEnv(invocation.env), expectedTotal });
  const items: T[] = [];
  for await (const page of pages) items.push(...page.items);
  return summarize(items, pages.stats, where);
}

/**
 * The JSON size of a list, measured exactly only when it could be near the limit: pages of one
 * list are alike, so the first page's size times the number of pages decides clearly either way
 * for most lists (measuring 10,000 entries costs about 10 ms on every call).
 */
function listBytes(items: unknown[]): number {
  if (items.length <= LIST_PAGE_SIZE) return jsonByteLength(items);
  const estimate = (jsonByteLength(items.slice(0, LIST_PAGE_SIZE)) / LIST_PAGE_SIZE) * items.length;
  if (estimate < PLATFORM_RESULT_LIMIT_BYTES * 0.5 || estimate > PLATFORM_RESULT_LIMIT_BYTES * 2) return Math.round(estimate);
  return jsonByteLength(items);
}

/** Room left in the result limit (createHandler's, resultSize.ts) for what the envelope carries beside the list. */
const ENVELOPE_ROOM_BYTES = 16_384;

function summarize<T extends { status: number; statusLabel: string }>(items: T[], stats: ListStats, where: string): WholeListSummary<T> {
  const counts = { total: items.length, byStatus: countByStatus(items) };
  const base = { all: true as const, total: items.length, pageSize: LIST_PAGE_SIZE, calls: stats.calls, callsBeyondNeeded: stats.callsBeyondNeeded };
  const bytes = listBytes(items);
  if (bytes <= MAX_RESULT_BYTES - ENVELOPE_ROOM_BYTES) {
    return { items, paging: { ...base, returned: items.length, nextPage: null }, counts };
  }
  const first = items.slice(0, LIST_PAGE_SIZE);
  return {
    items: first,
    paging: { ...base, returned: first.length, nextPage: 2 },
    counts,
    rest: {
      reason: `The whole list (${items.length} entries, about ${bytes} bytes) exceeds the 1 MB result limit of a cloud function.`,
      returned: first.length,
      total: items.length,
      where,
    },
  };
}
