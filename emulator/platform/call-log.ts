import type { CallKind, CallRecord } from '../types';

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
