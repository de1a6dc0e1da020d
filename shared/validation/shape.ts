import type * as Z from 'zod/mini';
import type { Zod } from './shapeSchema';

/**
 * The zod side, read the first time a value is left to zod: required rather than imported, so a
 * built function keeps zod in a file of its own that the usual call never reads
 * (tools/firstUseFiles.ts, docs/performance.md).
 */
const zodSide = (): typeof import('./shapeSchema') => require('./shapeSchema');

/**
 * One declaration per shape, two ways to check it: zod/mini (the validator: the only one that
 * refuses a value and says why) and a quick check for the usual case, which loads no zod at all.
 *
 * Building zod schemas and running zod the first time are most of what a cold start spends on
 * its own work (docs/performance.md); a warm page of 100 items spends more in zod than anywhere
 * else. So every field here is declared once and knows both: `quick(value)` answers what zod
 * would answer for the plainest inputs (JSON strings, numbers, booleans, plain objects and
 * arrays, no `undefined`) and DECLINES everything else, and `zod(z)` builds the zod schema the
 * declaration stands for. Whatever the quick check declines goes to zod, which accepts it or
 * refuses it with its own issues, so the quick check can only ever decide the cases where it
 * agrees with zod, and it never refuses anything. test/shared/validation/shape.test.ts holds the
 * two equal (same output, same key order) over generated inputs, field kind by field kind and
 * for every shape the functions use.
 *
 * The zod side is built on first use, in shapeSchema.ts.
 */

/** What `quick` answers when it leaves the value to zod. */
export const DECLINED: unique symbol = Symbol('declined');
export type Declined = typeof DECLINED;

type Presence = 'required' | 'optional' | 'default';

export interface Field<T, P extends Presence = Presence> {
  /** Whether an object needs the key: `default` fills it in when absent (`defaultValue`). */
  readonly presence: P;
  readonly defaultValue?: T;
  /**
   * The value zod would give back for `value` (present, not `undefined`), or DECLINED when this
   * check cannot be sure (zod then decides). Never refuses.
   */
  readonly quick: (value: unknown) => T | Declined;
  /** The zod schema this field declares, presence included. */
  readonly zod: (z: Zod) => Z.ZodMiniType;
}

/** What a field gives back. */
export type Output<F> = F extends Field<infer T, Presence> ? T : never;
export type Fields = Readonly<Record<string, Field<unknown>>>;
type OptionalKeys<S extends Fields> = { [K in keyof S]: S[K] extends Field<unknown, 'optional'> ? K : never }[keyof S];
type RequiredKeys<S extends Fields> = Exclude<keyof S, OptionalKeys<S>>;
/** An object of `fields`: required and defaulted keys always there, optional ones when given. */
export type ObjectOutput<S extends Fields> = { [K in RequiredKeys<S>]: Output<S[K]> } & { [K in OptionalKeys<S>]?: Output<S[K]> };

const field = <T>(quick: (value: unknown) => T | Declined, zod: (z: Zod) => Z.ZodMiniType): Field<T, 'required'> => ({ presence: 'required', quick, zod });

/** A string (`z.string()`), optionally matching `pattern` (`z.regex(pattern, message)`). */
export function string(pattern?: { regex: RegExp; message: string }): Field<string, 'required'> {
  if (!pattern) return field((v) => (typeof v === 'string' ? v : DECLINED), (z) => z.string());
  const { regex, message } = pattern;
  return field(
    (v) => {
      if (typeof v !== 'string') return DECLINED;
      regex.lastIndex = 0; // as zod's regex check does
      return regex.test(v) ? v : DECLINED;
    },
    (z) => z.string().check(z.regex(regex, message)),
  );
}

/** A safe integer in [min, max] (`z.int()` with `z.minimum` / `z.maximum`). */
export function int(range: { min?: number; max?: number } = {}): Field<number, 'required'> {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = range;
  return field(
    (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max ? v : DECLINED),
    (z) => {
      const checks = [...(range.min === undefined ? [] : [z.minimum(range.min)]), ...(range.max === undefined ? [] : [z.maximum(range.max)])];
      return checks.length ? z.int().check(...checks) : z.int();
    },
  );
}

/**
 * The safe integer an upstream value stands for: a number, or a numeric string (`create_time` is
 * a string on the plugin API, `status` a string in the half-screen tables: docs/platform/plugin-manager.md,
 * docs/platform/half-screen.md), or
 * after canonicalJson the decimal string of a big integer; undefined for anything else.
 */
export function integerFrom(value: unknown): number | undefined {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(parsed) ? parsed : undefined;
}

/**
 * An integer that upstream may send as a number or a numeric string (integerFrom); out, a
 * number. One transform rather than a union of two schemas: it runs for every field of every
 * item of every page.
 */
export function integerLike(): Field<number, 'required'> {
  return field(
    (v) => integerFrom(v) ?? DECLINED,
    (z) =>
      z.transform((value: unknown, ctx) => {
        const parsed = integerFrom(value);
        if (parsed !== undefined) return parsed;
        ctx.issues.push({ code: 'custom', message: 'an integer (number or numeric string)', input: value });
        return 0;
      }),
  );
}

