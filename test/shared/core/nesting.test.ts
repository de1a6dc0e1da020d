import { excerpt } from '../../../shared/core/excerpt';
import { MAX_NESTING, pathName, tooDeep } from '../../../shared/core/nesting';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? { k: value } : [value];
  return value;
};

describe('tooDeep', () => {
  it('finds the first value past the limit without recursion, 200,000 levels down', () => {
    expect(tooDeep(nested(200_000))).toHaveLength(MAX_NESTING);
    expect(tooDeep({ a: { b: [1, { c: 2 }] } }, 4)).toBeUndefined();
    expect(tooDeep({ a: { b: [1, { c: {} }] } }, 4)).toEqual(['a', 'b', 1, 'c']);
    expect(tooDeep('text')).toBeUndefined();
  });

  it('names the place like a field issue, keeping long keys short', () => {
    expect(pathName(['list', 0, 'extra'], 'body')).toBe('body.list[0].extra');
    expect(pathName(['x'.repeat(100)])).toBe(`${'x'.repeat(40)}…`);
    expect(pathName(Array.from({ length: 200 }, () => 'abcdefgh')).length).toBeLessThan(320);
  });
});

describe('excerpt', () => {
  it('keeps a short text, and cuts a long one with a mark saying how long it was', () => {
    expect(excerpt('short', 10)).toBe('short');
    expect(excerpt('a'.repeat(2_000_000), 5)).toBe('aaaaa… (2,000,000 characters, cut)');
  });

  it('never cuts a surrogate pair in half', () => {
    expect(excerpt('ab😀cd', 3)).toBe('ab… (6 characters, cut)');
  });
});
