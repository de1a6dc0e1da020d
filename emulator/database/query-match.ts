import { invalidOperator } from './errors';
import { comparable, deepEqual, isPlainObject, valuesAtPath, type Doc } from './values';

/**
 * MongoDB-style query matching, the subset wx-server-sdk's query builder produces:
 * plain equality, $eq $ne $lt $lte $gt $gte $in $nin $exists $not $regex $size $all
 * $elemMatch, and $and $or $nor at any level. Unknown operators fail like the platform does
 * (DATABASE_INVALID_OPERRATOR) instead of silently matching.
 */
export function matchesQuery(doc: Doc, query: Record<string, unknown>): boolean {
  return entriesOf(query).every(([key, condition]) => {
    switch (key) {
      case '$and':
        return asArray(condition, key).every((part) => matchesQuery(doc, asObject(part, key)));
      case '$or':
        return asArray(condition, key).some((part) => matchesQuery(doc, asObject(part, key)));
      case '$nor':
        return !asArray(condition, key).some((part) => matchesQuery(doc, asObject(part, key)));
      default:
        if (key.startsWith('$')) throw invalidOperator(key);
        return fieldMatches(valuesAtPath(doc, key), condition);
    }
  });
}

/** A query's conditions, listed once per query rather than once per document it is matched against. */
const queryEntries = new WeakMap<Record<string, unknown>, Array<[string, unknown]>>();
function entriesOf(query: Record<string, unknown>): Array<[string, unknown]> {
  let entries = queryEntries.get(query);
  if (!entries) queryEntries.set(query, (entries = Object.entries(query)));
  return entries;
}

function asArray(value: unknown, operator: string): unknown[] {
  if (!Array.isArray(value)) throw invalidOperator(`${operator} needs an array`);
  return value;
}

function asObject(value: unknown, operator: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw invalidOperator(`${operator} needs objects`);
  return value;
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}

/** The values a condition is tested against: each value, and the elements of array values. */
function candidates(values: unknown[]): unknown[] {
  return values.flatMap((value) => (Array.isArray(value) ? [value, ...value] : [value]));
}

function equalsAny(values: unknown[], expected: unknown): boolean {
  // One scalar against a scalar (most equality conditions): compared directly.
  if (values.length === 1 && (typeof expected === 'string' || typeof expected === 'boolean') && !Array.isArray(values[0])) return values[0] === expected;
  if (expected instanceof RegExp) return candidates(values).some((value) => typeof value === 'string' && expected.test(value));
  // Equality with null also matches a missing field.
  if (expected === null && values.length === 0) return true;
  return candidates(values).some((value) => deepEqual(value, expected));
}

function fieldMatches(values: unknown[], condition: unknown): boolean {
  if (!isOperatorObject(condition)) return equalsAny(values, condition);
  return Object.entries(condition).every(([operator, argument]) => {
    switch (operator) {
      case '$eq':
        return equalsAny(values, argument);
      case '$ne':
        return !equalsAny(values, argument);
      case '$lt':
      case '$lte':
      case '$gt':
      case '$gte':
        return candidates(values).some((value) => compareWith(operator, value, argument));
      case '$in':
        return inList(values, asArray(argument, operator));
      case '$nin':
        return !inList(values, asArray(argument, operator));
      case '$exists':
        return (values.length > 0) === Boolean(argument);
      case '$not':
        return !fieldMatches(values, argument);
      case '$regex': {
        const options = typeof condition.$options === 'string' ? condition.$options : '';
        const pattern = argument instanceof RegExp ? argument : new RegExp(String(argument), options.replace(/[^gimsuy]/g, ''));
        return equalsAny(values, pattern);
      }
      case '$options':
        return true;
      case '$size':
        return values.some((value) => Array.isArray(value) && value.length === argument);
      case '$all':
        return asArray(argument, operator).every((expected) => equalsAny(values, expected));
      case '$elemMatch':
        return values.some(
          (value) =>
            Array.isArray(value) &&
            value.some((item) =>
              isPlainObject(item) && !isOperatorObject(argument) ? matchesQuery(item, asObject(argument, operator)) : fieldMatches([item], argument),
            ),
        );
      default:
        throw invalidOperator(operator);
    }
  });
}

/**
 * `$in` over a list of plain strings and numbers (a batch read of up to 1000 ids) looks values
 * up in a set built once per list, as an index would, instead of comparing every pair.
 */
const primitiveSets = new WeakMap<unknown[], Set<unknown> | null>();

function inList(values: unknown[], list: unknown[]): boolean {
  let set = primitiveSets.get(list);
  if (set === undefined) {
    set = list.every((item) => typeof item === 'string' || typeof item === 'number') ? new Set(list) : null;
    primitiveSets.set(list, set);
  }
  if (set) return candidates(values).some((value) => set.has(value));
  return list.some((expected) => equalsAny(values, expected));
}

function compareWith(operator: string, value: unknown, argument: unknown): boolean {
  if (!comparable(value, argument)) return false;
  const a = value instanceof Date ? value.getTime() : (value as number | string | bigint);
  const b = argument instanceof Date ? argument.getTime() : (argument as number | string | bigint);
  switch (operator) {
    case '$lt':
      return a < b;
    case '$lte':
      return a <= b;
    case '$gt':
      return a > b;
    default:
      return a >= b;
  }
}
