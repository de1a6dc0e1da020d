/**
 * Setting a key that came from upstream data. Plain assignment is right for every key but
 * `__proto__`, where it would replace the object's prototype and the value would vanish from the
 * data (and from JSON). Keys named like other built-ins (`constructor`, `toString`) become own
 * properties by plain assignment. Kept as ordinary objects, so results stay plain JSON values.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export const hasOwn = (value: object, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key);

/**
 * zod builds its outputs by assignment and leaves `__proto__` out; this puts every own
 * `__proto__` key of `input` back on the matching object of `output`, at any depth. Run only
 * when the body had such a key at all (canonicalJson reports it), so it costs nothing otherwise.
 */
export function restoreProtoKeys(input: unknown, output: unknown): void {
  if (typeof input !== 'object' || input === null || typeof output !== 'object' || output === null) return;
  if (Array.isArray(input)) {
    if (Array.isArray(output)) input.forEach((item, i) => restoreProtoKeys(item, output[i]));
    return;
  }
  const source = input as Record<string, unknown>;
  const target = output as Record<string, unknown>;
  if (hasOwn(source, '__proto__') && !hasOwn(target, '__proto__')) setOwn(target, '__proto__', source['__proto__']);
  for (const key of Object.keys(target)) if (key !== '__proto__' && hasOwn(source, key)) restoreProtoKeys(source[key], target[key]);
}
