/**
 * What every part of the package logs through. The implementation (one redacted JSON line per
 * record) is `shared/log/logger.ts`; parts below it take this interface only.
 */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
}
