import { DatabaseError, invalidOperator } from './errors';
import { matchesQuery } from './query-match';
import { cloneValue, compareValues, deepEqual, getPath, isPlainObject, setPath, unsetPath, type Doc } from './values';

/**
 * Applies a `merge: true` update (what doc.update / where().update send): operator keys
 * ($set $unset $inc $mul $min $max $rename $push $pop $shift $unshift $pull $addToSet
 * $currentDate, as the SDK's UpdateSerializer emits them) and, for raw updates, plain keys
 * which merge like $set. `_.remove()` arrives as $unset. Returns a new document.
 */
export function applyMergeUpdate(original: Doc, update: Record<string, unknown>, now: Date): Doc {
  const doc = cloneValue(original);
  for (const [key, argument] of Object.entries(update)) {
    if (!key.startsWith('$')) {
      guardId(key);
      setPath(doc, key, cloneValue(argument));
      continue;
    }
    if (!isPlainObject(argument)) throw invalidOperator(`${key} needs an object`);
    for (const [path, value] of Object.entries(argument)) {
      guardId(path);
      applyOperator(doc, key, path, value, now);
    }
  }
  return doc;
}

/** `merge: false` (doc.set): the data replaces the whole document, keeping its _id. */
export function applyReplacement(original: Doc, data: Record<string, unknown>): Doc {
  if (Object.keys(data).some((key) => key.startsWith('$'))) throw invalidOperator('update operators in a replacement');
  const replaced: Doc = { _id: original._id, ...cloneValue(data) };
  if (original._id !== undefined) replaced._id = original._id;
  return replaced;
}

function guardId(path: string): void {
  if (path === '_id' || path.startsWith('_id.')) throw new DatabaseError('DATABASE_REQUEST_FAILED', '[FailedOperation] Performing an update on the path \'_id\' would modify the immutable field \'_id\'');
}

function numberAt(doc: Doc, path: string, operator: string): number {
  const current = getPath(doc, path);
  if (current === undefined) return 0;
  if (typeof current !== 'number') throw new DatabaseError('DATABASE_REQUEST_FAILED', `[FailedOperation] Cannot apply ${operator} to a value of non-numeric type at ${path}`);
  return current;
}

function arrayAt(doc: Doc, path: string, operator: string): unknown[] {
  const current = getPath(doc, path);
  if (current === undefined) {
    const created: unknown[] = [];
    setPath(doc, path, created);
    return created;
  }
  if (!Array.isArray(current)) throw new DatabaseError('DATABASE_REQUEST_FAILED', `[FailedOperation] The field '${path}' must be an array for ${operator}`);
  return current;
}

/** {$each: [...], $position: n} or a single value. */
function eachOf(value: unknown): { items: unknown[]; position?: number } {
  if (isPlainObject(value) && Array.isArray(value.$each)) {
    return { items: cloneValue(value.$each), position: typeof value.$position === 'number' ? value.$position : undefined };
  }
  return { items: [cloneValue(value)] };
}

function applyOperator(doc: Doc, operator: string, path: string, value: unknown, now: Date): void {
  switch (operator) {
    case '$set':
      setPath(doc, path, cloneValue(value));
      return;
    case '$unset':
      unsetPath(doc, path);
      return;
    case '$inc':
      if (typeof value !== 'number') throw invalidOperator('$inc needs a number');
      setPath(doc, path, numberAt(doc, path, operator) + value);
      return;
    case '$mul':
      if (typeof value !== 'number') throw invalidOperator('$mul needs a number');
      setPath(doc, path, numberAt(doc, path, operator) * value);
      return;
    case '$min':
    case '$max': {
      const current = getPath(doc, path);
      const order = current === undefined ? 0 : compareValues(value, current);
      if (current === undefined || (operator === '$min' ? order < 0 : order > 0)) setPath(doc, path, cloneValue(value));
      return;
    }
    case '$rename': {
      if (typeof value !== 'string') throw invalidOperator('$rename needs a string');
      const current = getPath(doc, path);
      if (current === undefined) return;
      unsetPath(doc, path);
      setPath(doc, value, current);
      return;
    }
    case '$currentDate':
      setPath(doc, path, new Date(now.getTime()));
      return;
    case '$push':
    case '$unshift': {
      const array = arrayAt(doc, path, operator);
      const { items, position } = eachOf(value);
      const at = operator === '$unshift' ? 0 : position ?? array.length;
      array.splice(at, 0, ...items);
      return;
    }
    case '$addToSet': {
      const array = arrayAt(doc, path, operator);
      for (const item of eachOf(value).items) if (!array.some((known) => deepEqual(known, item))) array.push(item);
      return;
    }
    case '$pop':
    case '$shift': {
      const array = arrayAt(doc, path, operator);
      if (operator === '$shift' || value === -1) array.shift();
      else array.pop();
      return;
    }
    case '$pull': {
      const array = arrayAt(doc, path, operator);
      const keep = array.filter((item) =>
        isPlainObject(value) && isPlainObject(item) ? !matchesQuery(item, value) : !deepEqual(item, value),
      );
      array.splice(0, array.length, ...keep);
      return;
    }
    default:
      throw invalidOperator(operator);
  }
}
