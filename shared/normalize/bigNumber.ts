/**
 * Big integers from json-bigint (used by wx-server-sdk: docs/platform/cloud-wire.md, "Big numbers")
 * are bignumber.js objects. They reach us in two forms:
 * - intact instances (`_isBigNumber: true`, `toFixed()`), when nothing touched the body; and
 * - plain `{ s, e, c }` objects: wx-server-sdk's snake_case -> camelCase conversion copies every
 *   object's own properties into a new plain object, dropping the prototype (seen through the
 *   unmodified SDK against the emulator: `{"s":1,"e":15,"c":[90,7199254740993]}` for
 *   9007199254740993).
 * Both are turned back into their decimal text here.
 */
const BASE_DIGITS = 14; // bignumber.js stores the coefficient in base-1e14 limbs

export function bigNumberDecimal(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('c' in value)) return undefined;
  const candidate = value as { _isBigNumber?: unknown; toFixed?: unknown; s?: unknown; e?: unknown; c?: unknown };
  if (candidate._isBigNumber === true && typeof candidate.toFixed === 'function') return (candidate.toFixed as () => string)();
  if (!isCopiedBigNumber(candidate)) return undefined;
  return fromLimbs(candidate.s as number, candidate.e as number, candidate.c as number[]);
}

function isCopiedBigNumber(v: { s?: unknown; e?: unknown; c?: unknown }): boolean {
  const keys = Object.keys(v);
  return (
    keys.length === 3 && (v.s === 1 || v.s === -1) && Number.isInteger(v.e) && Array.isArray(v.c) && v.c.length > 0 &&
    v.c.every((limb) => Number.isInteger(limb) && limb >= 0 && limb < 1e14)
  );
}

function fromLimbs(sign: number, exponent: number, limbs: number[]): string {
  let digits = String(limbs[0]) + limbs.slice(1).map((l) => String(l).padStart(BASE_DIGITS, '0')).join('');
  digits = digits.replace(/0+$/, '') || '0';
  const intLength = exponent + 1;
  let text: string;
  if (intLength <= 0) text = `0.${'0'.repeat(-intLength)}${digits}`;
  else if (digits.length <= intLength) text = digits + '0'.repeat(intLength - digits.length);
  else text = `${digits.slice(0, intLength)}.${digits.slice(intLength)}`;
  return sign < 0 && text !== '0' ? `-${text}` : text;
}
