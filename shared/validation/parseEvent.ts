import type * as z from 'zod/mini';
import { createError, LOCAL, type FieldIssue } from '../errors';
import { MAX_NESTING, pathName, tooDeep } from '../core/nesting';
import { describeValue, fieldText, toFieldIssues } from './fieldIssues';
import { DECLINED, type Field, type Fields, type ObjectField } from './shape';

/** What an event is checked against: a shape (shape.ts: quick check, then zod), or a zod schema. */
export type EventSchema = ObjectField<Fields, object> | z.ZodMiniType;
/** The event a schema gives back. */
export type EventOf<S> = S extends Field<infer T> ? T : S extends z.ZodMiniType ? z.output<S> : never;

const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

/**
 * Validates an event before anything else runs, so a bad event never costs an upstream call.
 * A console test run can send any JSON, so the value is checked to be a plain object first, then
 * refused by name if nested deeper than MAX_NESTING (every later step walks it recursively, and
 * 20,000 levels overflow the stack), and keys that could poison a prototype are refused wherever
 * they appear. A shape's quick check answers the usual event without loading zod; zod checks
 * what it declines, and says what is wrong.
 */
export function parseEvent<S extends EventSchema>(schema: S, event: unknown): EventOf<S> {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    throw invalid([{ field: 'event', expected: 'a JSON object such as {"page":1,"num":10}', received: describeValue(event) }]);
  }
  const deep = tooDeep(event);
  if (deep) {
    throw invalid([{ field: fieldText(pathName(deep)), expected: `at most ${MAX_NESTING} levels of objects and arrays inside each other` }]);
  }
  const forbidden = findForbiddenKey(event, '');
  if (forbidden) throw invalid([{ field: fieldText(forbidden), expected: 'no such field: this key name is not allowed' }]);

  if ('quick' in schema) {
    const quick = schema.quick(event);
    if (quick !== DECLINED) return quick as EventOf<S>;
  }
  const zod: z.ZodMiniType = 'quick' in schema ? schema.schema() : schema;
  const parsed = zod.safeParse(event, { reportInput: true });
  if (!parsed.success) throw invalid(toFieldIssues(parsed.error));
  return parsed.data as EventOf<S>;
}

/** Recursive, but only over an event already known to be at most MAX_NESTING deep. */
function findForbiddenKey(value: object, path: string): string | undefined {
  for (const key of Object.keys(value)) {
    const here = path === '' ? key : `${path}.${key}`;
    if (FORBIDDEN_KEYS.includes(key)) return here;
    const inner = (value as Record<string, unknown>)[key];
    if (inner !== null && typeof inner === 'object') {
      const found = findForbiddenKey(inner, here);
      if (found) return found;
    }
  }
  return undefined;
}

function invalid(issues: FieldIssue[]) {
  const summary = issues.map((i) => `${i.field}: expected ${i.expected}${i.received ? `, received ${i.received}` : ''}`).join('; ');
  return createError(LOCAL.INVALID_EVENT, { detail: `Invalid event: ${summary}`, issues });
}
