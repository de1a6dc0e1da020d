import JSONbig from 'json-bigint';
import { canonicalJson, toCamelKey } from '../../../shared/normalize/canonicalJson';

describe('canonicalJson', () => {
  it('camelCases snake_case keys at every depth and leaves camelCase keys alone', () => {
    expect(toCamelKey('apply_list')).toBe('applyList');
    expect(toCamelKey('wxa_embedded_list')).toBe('wxaEmbeddedList');
    expect(toCamelKey('headimgurl')).toBe('headimgurl');
    expect(toCamelKey('applyUrl')).toBe('applyUrl');
    expect(canonicalJson({ apply_list: [{ create_time: '1', nested_obj: { inner_key: 1 } }] })).toEqual({
      applyList: [{ createTime: '1', nestedObj: { innerKey: 1 } }],
    });
  });

  it('turns json-bigint BigNumbers into exact numbers or, beyond 2^53, decimal strings', () => {
    // The same parser wx-server-sdk uses (docs/platform/cloud-wire.md, "Big numbers"): big integers
    // arrive as BigNumber objects.
    const parsed = JSONbig.parse('{"small":12,"big":9007199254740993,"neg":-9007199254740993}');
    expect(typeof (parsed as { big: unknown }).big).toBe('object');
    expect(canonicalJson(parsed)).toEqual({ small: 12, big: '9007199254740993', neg: '-9007199254740993' });
    expect(canonicalJson(JSONbig.parse('{"v":1536305096}'))).toEqual({ v: 1536305096 });
    expect(canonicalJson({ v: 12n })).toEqual({ v: 12 });
  });

  it('keeps keys named like object built-ins as own data, touching no prototype', () => {
    const out = canonicalJson(JSON.parse('{"__proto__":{"polluted":true},"constructor":1,"to_string":2,"toString":3,"ok":1}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'constructor', 'to_string', 'toString', 'ok']);
    expect(JSON.parse(JSON.stringify(out))).toEqual(JSON.parse('{"__proto__":{"polluted":true},"constructor":1,"to_string":2,"toString":3,"ok":1}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((out as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('on a case collision keeps both values: the camelCase key as it is, the snake_case one under its own name', () => {
    expect(canonicalJson({ create_time: 1, createTime: 2, foo_bar: 'a', fooBar: 'b', only_snake: 3 })).toEqual({
      create_time: 1, createTime: 2, foo_bar: 'a', fooBar: 'b', onlySnake: 3,
    });
    expect(canonicalJson({ fooBar: 'b', foo_bar: 'a' })).toEqual({ fooBar: 'b', foo_bar: 'a' });
    expect(canonicalJson({ foo_bar: 'a', foo__bar: 'c' })).toEqual({ fooBar: 'a', foo__bar: 'c' });
  });
});

describe('canonicalJson gives a new value', () => {
  it('copies even an answer that needs no change, and never modifies its input', () => {
    const camel = { errCode: 0, applyList: [{ appid: 'a', status: 1, categories: [{ first: 'x' }] }], totalCount: 1 };
    const before = JSON.stringify(camel);
    const out = canonicalJson(camel) as typeof camel;
    expect(out).toEqual(camel);
    expect(out).not.toBe(camel);
    expect(out.applyList[0]).not.toBe(camel.applyList[0]);
    expect(JSON.stringify(camel)).toBe(before);
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(Object.getPrototypeOf(canonicalJson(bare))).toBe(Object.prototype);
  });
});

describe('big integers copied by the SDK case conversion', () => {
  it('rebuilds the decimal from a prototype-less { s, e, c } copy of a BigNumber', () => {
    for (const text of ['9007199254740993', '-9007199254740993', '123456789012345678901234567890', '100000000000000000000']) {
      const big = (JSONbig.parse(`{"v":${text}}`) as { v: object }).v;
      const copied = JSON.parse(JSON.stringify({ ...big })) as object; // what the SDK's key conversion leaves
      expect(canonicalJson({ v: copied })).toEqual({ v: text });
    }
  });

  it('leaves ordinary objects that merely have other keys alone', () => {
    expect(canonicalJson({ v: { s: 1, e: 2 } })).toEqual({ v: { s: 1, e: 2 } });
    expect(canonicalJson({ v: { s: 'x', e: 2, c: [1] } })).toEqual({ v: { s: 'x', e: 2, c: [1] } });
  });
});
