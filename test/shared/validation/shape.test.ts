import { embeddedAuthorizationSchema } from '../../../shared/schemas/embeddedList';
import { listAuthorizersEventSchema, ownListEventSchema, platformKeys, pluginApplyListEventSchema, syncListsEventSchema } from '../../../shared/schemas/events';
import { optionalInteger } from '../../../shared/schemas/optionalFields';
import { pluginApplicantSchema } from '../../../shared/schemas/pluginApplyList';
import {
  boolean, DECLINED, int, integerLike, list, literal, looseObject, optional, plainObject, strictObject, string, unknown, withDefault,
  type Field,
} from '../../../shared/validation/shape';
import { prng } from '../../helpers/prng';

/**
 * The quick check may only ever answer what zod answers: for every input it does not decline,
 * zod accepts the same input and gives back an equal value, keys in the same order. Inputs are
 * generated from a seeded generator (the same cases on every run), mixing the plain values the
 * quick check is for with every odd value zod must decide.
 */

/** Equal as values, keys in the same order, -0 told from 0, prototypes alike. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same((a as Record<PropertyKey, unknown>)[k], (b as Record<PropertyKey, unknown>)[k]));
}

const ODD_VALUES: unknown[] = [
  0, -0, 1, -1, 7, 10, 999, 1000, 1001, 1.5, -2.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY,
  Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2, 1e21,
  '', 'a', '0', '42', ' 42 ', '-7', '+7', '1e3', '4.0', '12345678901234567890', 'dev_apply_list', 'dev_agree', 'wx9b8a7c6d5e4f3a2b', 'wx9B8A7C6D5E4F3A2B', 'wx9b8a7c6d5e4f3a2',
  true, false, null, undefined, [], [1], ['a'], {}, { a: 1 }, { appid: 'x', status: 1 }, 10n, Symbol('s'), () => 1, new Date(0),
];

function pick<T>(rand: () => number, values: readonly T[]): T {
  return values[Math.floor(rand() * values.length)] as T;
}

/** Compares the two ways on one input; returns whether the quick check answered. */
function agree(shape: Field<unknown>, schema: { safeParse(v: unknown): { success: boolean; data?: unknown } }, input: unknown): boolean {
  const quick = shape.quick(input);
  if (quick === DECLINED) return false;
  const parsed = schema.safeParse(input);
  if (!parsed.success || !same(quick, parsed.data)) {
    throw new Error(`quick check and zod disagree on ${show(input)}: quick ${show(quick)}, zod ${parsed.success ? show(parsed.data) : 'refused it'}`);
  }
  return true;
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v === undefined ? '<undefined>' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  } catch {
    return String(value);
  }
}

describe('every field kind: the quick check answers only what zod answers', () => {
  const kinds: Array<[string, Field<unknown>, unknown[]]> = [
    ['string()', string(), ['', 'a', '名称', ' 42 ']],
    ['string(pattern)', string({ regex: /^wx[0-9a-f]{16}$/, message: 'an appid' }), ['wx9b8a7c6d5e4f3a2b']],
    ['int()', int(), [0, 1, -1, Number.MAX_SAFE_INTEGER]],
    ['int({ min: 1, max: 1000 })', int({ min: 1, max: 1000 }), [1, 10, 1000]],
    ['integerLike()', integerLike(), [1, '42', ' 42 ', '-7', 0]],
    ['boolean()', boolean(), [true, false]],
    ["literal('dev_apply_list')", literal('dev_apply_list'), ['dev_apply_list']],
    ['unknown()', unknown(), [null, 0, 'x', { a: [1] }, [{}]]],
    ['list(int())', list(int()), [[], [1, 2, 3]]],
  ];

  it.each(kinds)('%s, alone, optional, and defaulted, inside an object', (_name, kind, plain) => {
    const shapes = [
      strictObject({ v: kind }),
      strictObject({ v: optional(kind) }),
      looseObject({ v: kind }),
      plainObject({ v: optional(kind) }),
    ];
    const values = [...ODD_VALUES, ...ODD_VALUES.map((v) => [v]), ...plain];
    for (const shape of shapes) {
      const schema = shape.schema();
      for (const v of values) {
        agree(shape, schema, { v });
        agree(shape, schema, { v, other: v });
      }
      agree(shape, schema, {});
      // The plain values are the ones the quick check exists for: it must not leave them to zod.
      for (const v of plain) expect(shape.quick({ v })).not.toBe(DECLINED);
    }
  });

  it('defaults: the value when left out, a fresh list each time', () => {
    const shape = strictObject({ n: withDefault(int({ min: 1 }), 10), xs: withDefault(list(int()), []) });
    const schema = shape.schema();
    for (const input of [{}, { n: 3 }, { xs: [1] }, { n: 0 }, { n: undefined }, { xs: undefined }]) agree(shape, schema, input);
    const first = shape.quick({}) as { xs: number[] };
    const second = shape.quick({}) as { xs: number[] };
    expect(first.xs).toEqual([]);
    expect(first.xs).not.toBe(second.xs);
  });

  it('objects: unknown keys refused, kept in their order, or dropped, as zod does', () => {
    const fields = { b: int(), a: optional(string()) };
    const inputs: unknown[] = [
      { a: 'x', b: 1 }, { b: 1 }, { b: 1, z: 2, y: { deep: true } }, { 2: 'two', b: 1, 1: 'one', c: null }, { b: 1, c: undefined },
      JSON.parse('{"b":1,"__proto__":{"polluted":true}}'), Object.create({ b: 1 }), Object.assign(Object.create(null), { b: 1 }), [1], null, 'x',
    ];
    for (const shape of [strictObject(fields), looseObject(fields), plainObject(fields)]) {
      for (const input of inputs) agree(shape, shape.schema(), input);
    }
    expect(looseObject(fields).quick({ b: 1, z: 2, y: 3 })).toEqual({ b: 1, z: 2, y: 3 });
    expect(Object.keys(looseObject(fields).quick({ z: 2, b: 1, a: 'x' }) as object)).toEqual(['b', 'a', 'z']);
  });
});

