/**
 * The one pass every upstream body goes through before validation: keys become camelCase and
 * big integers become plain values, so the camelCase cloud-path answer and the snake_case HTTPS
 * answer arrive at the schemas in one form (normalize once, at the edge).
 *
 * - `apply_list` -> `applyList`, `create_time` -> `createTime`; keys already camelCase, and
 *   `headimgurl`, are unchanged (wx-server-sdk's own conversion does the same, platform-notes.md).
 * - json-bigint (used by wx-server-sdk) turns integers beyond 2^53 into bignumber.js objects
 *   (bigNumber.ts); they become numbers when exact, otherwise decimal strings, so nothing is
 *   rounded away and the result stays JSON.
 * - Keys that could poison a prototype are dropped: the body is data, never object structure.
 */
import { bigNumberDecimal } from './bigNumber';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function toCamelKey(key: string): string {
  return key.includes('_') ? key.replace(/_+([a-z0-9])/g, (_, ch: string) => ch.toUpperCase()) : key;
}

export function canonicalJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return typeof value === 'bigint' ? exactNumberOrString(value.toString()) : value;
  if (Array.isArray(value)) return value.map(canonicalJson);
  const decimal = bigNumberDecimal(value);
  if (decimal !== undefined) return exactNumberOrString(decimal);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    out[toCamelKey(key)] = canonicalJson((value as Record<string, unknown>)[key]);
  }
  return out;
}

function exactNumberOrString(decimal: string): number | string {
  const asNumber = Number(decimal);
  return Number.isSafeInteger(asNumber) && String(asNumber) === decimal ? asNumber : decimal;
}
