import type { WxError } from '../errors';

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
