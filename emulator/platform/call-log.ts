import type { CallKind, CallRecord, DatabaseRequestCounts } from '../types';

const SECRET_KEYS = new Set(['secret', 'appsecret', 'component_appsecret', 'component_secret', 'authorization_code']);

/**
 * Copies request parameters for the call log with app secrets replaced by '***':
 * the log is for assertions, and a secret must never travel further than needed.
 */
export function maskParams(params: unknown): unknown {
  if (Array.isArray(params)) return params.map(maskParams);
  if (params === null || typeof params !== 'object' || params instanceof Date) return params;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params as Record<string, unknown>)) {
    out[key] = SECRET_KEYS.has(key) && typeof value === 'string' ? '***' : maskParams(value);
  }
  return out;
}

/** Query parameters for the call log; access tokens and a WeCom robot's `key` are masked (they are bearer secrets). */
export function maskQuery(searchParams: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of searchParams) {
    out[key] = /access_token$/.test(key) || key === 'key' ? '***' : value;
  }
  return out;
}

export function countCalls(calls: readonly CallRecord[], filter?: { kind?: CallKind; api?: string }): number {
  return calls.filter(
    (call) => (filter?.kind === undefined || call.kind === filter.kind) && (filter?.api === undefined || call.api === filter.api),
  ).length;
}

/** The database actions that read (a count reads too) and those that write, aliases included. */
const DATABASE_READS = new Set(['database.getDocument', 'database.queryDocument', 'database.calculateDocument', 'database.countDocument']);
const DATABASE_WRITES = new Set([
  'database.insertDocument', 'database.addDocument', 'database.modifyDocument', 'database.updateDocument', 'database.removeDocument', 'database.deleteDocument',
]);

/**
 * The database requests among `calls` (from index `since`), by kind: reads, writes, and the rest
 * (creating a collection). Per collection too, so a test can say "no write to the entries".
 */
export function countDatabaseRequests(calls: readonly CallRecord[], since = 0): DatabaseRequestCounts {
  const counts: DatabaseRequestCounts = { reads: 0, writes: 0, other: 0, byCollection: {} };
  for (const call of calls.slice(since)) {
    if (call.kind !== 'database') continue;
    const kind = DATABASE_READS.has(call.api) ? 'reads' : DATABASE_WRITES.has(call.api) ? 'writes' : 'other';
    counts[kind] += 1;
    const name = (call.params as { collectionName?: unknown } | undefined)?.collectionName;
    if (typeof name !== 'string') continue;
    const of = (counts.byCollection[name] ??= { reads: 0, writes: 0, other: 0 });
    of[kind] += 1;
  }
  return counts;
}
