import type * as z from 'zod/mini';
import { createError, LOCAL, type FieldIssue } from '../errors';
import { describeValue, toFieldIssues } from './fieldIssues';

const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

/**
 * Validates an event before anything else runs, so a bad event never costs an upstream call.
 * A console test run can send any JSON, so the value is checked to be a plain object first, and
 * keys that could poison a prototype are refused wherever they appear.
 */
export function parseEvent<S extends z.ZodMiniType>(schema: S, event: unknown): z.output<S> {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    throw invalid([{ field: 'event', expected: 'a JSON object such as {"page":1,"num":10}', received: describeValue(event) }]);
  }
  const forbidden = findForbiddenKey(event, '');
  if (forbidden) throw invalid([{ field: forbidden, expected: 'no such field: this key name is not allowed' }]);

  const parsed = schema.safeParse(event, { reportInput: true });
  if (!parsed.success) throw invalid(toFieldIssues(parsed.error));
  return parsed.data;
}

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
