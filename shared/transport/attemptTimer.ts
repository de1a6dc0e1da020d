import { createError, LOCAL, type WxError } from '../errors';
import type { Deadline } from '../core/deadline';

export const DEFAULT_ATTEMPT_TIMEOUT_MS = 4000;

/**
 * What an attempt's time limit tells the request it bounds: whether it ran out, and a way to be
 * told when it does. Node's AbortController would do, but costs an event target per attempt (on
 * the warm path, per call) and loads its machinery on a cold start: this is all a request uses.
 */
export interface AttemptSignal {
  readonly aborted: boolean;
  /** `listener` runs once when the time runs out (at once if it has); the function returned stops that. */
  onAbort(listener: () => void): () => void;
}

/**
 * A per-attempt time limit bounded by the total deadline (ky's `timeout` plus its total budget).
 * When the attempt runs out because the deadline does, the error is DEADLINE_EXCEEDED (final);
 * otherwise ATTEMPT_TIMEOUT (retried while time remains).
 */
export interface AttemptTimer {
  signal: AttemptSignal;
  /** The error to report if `signal` fired. */
  timeoutError(context: { apiName?: string; functionName?: string }): WxError;
  clear(): void;
}

export function startAttemptTimer(deadline: Deadline, attemptTimeoutMs: number): AttemptTimer {
  const remaining = deadline.remaining();
  const boundByDeadline = remaining <= attemptTimeoutMs;
  const ms = Math.max(1, Math.min(attemptTimeoutMs, remaining));
  let aborted = false;
  let listeners: Array<() => void> = [];
  // On the deadline's clock: a test's virtual time ends the attempt, not the machine's speed.
  const timer = deadline.clock.after(ms, () => {
    aborted = true;
    const waiting = listeners;
    listeners = [];
    for (const listener of waiting) listener();
  });
  const signal: AttemptSignal = {
    get aborted() {
      return aborted;
    },
    onAbort(listener) {
      if (aborted) {
        listener();
        return () => undefined;
      }
      listeners.push(listener);
      return () => {
        listeners = listeners.filter((l) => l !== listener);
      };
    },
  };
  return {
    signal,
    timeoutError: (context) =>
      boundByDeadline
        ? createError(LOCAL.DEADLINE_EXCEEDED, { ...context, detail: `No answer before the function time limit (waited ${ms} ms).` })
        : createError(LOCAL.ATTEMPT_TIMEOUT, { ...context, detail: `No answer within ${ms} ms.` }),
    clear: () => {
      timer.cancel();
      listeners = [];
    },
  };
}

/** Races a promise that cannot be aborted (the SDK's) against the attempt timer. */
export async function raceAttempt<T>(work: Promise<T>, timer: AttemptTimer, context: { apiName?: string; functionName?: string }): Promise<T> {
  work.catch(() => undefined); // a late rejection after the timer fired must not go unhandled
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer.signal.onAbort(() => reject(timer.timeoutError(context)));
      }),
    ]);
  } finally {
    timer.clear();
  }
}
