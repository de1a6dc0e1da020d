import { createError, LOCAL, toWxError, type WxError } from '../errors';
import type { Deadline } from '../core/deadline';
import { backoffDelay, DEFAULT_RETRY_POLICY, shouldRetry, type RetryPolicy } from './retryPolicy';
import { upstreamBudget } from './retryBudget';
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
 *
 * Retries come from one budget per invocation and per upstream (retryBudget.ts: 3, restored
 * when the upstream answers), shared by every layer: a failure of another upstream (a token
 * endpoint's, met while this request fetched its token) is passed on as it is, never retried
 * here, since that upstream's own sender already retried it from its own budget. A policy of one
 * attempt (writes, messages) neither takes from the budget nor is stopped by it: such a request
 * is never a retry, and is sent once.
 */
export async function sendRequest(transport: Transport, request: ApiRequest, deadline: Deadline, options: SendOptions = {}): Promise<UpstreamReply> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const sleep = options.sleep ?? ((ms: number) => deadline.clock.sleep(ms));
  const state: AttemptState = { attempt: 0, tokenRefreshed: false };
  const context = { apiName: request.api.cloudApi, functionName: request.api.name };
  const upstream = transport.upstream ?? transport.via;
  const budget = upstreamBudget(deadline, upstream);
  const budgeted = policy.maxAttempts > 1;

  for (;;) {
    state.attempt += 1;
    const refused = budgeted ? budget.refusal(context) : undefined;
    if (refused) throw refused;
    if (deadline.remaining() < policy.minAttemptMs && state.attempt > 1) throw createError(LOCAL.DEADLINE_EXCEEDED, { ...context, upstream });
    try {
      const body = await transport.send(request, deadline, state);
      budget.answered();
      return { body, via: transport.via, attempts: state.attempt };
    } catch (thrown) {
      const error = toWxError(thrown, context);
      if (error.upstream !== undefined && error.upstream !== upstream) throw error; // decided by its own upstream's sender
      error.upstream = upstream;
      if (error.retry !== 'backoff') {
        budget.answered(); // a definitive answer: the upstream is up
        throw error;
      }
      budget.failed();
      const delay = backoffDelay(policy, state.attempt, options.random);
      if (!shouldRetry(error, policy, state.attempt, deadline.remaining(), delay)) {
        if (deadline.remaining() < policy.minAttemptMs + delay) {
          throw createError(LOCAL.DEADLINE_EXCEEDED, { ...context, upstream, detail: `Gave up after ${state.attempt} attempt(s): no time left before the function time limit.`, cause: error });
        }
        if (budgeted && !budget.hasRetry()) budget.giveUp(error);
        throw error;
      }
      if (!budget.takeRetry()) {
        budget.giveUp(error);
        throw error;
      }
      options.onRetry?.(error, state.attempt, delay);
      await sleep(delay);
    }
  }
}
