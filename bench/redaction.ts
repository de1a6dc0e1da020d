import { randomBytes } from 'node:crypto';
import { mayNeedRedaction, registerSecret } from '../shared/secrets/redact';
import { median, round } from './lib/stats';

/**
 * The redaction check every string of a result passes (shared/secrets/redact.ts), with one
 * account's secrets registered and with a thousand accounts' (what an instance of a third-party
 * platform acting for them registers), measured in this process one after the other: its cost
 * per string must not grow with the accounts (docs/performance.md, "The warm path").
 */
export const REDACTION_TARGETS = { thousandVsOneAccount: 3 };

export interface RedactionResult {
  strings: number;
  oneAccountMicros: number;
  thousandAccountsMicros: number;
  thousandVsOneAccount: number;
}

/** The strings of result pages: appids, names, status labels, avatar and apply URLs. */
function pageStrings(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    switch (i % 5) {
      case 0: return `wx${randomBytes(8).toString('hex')}`;
      case 1: return `名称 ${i}`;
      case 2: return 'pending';
      case 3: return `https://wx.qlogo.cn/mmhead/${randomBytes(40).toString('base64url')}/0`;
      default: return `https://example.com/apply/${randomBytes(12).toString('hex')}`;
    }
  });
}

/** What one account registers: its app secret, an access token and a refresh token. */
function registerAccount(): void {
  registerSecret(randomBytes(16).toString('hex'));
  registerSecret(randomBytes(102).toString('base64url'));
  registerSecret(randomBytes(45).toString('base64url'));
}

/** Median over repeats of the time per string, in µs. */
function perStringMicros(strings: string[], repeats = 9): number {
  const times: number[] = [];
  let yes = 0;
  for (let r = 0; r < repeats; r++) {
    const start = process.hrtime.bigint();
    for (const text of strings) if (mayNeedRedaction(text)) yes += 1;
    times.push(Number(process.hrtime.bigint() - start) / 1e3 / strings.length);
  }
  if (yes !== 0) throw new Error('a page string was taken for a secret: the measurement is of the wrong path');
  return round(median(times), 3);
}

export function measureRedaction(): RedactionResult {
  const strings = pageStrings(20_000);
  registerAccount();
  const oneAccountMicros = perStringMicros(strings);
  for (let i = 1; i < 1000; i++) registerAccount();
  const thousandAccountsMicros = perStringMicros(strings);
  return { strings: strings.length, oneAccountMicros, thousandAccountsMicros, thousandVsOneAccount: round(thousandAccountsMicros / oneAccountMicros) };
}

export function printRedaction(result: RedactionResult): void {
  console.log(`\nRedaction check per result string (${result.strings} page strings, median of 9 passes):`);
  console.table([
    { secrets: 'one account (3)', 'µs per string': result.oneAccountMicros },
    { secrets: 'a thousand accounts (3000)', 'µs per string': result.thousandAccountsMicros },
  ]);
}