describe('the shapes the functions use: generated inputs', () => {
  const rand = prng(20240601);

  /** An object with some of `keys` (valid, odd or missing values), sometimes extra keys, in a shuffled order. */
  function generate(keys: Record<string, unknown[]>, extraKeys: string[]): Record<string, unknown> {
    const entries: Array<[string, unknown]> = [];
    for (const [key, good] of Object.entries(keys)) {
      const roll = rand();
      if (roll < 0.25) continue;
      entries.push([key, roll < 0.85 ? pick(rand, good) : pick(rand, ODD_VALUES)]);
    }
    if (rand() < 0.2) entries.push([pick(rand, extraKeys), pick(rand, ODD_VALUES)]);
    for (let i = entries.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [entries[i], entries[j]] = [entries[j] as [string, unknown], entries[i] as [string, unknown]];
    }
    return Object.fromEntries(entries);
  }

  const platform = { userInfo: [{ appId: 'wx1', openId: 'o1' }, null], tcbContext: [{}], Type: ['Timer'], TriggerName: ['daily'], Time: ['2024-06-01T02:00:00Z'], Message: [''] };
  const appids = ['wx9b8a7c6d5e4f3a2b', 'wx0000000000000000', 'WX9b8a7c6d5e4f3a2b'];
  const events: Array<[string, typeof ownListEventSchema | typeof pluginApplyListEventSchema | typeof listAuthorizersEventSchema | typeof syncListsEventSchema, Record<string, unknown[]>]> = [
    ['ownList', ownListEventSchema, { start: [0, 10, 2000], num: [1, 10, 1000], authorizerAppid: appids, all: [true, false], ...platform }],
    ['pluginApplyList', pluginApplyListEventSchema, { action: ['dev_apply_list'], page: [1, 2, 50], num: [1, 10, 1000], authorizerAppid: appids, all: [true], ...platform }],
    ['listAuthorizers', listAuthorizersEventSchema, { offset: [0, 5], limit: [1, 1000], ...platform }],
    ['syncLists', syncListsEventSchema, platform],
  ];

  it.each(events)('%s events: 3,000 generated, agreeing wherever the quick check answers', (_name, shape, keys) => {
    const schema = shape.schema();
    let answered = 0;
    for (let i = 0; i < 3000; i++) if (agree(shape, schema, generate(keys, ['pgae', 'Num', 'constructor', 'toString']))) answered += 1;
    expect(answered).toBeGreaterThan(300); // the usual events take the quick way
  });

  const item = {
    appid: ['wx1', 'a', ''], status: [1, 2, '3', ' 4 ', 9], nickname: ['名称', ''], headimg: ['https://x/y.png?token=t'], headimgurl: ['h'], reason: ['r'],
    applyUrl: ['u'], createTime: [1536305096, '1536305096', '9007199254740993'], embeddedFlag: [0, 1, '2'], categories: [[{ first: 'IT', second: 'x' }], [], [{ first: 'a', extra: 1 }]],
  };
  const extra = ['applySource', 'applySeq', 'unknownField', 'createTime_'];

  it.each([
    ['half-screen authorizations', embeddedAuthorizationSchema],
    ['plugin applicants', pluginApplicantSchema],
  ])('%s: 3,000 generated items and pages, agreeing wherever the quick check answers', (_name, itemShape) => {
    const schema = itemShape.schema();
    let answered = 0;
    for (let i = 0; i < 3000; i++) if (agree(itemShape, schema, generate(item, extra))) answered += 1;
    expect(answered).toBeGreaterThan(300);

    const page = plainObject({ items: withDefault(list(itemShape), []), embeddedFlag: optionalInteger() });
    const pageSchema = page.schema();
    for (let i = 0; i < 300; i++) {
      const items = Array.from({ length: Math.floor(rand() * 4) }, () => generate(item, extra));
      agree(page, pageSchema, rand() < 0.1 ? {} : { items, ...(rand() < 0.5 ? { embeddedFlag: pick(rand, [1, '2', 'x']) } : {}), totalCount: 3 });
    }
  });

  it('the platform keys are the same fields in every event', () => {
    for (const [, shape] of events) for (const key of Object.keys(platformKeys)) expect(shape.fields).toHaveProperty(key);
  });
});
