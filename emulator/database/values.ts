/**
 * Value semantics of the document database (MongoDB-compatible, which CloudBase is):
 * dotted paths, deep equality, and type-bracketed ordering.
 */

export type Doc = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  // Most values are documents and their fields: decided by their prototype alone (this runs for every field of every document a query or sort reads).
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return true;
  return !Array.isArray(value) && !(value instanceof Date) && !(value instanceof RegExp);
}

/**
 * Every value a dotted path reaches. Arrays on the way fan out over their elements
 * (`tags.name` reaches the name of each tag), unless the next segment is an index.
 * An empty result means the field is missing.
 */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  // A top-level field of a document (most conditions): no path to walk.
  if (!path.includes('.') && isPlainObject(doc)) return Object.prototype.hasOwnProperty.call(doc, path) ? [doc[path]] : [];
  return walk(doc, path.split('.'));
}

function walk(current: unknown, segments: string[]): unknown[] {
  if (segments.length === 0) return [current];
  const [head, ...rest] = segments as [string, ...string[]];
  if (Array.isArray(current)) {
    if (/^\d+$/.test(head)) {
      const index = Number(head);
      return index < current.length ? walk(current[index], rest) : [];
    }
    return current.flatMap((item) => (isPlainObject(item) ? walk(item, segments) : []));
  }
  if (isPlainObject(current) && Object.prototype.hasOwnProperty.call(current, head)) {
    return walk(current[head], rest);
  }
  return [];
}

export function getPath(doc: Doc, path: string): unknown {
  let current: unknown = doc;
  for (const segment of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (isPlainObject(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

/** Sets a dotted path, creating objects on the way (array elements by numeric segment). */
export function setPath(doc: Doc, path: string, value: unknown): void {
  const segments = path.split('.');
  let current: unknown = doc;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i] as string;
    const container = current as Record<string, unknown> | unknown[];
    let next = Array.isArray(container) ? container[Number(segment)] : container[segment];
    if (next === null || typeof next !== 'object') {
      next = {};
      if (Array.isArray(container)) container[Number(segment)] = next;
      else container[segment] = next;
    }
    current = next;
  }
  const last = segments[segments.length - 1] as string;
  if (Array.isArray(current)) current[Number(last)] = value;
  else (current as Record<string, unknown>)[last] = value;
}

export function unsetPath(doc: Doc, path: string): void {
  const segments = path.split('.');
  const parent = getPath(doc, segments.slice(0, -1).join('.') || '');
  const container = segments.length === 1 ? doc : parent;
  const last = segments[segments.length - 1] as string;
  if (Array.isArray(container) && /^\d+$/.test(last)) container[Number(last)] = null;
  else if (isPlainObject(container)) delete container[last];
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    // Loose equality on purpose: 1 and 1n are the same stored integer.
    return a == b;
  }
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (a instanceof RegExp || b instanceof RegExp) {
    return a instanceof RegExp && b instanceof RegExp && a.source === b.source && a.flags === b.flags;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    return keysA.length === keysB.length && keysA.every((key, i) => key === keysB[i] && deepEqual(a[key], b[key]));
  }
  return a === b;
}

/** MongoDB's cross-type sort order: null < numbers < strings < objects < arrays < booleans < dates. */
function typeRank(value: unknown): number {
  if (value === null || value === undefined) return 1;
  if (typeof value === 'number' || typeof value === 'bigint') return 2;
  if (typeof value === 'string') return 3;
  if (Array.isArray(value)) return 5;
  if (typeof value === 'boolean') return 8;
  if (value instanceof Date) return 9;
  if (value instanceof RegExp) return 11;
  return 4;
}

/** Total order used by sort; comparisons in queries only happen within one type (see comparable). */
export function compareValues(a: unknown, b: unknown): number {
  const rankA = typeRank(a);
  const rankB = typeRank(b);
  if (rankA !== rankB) return rankA - rankB;
  if (rankA === 2) return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  if (rankA === 3) return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  if (rankA === 8) return Number(a) - Number(b);
  if (rankA === 9) return (a as Date).getTime() - (b as Date).getTime();
  const textA = JSON.stringify(a, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item));
  const textB = JSON.stringify(b, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item));
  return textA < textB ? -1 : textA > textB ? 1 : 0;
}

/** $lt/$gt and friends only compare values of the same type (type bracketing). */
export function comparable(a: unknown, b: unknown): boolean {
  return typeRank(a) === typeRank(b) && typeRank(a) !== 1;
}

export function cloneValue<T>(value: T): T {
  return structuredClone(value);
}
