/**
 * A function's result may be at most 1 MB (platform-notes.md, "Function configuration and
 * limits"; -604001 beyond it). Measured as the UTF-8 bytes of the JSON the platform sends back;
 * the limit is taken as 10^6 bytes (the smaller reading of "1 MB") less room for the envelope.
 */
export const RESULT_LIMIT_BYTES = 1_000_000;
const ENVELOPE_ROOM_BYTES = 16_384;

export function jsonByteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/** Whether a result of this many bytes fits under the limit with room for the envelope around it. */
export function fitsInResult(bytes: number): boolean {
  return bytes <= RESULT_LIMIT_BYTES - ENVELOPE_ROOM_BYTES;
}
