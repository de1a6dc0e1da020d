import { LOCAL, type WxError } from '../errors';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** An attempt is not worth starting with less time than this left. */
  minAttemptMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2000, minAttemptMs: 200 };

/**
 * Exponential backoff with equal jitter: half the step fixed, half random, so a burst of
 * instances that failed together does not retry together.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Only transient failures are retried; the catalog classifies every code (errors/catalog.ts). */
export function shouldRetry(error: WxError, policy: RetryPolicy, attempt: number, remainingMs: number, delayMs: number): boolean {
  return error.retry === 'backoff' && attempt < policy.maxAttempts && remainingMs - delayMs >= policy.minAttemptMs;
}

/**
 * Writes (approve, refuse, delete, revoke, set mode, add, remove) are never retried blindly: an
 * attempt whose answer was lost may have been applied, and sending it again could act twice or
 * act on a state that changed meanwhile. One attempt, no backoff; what follows a lost answer is
 * decided from one re-read of the list (shared/writes/writeOnce.ts).
 */
export const WRITE_RETRY_POLICY: RetryPolicy = { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, minAttemptMs: 200 };

/**
 * A failed write whose answer may have been lost after it was applied: the transient failures a
 * read would retry (timeout, reset, 5xx, not-JSON gateway page, system busy), and an attempt cut
 * off by the function's deadline (DEADLINE_EXCEEDED). Parameter and state errors are WeChat's
 * own answers: the write was not applied.
 */
export function answerMayBeLost(error: WxError): boolean {
  return error.retry === 'backoff' || error.code === LOCAL.DEADLINE_EXCEEDED;
}
