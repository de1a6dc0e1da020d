import { envValue } from '../core/envValue';
import { redact, redactDeep } from '../secrets/redact';
import type { Logger } from '../core/logger';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };


/**
 * One JSON line per record, the form the CloudBase log console indexes. Every field is redacted
 * before serialization (so a JSON body held in a string is matched in its own form) and the line
 * again after it, so no field can carry a credential out.
 */
export function createLogger(base: Record<string, unknown>, level: LogLevel = parseLevel(envValue(process.env, 'LOG_LEVEL'))): Logger {
  const write = (at: Exclude<LogLevel, 'silent'>) => (event: string, fields: Record<string, unknown> = {}) => {
    if (ORDER[at] < ORDER[level]) return;
    const line = redact(JSON.stringify(redactDeep({ level: at, event, ...base, ...fields })));
    if (at === 'error' || at === 'warn') console.error(line);
    else console.log(line);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export function parseLevel(value: string | undefined): LogLevel {
  return value !== undefined && value in ORDER ? (value as LogLevel) : 'info';
}
