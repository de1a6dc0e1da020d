/**
 * A schema built on first use. Building zod schemas runs zod's constructors for every node (about
 * 2 ms of a cold start for this package's schemas, bench/); a call that never validates (a
 * refused caller) or never normalizes a list (the other function's list) never pays for them.
 * The value stands in for the schema (a Proxy reading through to the built one), so the code and
 * types that use it, zod included when it is nested in another schema, stay as they are.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const schema = (): T => (built ??= build());
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(schema(), key),
    has: (_target, key) => Reflect.has(schema(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}