export function boolean(): Field<boolean, 'required'> {
  return field((v) => (typeof v === 'boolean' ? v : DECLINED), (z) => z.boolean());
}

export function literal<const L extends string>(value: L): Field<L, 'required'> {
  return field((v) => (v === value ? value : DECLINED), (z) => z.literal(value));
}

/** Anything, kept as it came (`z.unknown()`). */
export function unknown(): Field<unknown, 'required'> {
  return field((v) => v, (z) => z.unknown());
}

/** A list of `item`s (`z.array`): a new array of what each item gives back. */
export function list<T>(item: Field<T>): Field<T[], 'required'> {
  return field(
    (v) => {
      if (!Array.isArray(v)) return DECLINED;
      const out: T[] = [];
      for (let i = 0; i < v.length; i++) {
        const one: unknown = v[i];
        if (one === undefined) return DECLINED;
        const r = item.quick(one);
        if (r === DECLINED) return DECLINED;
        out.push(r);
      }
      return out;
    },
    (z) => z.array(item.zod(z)),
  );
}

/** May be left out (`z.optional`): an absent key stays absent. */
export function optional<T>(inner: Field<T>): Field<T, 'optional'> {
  return { presence: 'optional', quick: inner.quick, zod: (z) => z.optional(inner.zod(z)) };
}

/** Filled with `value` when left out (`z._default`); a list default is a fresh copy each time, as zod makes it. */
export function withDefault<T extends number | string | boolean | readonly unknown[]>(inner: Field<T>, value: T): Field<T, 'default'> {
  return { presence: 'default', defaultValue: value, quick: inner.quick, zod: (z) => z._default(inner.zod(z) as Z.ZodMiniType<T>, value as never) };
}

/** What an object does with keys it does not declare: refuse them (`z.strictObject`), keep them (`z.looseObject`) or drop them (`z.object`). */
export type UnknownKeys = 'refuse' | 'keep' | 'drop';

export interface ObjectField<S extends Fields, T> extends Field<T, 'required'> {
  readonly fields: S;
  readonly unknownKeys: UnknownKeys;
  /** The zod schema, built on first use and kept: for what the quick check declines. */
  schema(): Z.ZodMiniType<T>;
}

const ZOD_OBJECT: Record<UnknownKeys, 'strictObject' | 'looseObject' | 'object'> = { refuse: 'strictObject', keep: 'looseObject', drop: 'object' };

function object<S extends Fields, T>(fields: S, unknownKeys: UnknownKeys): ObjectField<S, T> {
  const keys = Object.keys(fields);
  const declared = new Set(keys);
  const checks = keys.map((key) => fields[key] as Field<unknown>);
  const quick = (input: unknown): T | Declined => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return DECLINED;
    const source = input as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    // Declared keys first, in declaration order, present ones and defaults: zod's order.
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const f = checks[i] as Field<unknown>;
      // `in`, as zod tells presence.
      if (key in source) {
        const value = source[key];
        if (value === undefined) return DECLINED;
        const r = f.quick(value);
        if (r === DECLINED) return DECLINED;
        out[key] = r;
      } else if (f.presence === 'default') {
        const d = f.defaultValue;
        out[key] = Array.isArray(d) ? [...d] : d;
      } else if (f.presence === 'required') return DECLINED;
    }
    if (unknownKeys === 'drop') return out as T;
    // Then the others, in `for...in` order, as zod's catchall walks them.
    for (const key in source) {
      if (declared.has(key)) continue;
      const value = source[key];
      if (unknownKeys === 'refuse' || key === '__proto__' || value === undefined) return DECLINED;
      out[key] = value;
    }
    return out as T;
  };
  const zod = (z: Zod) => {
    const shape: Record<string, Z.ZodMiniType> = {};
    for (const key of keys) shape[key] = (fields[key] as Field<unknown>).zod(z);
    return z[ZOD_OBJECT[unknownKeys]](shape);
  };
  let built: Z.ZodMiniType<T> | undefined;
  return {
    presence: 'required',
    quick,
    zod,
    fields,
    unknownKeys,
    schema: () => (built ??= zodSide().zodOf(zod) as Z.ZodMiniType<T>),
  };
}

/** Only the declared keys (`z.strictObject`): every event. */
export const strictObject = <S extends Fields>(fields: S) => object<S, ObjectOutput<S>>(fields, 'refuse');
/** The declared keys and every other one, kept as it came (`z.looseObject`): upstream items, whose new fields must not vanish. */
export const looseObject = <S extends Fields>(fields: S) => object<S, ObjectOutput<S> & { [key: string]: unknown }>(fields, 'keep');
/** The declared keys only, others dropped (`z.object`). */
export const plainObject = <S extends Fields>(fields: S) => object<S, ObjectOutput<S>>(fields, 'drop');
