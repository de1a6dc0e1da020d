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
  const path: Array<string | number> = [];
  return walk(value, max, path) ? path : undefined;
}

/** True when `value` holds an object or array more than `levelsLeft` levels down; `path` then leads to it. */
function walk(value: unknown, levelsLeft: number, path: Array<string | number>): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (levelsLeft === 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (walk(value[i], levelsLeft - 1, path)) {
        path.unshift(i);
        return true;
      }
    }
    return false;
  }
  for (const key in value) {
    if (Object.prototype.hasOwnProperty.call(value, key) && walk((value as Record<string, unknown>)[key], levelsLeft - 1, path)) {
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
