import { createError, LOCAL, type WxErrorOptions } from '../errors';
import { MAX_NESTING, pathName, tooDeep } from '../core/nesting';

/**
 * An answer nested deeper than MAX_NESTING is not WeChat's (its answers are a few levels deep)
 * and would overflow the stack of every step after this one (normalizing, redacting, measuring):
 * it is UPSTREAM_INVALID_BODY naming where, never retried (core/nesting.ts).
 */
export function refuseDeepNesting(body: unknown, source: string, context: WxErrorOptions): void {
  const deep = tooDeep(body);
  if (!deep) return;
  throw createError(LOCAL.UPSTREAM_INVALID_BODY, {
    ...context,
    detail: `The answer from ${source} is nested deeper than ${MAX_NESTING} levels.`,
    issues: [{ field: pathName(deep, 'body'), expected: `at most ${MAX_NESTING} levels of objects and arrays inside each other` }],
  });
}
