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
 * Whether `value`'s JSON stays within `maxBytes`. A UTF-16 code unit is at most 3 bytes of
 * UTF-8, so a text no longer than a third of the limit needs no byte count (the usual page: the
 * check then costs one JSON.stringify on the warm path, bench/warmOverhead.ts).
 */
export function fitsInBytes(value: unknown, maxBytes: number): boolean {
  const text = JSON.stringify(value) ?? '';
  return text.length * 3 <= maxBytes || Buffer.byteLength(text, 'utf8') <= maxBytes;
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
