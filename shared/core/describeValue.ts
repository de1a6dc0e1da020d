/**
 * A short, type-tagged rendering of a value for a message: `"2" (string)`, `[] (array)`. Long
 * values are cut to 60 characters, and a value too deeply nested to serialize is named by its
 * type alone, so describing what arrived never fails nor echoes much of it.
 */
export function describeValue(value: unknown): string {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = type === 'object' || type === 'array' ? `(an ${type === 'array' ? 'array' : 'object'} too deeply nested to show)` : String(value);
  }
  if (text.length > 60) text = `${text.slice(0, 57)}...`;
  return `${text} (${type})`;
}
