/**
 * A short, marked excerpt of a text that may be any length: what an error may echo of what a
 * caller or an upstream sent (docs/retries-and-deadlines.md, "What errors echo"). A text within
 * `max` characters is returned as it is; a longer one is cut there (never inside a surrogate
 * pair) and marked with its full length, so a 2 MB event key costs an envelope about a hundred
 * bytes, not 6 MB. Redact before cutting: a secret cut in half is no longer recognised.
 */
export function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // keep a surrogate pair whole
  return `${text.slice(0, end)}… (${text.length.toLocaleString('en-US')} characters, cut)`;
}
