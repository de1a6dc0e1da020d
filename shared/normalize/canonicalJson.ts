/**
 * The one pass every upstream body goes through before validation: keys become camelCase and
 * big integers become plain values, so the camelCase cloud-path answer and the snake_case HTTPS
 * answer arrive at the schemas in one form (normalize once, at the edge).
 *
 * - `apply_list` -> `applyList`, `create_time` -> `createTime`; keys already camelCase, and
 *   `headimgurl`, are unchanged (wx-server-sdk's own conversion does the same:
 *   docs/platform/cloud-wire.md, "`cloud.openapi`: a generic proxy").
 * - json-bigint (used by wx-server-sdk) turns integers beyond 2^53 into bignumber.js objects
 *   (bigNumber.ts); they become numbers when exact, otherwise decimal strings, so nothing is
 *   rounded away and the result stays JSON.
 * - Nothing is dropped (docs/errors.md, "What always holds"). Keys named like object built-ins
 *   (`constructor`, `toString`, `__proto__`) are kept as own data properties (ownKeys.ts), never
 *   touching a prototype. When a body carries both `create_time` and `createTime` (or two keys that
 *   camelCase alike), the camelCase one keeps its name and the snake_case one stays under its own,
 *   so neither value overwrites the other.
 */
import { bigNumberDecimal } from './bigNumber';
import { hasOwn, setOwn } from '../core/ownKeys';

/** Keys seen, camelCased: a page repeats the same few keys on every item. Bounded, in case keys are data. */
const camelKeys = new Map<string, string>();
const CAMEL_KEYS_KEPT = 1000;

export function toCamelKey(key: string): string {
  if (!key.includes('_')) return key;
  let camel = camelKeys.get(key);
  if (camel === undefined) {
    camel = key.replace(/_+([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
    if (camelKeys.size >= CAMEL_KEYS_KEPT) camelKeys.clear();
    camelKeys.set(key, camel);
  }
  return camel;
}

/** What the pass noticed on its way: whether some object had an own `__proto__` key. */
export interface CanonicalNotes {
  protoKey: boolean;
}

/**
 * The canonical form of `value`, always a new value: never the input's own objects, which may be
 * slow to read (wx-server-sdk's case conversion deletes keys, which leaves its objects in V8's
 * dictionary mode: every later read of them costs several times a read of a fresh object).
 */
export function canonicalJson(value: unknown, notes?: CanonicalNotes): unknown {
  if (typeof value !== 'object' || value === null) return typeof value === 'bigint' ? exactNumberOrString(value.toString()) : value;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (let i = 0; i < value.length; i++) items.push(entry(value[i], notes));
    return items;
  }
  const decimal = bigNumberDecimal(value);
  if (decimal !== undefined) return exactNumberOrString(decimal);
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    let target = key;
    // `__proto__` keeps its name: it is a built-in's name, not a snake_case word.
    if (key.includes('_') && key !== '__proto__') {
      target = toCamelKey(key);
      // A collision keeps the snake_case key as it came rather than overwrite (or be overwritten).
      if (target !== key && (hasOwn(source, target) || hasOwn(out, target))) target = key;
    }
    if (target === '__proto__') {
      if (notes) notes.protoKey = true;
      setOwn(out, target, canonicalJson(source[key], notes));
    } else out[target] = entry(source[key], notes);
  }
  return out;
}

/** A value inside an object or array: a string, number or boolean (most of a page) as it is, without a call. */
function entry(value: unknown, notes: CanonicalNotes | undefined): unknown {
  return typeof value === 'object' || typeof value === 'bigint' ? canonicalJson(value, notes) : value;
}

function exactNumberOrString(decimal: string): number | string {
  const asNumber = Number(decimal);
  return Number.isSafeInteger(asNumber) && String(asNumber) === decimal ? asNumber : decimal;
}
