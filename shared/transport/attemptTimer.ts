import { createError, LOCAL, type WxError } from '../errors';
import type { Deadline } from '../core/deadline';

export const DEFAULT_ATTEMPT_TIMEOUT_MS = 4000;

/**
 * A per-attempt time limit bounded by the total deadline (ky's `timeout` plus its total budget).
 * When the attempt runs out because the deadline does, the error is DEADLINE_EXCEEDED (final);
 * otherwise ATTEMPT_TIMEOUT (retried while time remains).
 */
export interface AttemptTimer {
  signal: AbortSignal;
  /** The error to report if `signal` fired. */
  timeoutError(context: { apiName?: string; functionName?: string }): WxError;
  clear(): void;
}

export function startAttemptTimer(deadline: Deadline, attemptTimeoutMs: number): AttemptTimer {
  const remaining = deadline.remaining();
  const boundByDeadline = remaining <= attemptTimeoutMs;
  const ms = Math.max(1, Math.min(attemptTimeoutMs, remaining));
  const controller = new AbortController();
  // On the deadline's clock: a test's virtual time ends the attempt, not the machine's speed.
  const timer = deadline.clock.after(ms, () => controller.abort(new Error('attempt timed out')));
  return {
    signal: controller.signal,
    timeoutError: (context) =>
      boundByDeadline
        ? createError(LOCAL.DEADLINE_EXCEEDED, { ...context, detail: `No answer before the function time limit (waited ${ms} ms).` })
        : createError(LOCAL.ATTEMPT_TIMEOUT, { ...context, detail: `No answer within ${ms} ms.` }),
    clear: () => timer.cancel(),
  };
}

/** Races a promise that cannot be aborted (the SDK's) against the attempt timer. */
export async function raceAttempt<T>(work: Promise<T>, timer: AttemptTimer, context: { apiName?: string; functionName?: string }): Promise<T> {
  work.catch(() => undefined); // a late rejection after the timer fired must not go unhandled
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        if (timer.signal.aborted) reject(timer.timeoutError(context));
        timer.signal.addEventListener('abort', () => reject(timer.timeoutError(context)), { once: true });
      }),
    ]);
  } finally {
    timer.clear();
  }
}
