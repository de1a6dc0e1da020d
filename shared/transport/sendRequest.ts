import { createError, LOCAL, toWxError, type WxError } from '../errors';
import type { Deadline } from '../core/deadline';
import { backoffDelay, DEFAULT_RETRY_POLICY, shouldRetry, type RetryPolicy } from './retryPolicy';
import type { ApiRequest, AttemptState, Transport, UpstreamReply } from './types';

export interface SendOptions {
  policy?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told about each failed attempt that will be retried (for logs). */
  onRetry?: (error: WxError, attempt: number, delayMs: number) => void;
}

/**
 * The one place that decides retries (as stripe-node's RequestSender does): attempts go through
 * `transport.send`, transient failures are retried with jittered backoff while the deadline
 * leaves room, everything else is returned at once.
 */
export async function sendRequest(transport: Transport, request: ApiRequest, deadline: Deadline, options: SendOptions = {}): Promise<UpstreamReply> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const sleep = options.sleep ?? ((ms: number) => deadline.clock.sleep(ms));
  const state: AttemptState = { attempt: 0, tokenRefreshed: false };
  const context = { apiName: request.api.cloudApi, functionName: request.api.name };

  for (;;) {
    state.attempt += 1;
    if (deadline.remaining() < policy.minAttemptMs && state.attempt > 1) throw createError(LOCAL.DEADLINE_EXCEEDED, context);
    try {
      const body = await transport.send(request, deadline, state);
      return { body, via: transport.via, attempts: state.attempt };
    } catch (thrown) {
      const error = toWxError(thrown, context);
      const delay = backoffDelay(policy, state.attempt, options.random);
      if (!shouldRetry(error, policy, state.attempt, deadline.remaining(), delay)) {
        if (error.retry === 'backoff' && deadline.remaining() < policy.minAttemptMs + delay) {
          throw createError(LOCAL.DEADLINE_EXCEEDED, { ...context, detail: `Gave up after ${state.attempt} attempt(s): no time left before the function time limit.`, cause: error });
        }
        throw error;
      }
      options.onRetry?.(error, state.attempt, delay);
      await sleep(delay);
    }
  }
}
