/**
 * How deeply objects and arrays may sit inside each other in an event or an upstream answer
 * (docs/retries-and-deadlines.md, "Nesting"). WeChat's answers and this package's events are a
 * few levels deep; anything near this limit is not theirs. Walking, normalizing, redacting or
 * serializing a value recurses once per level, and a value 20,000 levels deep overflows the
 * stack (a -910099 INTERNAL instead of a named error), so values are measured here first,
 * without recursion, and refused by name.
 */
export const MAX_NESTING = 64;

/**
 * The path to the first value nested deeper than `max` levels (the top object or array is level
 * 1), or undefined when none is. Iterative, so it cannot overflow whatever the depth; it stops
 * at the first value past the limit.
 */
export function tooDeep(value: unknown, max = MAX_NESTING): Array<string | number> | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  // Parent links instead of a path per value: the path is built only for the value refused.
  interface Visit { value: object; depth: number; key?: string | number; parent?: Visit }
  const stack: Visit[] = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    if (visit.depth > max) {
      const path: Array<string | number> = [];
      for (let at: Visit | undefined = visit; at?.parent; at = at.parent) path.unshift(at.key as string | number);
      return path;
    }
    const node = visit.value;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child: unknown = node[i];
        if (child !== null && typeof child === 'object') stack.push({ value: child, depth: visit.depth + 1, key: i, parent: visit });
      }
    } else {
      for (const key in node) {
        if (!Object.prototype.hasOwnProperty.call(node, key)) continue;
        const child: unknown = (node as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object') stack.push({ value: child, depth: visit.depth + 1, key, parent: visit });
      }
    }
  }
  return undefined;
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
