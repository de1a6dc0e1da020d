import { fitsInBytes, jsonBytesAtMost, jsonByteLength } from '../../../shared/core/resultSize';
import { prng } from '../../helpers/prng';

const STRINGS = ['', 'a', 'ascii text', '名称', '"quoted" \\ back', '\n\t\u0001', '\ud800', '😀', 'https://x/y?token=1', 'é'.repeat(40)];
const NUMBERS = [0, -0, 1, -1.7976931348623157e308, 5e-324, -2.2250738585072014e-308, 123456789012345680000, 1e21, Number.NaN, Number.POSITIVE_INFINITY, 0.1 + 0.2];

function generate(rand: () => number, depth: number): unknown {
  const roll = rand();
  if (depth > 4 || roll < 0.35) return STRINGS[Math.floor(rand() * STRINGS.length)];
  if (roll < 0.55) return NUMBERS[Math.floor(rand() * NUMBERS.length)];
  if (roll < 0.62) return [true, false, null, undefined][Math.floor(rand() * 4)];
  if (roll < 0.8) return Array.from({ length: Math.floor(rand() * 5) }, () => generate(rand, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 5); i > 0; i--) out[STRINGS[Math.floor(rand() * STRINGS.length)] as string] = generate(rand, depth + 1);
  return out;
}

describe('jsonBytesAtMost', () => {
  it('is never below the bytes of the JSON, over 5,000 generated values', () => {
    const rand = prng(7);
    for (let i = 0; i < 5000; i++) {
      const value = generate(rand, 0);
      const bound = jsonBytesAtMost(value);
      expect(Number.isFinite(bound)).toBe(true);
      expect(bound).toBeGreaterThanOrEqual(jsonByteLength(value));
    }
  });

  it('gives up (Infinity) on what JSON writes its own way, on cycles and past the limit it was given', () => {
    expect(jsonBytesAtMost({ at: new Date(0) })).toBe(Number.POSITIVE_INFINITY);
    expect(jsonBytesAtMost({ toJSON: () => 'x'.repeat(100) })).toBe(Number.POSITIVE_INFINITY);
    expect(jsonBytesAtMost([Buffer.from('abc')])).toBe(Number.POSITIVE_INFINITY);
    expect(jsonBytesAtMost({ n: Object(12345678) })).toBe(Number.POSITIVE_INFINITY);
    expect(jsonBytesAtMost({ big: 1n })).toBe(Number.POSITIVE_INFINITY);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(jsonBytesAtMost(cycle)).toBe(Number.POSITIVE_INFINITY);
    expect(jsonBytesAtMost({ text: 'x'.repeat(1000) }, 100)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('fitsInBytes', () => {
  it('decides as counting the JSON does, on both sides of the limit', () => {
    const rand = prng(11);
    for (let i = 0; i < 2000; i++) {
      const value = generate(rand, 0);
      const bytes = jsonByteLength(value);
      for (const limit of [bytes - 1, bytes, bytes + 1, 3 * bytes, 7 * bytes + 50]) expect(fitsInBytes(value, limit)).toBe(bytes <= limit);
    }
  });

  it('still throws where JSON.stringify does', () => {
    expect(() => fitsInBytes({ big: 1n }, 1000)).toThrow(TypeError);
  });
});
