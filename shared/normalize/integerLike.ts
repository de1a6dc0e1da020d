import * as z from 'zod/mini';

/**
 * An integer that upstream may send as a number, a numeric string (`create_time` is a string on the
 * plugin API, docs/platform/plugin-manager.md, "What the list answers"; `status` a string in the
 * half-screen table, docs/platform/half-screen.md, "What `get_own_list` (and `get_list`) answer")
 * or, after canonicalJson, a decimal string of a big integer. Output: a safe integer number.
 * One transform rather than a union of two schemas: it runs for every field of every item of
 * every page (bench/, warm overhead).
 */
export const integerLike = z.transform((value: unknown, ctx) => {
  const parsed =
    typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed)) {
    ctx.issues.push({ code: 'custom', message: 'an integer (number or numeric string)', input: value });
    return 0;
  }
  return parsed;
});
