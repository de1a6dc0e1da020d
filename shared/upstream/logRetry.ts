import type { WxError } from '../errors';
import type { Logger } from '../core/logger';

/** The sender's retry notice, as one log line. */
export const logRetry = (log: Logger) => (error: WxError, attempt: number, delayMs: number) =>
  log.warn('retry', { attempt, delayMs, errCode: error.code, name: error.entry.name });
