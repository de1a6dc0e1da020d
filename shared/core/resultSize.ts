/**
 * The size of a function result. The platform refuses a result over 1 MB (`-604001`,
 * docs/platform/limits.md, "The result: at most 1 MB"), and the caller then gets the
 * platform's failure instead of ours; every envelope is measured before it is returned
 * (createHandler) and must stay under `MAX_RESULT_BYTES` (docs/errors.md, "What always holds":
 * no result over the limit leaves a function).
 *
 * Measured as the UTF-8 bytes of its JSON, which is how the result travels. The margin covers
 * what the platform wraps around it and the few bytes a shortened page's own `paging` numbers
 * may change by.
 */
export const PLATFORM_RESULT_LIMIT_BYTES = 1_000_000;
export const RESULT_SAFETY_MARGIN_BYTES = 24_000;
export const MAX_RESULT_BYTES = PLATFORM_RESULT_LIMIT_BYTES - RESULT_SAFETY_MARGIN_BYTES;

export function jsonByteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/**
 * Whether `value`'s JSON stays within `maxBytes`. Most results are far under the limit: a walk
 * that adds up what each value's JSON can take at most (jsonBytesAtMost) settles them without
 * serializing anything (serializing a 100-item page was most of the warm path's own time,
 * bench/warmOverhead.ts). Otherwise the JSON is written and counted: a UTF-16 code unit is at
 * most 3 bytes of UTF-8, so a text no longer than a third of the limit needs no byte count.
 */
export function fitsInBytes(value: unknown, maxBytes: number): boolean {
  if (jsonBytesAtMost(value, maxBytes) <= maxBytes) return true;
  const text = JSON.stringify(value) ?? '';
  return text.length * 3 <= maxBytes || Buffer.byteLength(text, 'utf8') <= maxBytes;
}

/** How deep jsonBytesAtMost walks before it gives up (results are at most 64 levels deep: core/nesting.ts). */
const BOUND_DEPTH = 100;
/** The longest JSON of a number: `-1.7976931348623157e+308`. */
const NUMBER_BYTES = 24;

/**
 * At least as many bytes as `value`'s JSON takes in UTF-8, found without writing it; Infinity
 * when the walk cannot tell (more than `stopAbove` already, nesting past BOUND_DEPTH, or a value
 * JSON writes in its own way: `toJSON`, a bigint, an object that is not a plain object or array),
 * and the caller then serializes. A character takes at most 6 bytes (`\u001f`, or a lone
 * surrogate as `\udc00`; anything else is at most 3 bytes of UTF-8 per code unit); a key adds its
 * quotes and colon, an entry its comma.
 *
 * `onString` sees every string value on the way (not the keys), so a caller that must look at
 * them too (the final redaction check) needs no walk of its own; when the answer is Infinity the
 * walk stopped early and did not see them all.
 */
export function jsonBytesAtMost(value: unknown, stopAbove = Number.POSITIVE_INFINITY, onString?: (text: string) => void): number {
  let total = 0;
  const add = (v: unknown, depth: number): boolean => {
    switch (typeof v) {
      case 'string':
        total += 2 + 6 * v.length;
        onString?.(v);
        return total <= stopAbove;
      case 'number':
        total += NUMBER_BYTES;
        return true;
      case 'boolean':
      case 'undefined':
      case 'function':
      case 'symbol':
        total += 5; // true/false/null; what JSON leaves out costs nothing
        return true;
      case 'object': {
        if (v === null) {
          total += 4;
          return true;
        }
        if (depth >= BOUND_DEPTH) return false;
        const proto: unknown = Object.getPrototypeOf(v);
        if (Array.isArray(v)) {
          if (proto !== Array.prototype) return false;
          total += 2 + v.length;
          for (let i = 0; i < v.length; i++) if (!add(v[i], depth + 1)) return false;
          return total <= stopAbove;
        }
        if ((proto !== Object.prototype && proto !== null) || typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
        total += 2;
        // for...in rather than Object.keys: no array per object. It also yields inherited
        // enumerable keys, which JSON leaves out: counting them only raises the bound.
        for (const key in v) {
          total += 4 + 6 * key.length;
          if (!add((v as Record<string, unknown>)[key], depth + 1)) return false;
        }
        return total <= stopAbove;
      }
      default:
        return false; // bigint: JSON.stringify throws, and the caller's serialization says so
    }
  };
  return add(value, 0) ? total : Number.POSITIVE_INFINITY;
}

/**
 * How many leading items of `result[listKey]` fit, with everything else in `result`, in
 * `budgetBytes` of JSON. Items are measured one by one (each plus its separating comma), so a
 * page of uneven items is cut exactly where it stops fitting.
 */
export function itemsThatFit<R extends object>(result: R, listKey: keyof R & string, budgetBytes: number): number {
  const items = result[listKey] as unknown as readonly unknown[];
  let used = jsonByteLength({ ...result, [listKey]: [] });
  let count = 0;
  for (const item of items) {
    used += jsonByteLength(item) + (count === 0 ? 0 : 1);
    if (used > budgetBytes) break;
    count += 1;
  }
  return count;
}

/** A readable size for messages: "2.1 MB", "980 kB". */
export function describeBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.ceil(bytes / 1000)} kB`;
}
