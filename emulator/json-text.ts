/**
 * JSON text writer that writes a `bigint` as a bare integer literal.
 *
 * The platform's bodies can carry integers beyond 2^53 (platform-notes: the SDK parses
 * with json-bigint precisely because of that). JSON.stringify cannot emit such a literal,
 * so the emulator writes the text itself. Everything else follows JSON.stringify.
 */
export function toJsonText(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => toJsonText(item)).join(',')}]`;
  }
  if (value instanceof Date) return JSON.stringify(value);
  const parts: string[] = [];
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined || typeof item === 'function') continue;
    parts.push(`${JSON.stringify(key)}:${toJsonText(item)}`);
  }
  return `{${parts.join(',')}}`;
}
