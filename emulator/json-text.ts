/**
 * JSON text writer that writes a `bigint` as a bare integer literal.
 *
 * The platform's bodies can carry integers beyond 2^53 (docs/platform/cloud-wire.md, "Big numbers":
 * the SDK parses with json-bigint precisely because of that). JSON.stringify cannot emit such a
 * literal, so each bigint is first written as a marked string and the marks are then taken off the
 * text. Everything else is JSON.stringify's own (fast) output: a 1000-item page is written in well
 * under a millisecond, so a slow emulator never hides the cost of the code it measures.
 */
const MARK = '\u2063emu-bigint:'; // an invisible separator: never escaped by JSON.stringify, never in real data
const MARKED = /"\u2063emu-bigint:(-?\d+)"/g;

const markBigints = (_key: string, value: unknown) => (typeof value === 'bigint' ? `${MARK}${value.toString()}` : value);

export function toJsonText(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  const text = JSON.stringify(value, markBigints);
  if (text === undefined) return 'null';
  return text.includes(MARK) ? text.replace(MARKED, '$1') : text;
}
