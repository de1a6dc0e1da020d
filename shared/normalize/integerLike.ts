import * as z from 'zod/mini';

/**
 * An integer that upstream may send as a number, a numeric string (`create_time` is a string on
 * the plugin API, `status` a string in the half-screen table: platform-notes.md) or, after
 * canonicalJson, a decimal string of a big integer. Output: a safe integer number.
 */
export const integerLike = z.pipe(
  z.union([z.number(), z.string()]),
  z.transform((value: number | string, ctx) => {
    const parsed = typeof value === 'number' ? value : /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
    if (!Number.isSafeInteger(parsed)) {
      ctx.issues.push({ code: 'custom', message: 'an integer (number or numeric string)', input: value });
      return 0;
    }
    return parsed;
  }),
);
