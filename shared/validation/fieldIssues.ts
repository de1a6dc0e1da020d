import type * as z from 'zod/mini';
import type { FieldIssue } from '../errors';
import { describeValue } from '../core/describeValue';
import { excerpt } from '../core/excerpt';
import { redact } from '../secrets/redact';

export { describeValue };

/**
 * zod issues -> `{ field, expected, received }`, worded for a person testing a function from the
 * console: `page` / `expected: an integer >= 1` / `received: "2" (string)`.
 * Parse with `{ reportInput: true }` so `received` can be filled.
 */
/** What a missing field should have held, in words. */
const REQUIRED_NOUNS: Readonly<Record<string, string>> = { string: 'a string', boolean: 'true or false', object: 'an object', array: 'a list' };

export function toFieldIssues(error: z.core.$ZodError, prefix = ''): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    const field = fieldName(prefix, issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: fieldName(prefix, [...issue.path, key]), expected: 'no such field (remove it)' }));
    }
    // A required field left out: say so, rather than "a value of type string, received undefined".
    if (issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined) {
      const noun = REQUIRED_NOUNS[issue.expected] ?? describeExpected(issue);
      return [{ field, expected: `${noun} (required)`, received: 'nothing: the field is missing' }];
    }
    const expected = describeExpected(issue);
    // A discriminated union reports the whole event as its input: what arrived is the discriminator's value.
    const input = issue.code === 'invalid_union' && 'discriminator' in issue && isRecord(issue.input) ? issue.input[String(issue.discriminator)] : issue.input;
    const received = 'input' in issue ? describeValue(input) : undefined;
    return [received === undefined ? { field, expected } : { field, expected, received }];
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function fieldName(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? 'event' : fieldText(out);
}

/** The longest field name an issue shows; a longer one (a 2 MB key) is a marked excerpt. */
export const MAX_FIELD_CHARS = 120;

/** A field's name as an issue shows it: redacted, then cut (a secret cut in half is no longer recognised). */
export function fieldText(name: string): string {
  return name.length <= MAX_FIELD_CHARS ? name : excerpt(redact(name), MAX_FIELD_CHARS);
}

function describeExpected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      // Every numeric field of these APIs is an integer (page, num, start, status, create_time).
      return issue.expected === 'int' || issue.expected === 'number' ? 'an integer (a JSON number, not a string)' : `a value of type ${issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return `a string of at least ${String(issue.minimum)} character(s)`;
      if (issue.origin === 'array') return `a list of at least ${String(issue.minimum)} item(s)`;
      return `${issue.origin === 'number' ? 'an integer' : 'a value'} ${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `a string of at most ${String(issue.maximum)} characters`;
      if (issue.origin === 'array') return `a list of at most ${String(issue.maximum)} items`;
      return `${issue.origin === 'number' ? 'an integer' : 'a value'} ${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      // A discriminated union (the write events' `action`) names its options.
      if ('discriminator' in issue && Array.isArray((issue as { options?: unknown }).options)) {
        return `one of ${((issue as unknown as { options: unknown[] }).options).map((v) => JSON.stringify(v)).join(', ')}`;
      }
      return 'an integer (number or numeric string)';
    default:
      return issue.message;
  }
}
