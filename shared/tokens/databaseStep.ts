import type { Deadline } from '../core/deadline';

/**
 * What a call still needs after a database step that precedes its WeChat requests: a token fetch
 * (component and authorizer token, when due) and the API call itself. On a healthy network each
 * is a few hundred milliseconds; a step that leaves this much leaves the call time to finish.
 */
export const REST_OF_CALL_MS = 1000;

/**
 * The deadline of one database step: the invocation's own, less what the rest of the call needs
 * (`restMs`), and never less than half of what is left. A healthy but slow database (reads of
 * 1.6 s with 10 s to go) is waited for; a stalled one ends the step early enough for the rest of
 * the call, or for its clean error (DATABASE_TIMEOUT, -910013). No fixed slice: a function with a
 * long time limit gives its database steps the time it has (docs/authorizer-lifecycle.md,
 * "Deadlines").
 */
export function databaseStep(deadline: Deadline, restMs = REST_OF_CALL_MS): Deadline {
  const remaining = deadline.remaining();
  return deadline.within(remaining - Math.min(restMs, Math.floor(remaining / 2)));
}
