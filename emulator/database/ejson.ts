/**
 * Extended JSON as the CloudBase database speaks it (the SDK serializes with
 * bson EJSON, relaxed: false — docs/platform/cloud-wire.md, "Database calls"):
 *   {"$numberInt":"1"}, {"$numberLong":"..."}, {"$numberDouble":"1.5"},
 *   {"$date":{"$numberLong":"ms"}} (also {"$date":"ISO"} / {"$date": ms}),
 *   {"$regularExpression":{"pattern":"..","options":".."}}.
 *
 * Stored values are plain JS: number (bigint beyond 2^53), string, boolean, null, Date,
 * RegExp, arrays and objects. Replies are written back in canonical form.
 */

export class EjsonError extends Error {}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

export function parseEjsonText(text: string): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new EjsonError('invalid EJSON text');
  }
  return fromEjson(raw);
}

export function fromEjson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromEjson);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  if (keys.length === 1) {
    const key = keys[0] as string;
    const inner = object[key];
    switch (key) {
      case '$numberInt':
      case '$numberDouble':
        return parseNumberText(inner);
      case '$numberLong': {
        if (typeof inner !== 'string' || !/^-?\d+$/.test(inner)) throw new EjsonError('bad $numberLong');
        const big = BigInt(inner);
        return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
      }
      case '$date':
        return parseDate(inner);
      case '$regularExpression': {
        const spec = inner as { pattern?: unknown; options?: unknown };
        return new RegExp(String(spec.pattern ?? ''), String(spec.options ?? '').replace(/[^gimsuy]/g, ''));
      }
      default:
        break;
    }
  }
  if (keys.length === 2 && '$regex' in object && '$options' in object && typeof object.$regex === 'string') {
    return new RegExp(object.$regex, String(object.$options).replace(/[^gimsuy]/g, ''));
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = fromEjson(object[key]);
  return out;
}

function parseNumberText(inner: unknown): number {
  if (typeof inner !== 'string') throw new EjsonError('number wrapper needs a string');
  if (inner === 'Infinity') return Infinity;
  if (inner === '-Infinity') return -Infinity;
  if (inner === 'NaN') return NaN;
  const parsed = Number(inner);
  if (inner.trim() === '' || Number.isNaN(parsed)) throw new EjsonError(`bad number ${inner}`);
  return parsed;
}

function parseDate(inner: unknown): Date {
  if (typeof inner === 'string') return new Date(inner);
  if (typeof inner === 'number') return new Date(inner);
  if (inner !== null && typeof inner === 'object' && '$numberLong' in inner) {
    return new Date(Number((inner as { $numberLong: unknown }).$numberLong));
  }
  throw new EjsonError('bad $date');
}

/** Canonical EJSON of a stored value, as an object ready for JSON.stringify. */
export function toEjson(value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && !Object.is(value, -0)) {
      if (value >= INT32_MIN && value <= INT32_MAX) return { $numberInt: String(value) };
      if (Number.isSafeInteger(value)) return { $numberLong: String(value) };
    }
    return { $numberDouble: formatDouble(value) };
  }
  if (typeof value === 'bigint') return { $numberLong: value.toString() };
  if (value instanceof Date) return { $date: { $numberLong: String(value.getTime()) } };
  if (value instanceof RegExp) return { $regularExpression: { pattern: value.source, options: value.flags } };
  if (Array.isArray(value)) return value.map(toEjson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item !== undefined) out[key] = toEjson(item);
    }
    return out;
  }
  return value;
}

function formatDouble(value: number): string {
  if (Object.is(value, -0)) return '-0.0';
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return `${value}.0`;
  return String(value);
}

export function toEjsonText(value: unknown): string {
  return JSON.stringify(toEjson(value));
}
