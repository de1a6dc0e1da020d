/**
 * How deeply objects and arrays may sit inside each other in an event or an upstream answer
 * (docs/retries-and-deadlines.md, "Nesting"). WeChat's answers and this package's events are a
 * few levels deep; anything near this limit is not theirs. Walking, normalizing, redacting or
 * serializing a value recurses once per level, and a value 20,000 levels deep overflows the
 * stack (a -910099 INTERNAL instead of a named error), so values are measured here first,
 * with a walk that never goes past the limit, and refused by name.
 */
export const MAX_NESTING = 64;

/**
 * The path to the first value nested deeper than `max` levels (the top object or array is level
 * 1), or undefined when none is. It recurses, but never deeper than `max` + 1 frames: it stops
 * at the first value past the limit, so no depth of input can overflow it, and a page of a
 * thousand items is walked without allocating anything.
 */
export function tooDeep(value: unknown, max = MAX_NESTING): Array<string | number> | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const path: Array<string | number> = [];
  return walk(value, max, path) ? path : undefined;
}

/**
 * True when `value` (an object or array) holds an object or array more than `levelsLeft` levels
 * down; `path` then leads to it. Only objects and arrays are visited: a page of a thousand items
 * is mostly strings and numbers, and testing them in place costs no call (the warm path walks
 * every upstream answer).
 */
function walk(value: object, levelsLeft: number, path: Array<string | number>): boolean {
  if (levelsLeft === 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object' && walk(item, levelsLeft - 1, path)) {
        path.unshift(i);
        return true;
      }
    }
    return false;
  }
  // Own keys, as JSON has them (Object.keys is also the quicker walk of the SDK's answers, whose
  // objects V8 keeps as dictionaries after the SDK's case conversion deleted keys from them).
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const item: unknown = (value as Record<string, unknown>)[key];
    if (item !== null && typeof item === 'object' && walk(item, levelsLeft - 1, path)) {
      path.unshift(key);
      return true;
    }
  }
  return false;
}

/**
 * `a.b[0].c`, the way field issues name a place. Each key is cut to 40 characters and the whole
 * to about 300, so a path through long keys stays a short name.
 */
export function pathName(path: ReadonlyArray<string | number>, prefix = ''): string {
  let out = prefix;
  for (const part of path) {
    if (out.length > 300) return `${out}…`;
    const key = typeof part === 'string' && part.length > 40 ? `${part.slice(0, 40)}…` : part;
    out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`;
  }
  return out;
}
