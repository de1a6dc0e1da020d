import { createError, type WxError } from '../errors';
import type { Deadline, InvocationSignals } from '../core/deadline';

/**
 * Retries one invocation may spend on one upstream, shared by every request to it and every
 * layer above it (docs/retries-and-deadlines.md). With the first attempt this keeps the promise
 * "at most 4 attempts" for the whole invocation, not for each layer: a token fetch inside an API
 * call inside `all: true` inside `syncLists` used to multiply its attempts (4 x 4). The budget is
 * restored whenever the upstream answers (a success, or a definitive error): it limits failures
 * in a row, so a long sync is not ended by a few blips spread over its pages, while an upstream
 * that keeps failing or hanging is asked 4 times in the invocation and then given up.
 */
export const RETRIES_PER_UPSTREAM = 3;

/** What one invocation has spent on one upstream. */
interface UpstreamLedger {
  retriesLeft: number;
  /** Failed attempts since the upstream last answered (for messages). */
  failures: number;
  /** The failure after which the upstream was given up for the rest of the invocation. */
  gaveUp?: WxError;
}

/**
 * Keyed on the invocation's signals, which every deadline derived from the invocation's own
 * shares (`within`, `shortenedBy`: shared/core/deadline.ts) and which go with the invocation.
 */
const ledgers = new WeakMap<InvocationSignals, Map<string, UpstreamLedger>>();

function ledgerOf(deadline: Deadline, upstream: string): UpstreamLedger {
  let upstreams = ledgers.get(deadline.signals);
  if (!upstreams) {
    upstreams = new Map();
    ledgers.set(deadline.signals, upstreams);
  }
  let ledger = upstreams.get(upstream);
  if (!ledger) {
    ledger = { retriesLeft: RETRIES_PER_UPSTREAM, failures: 0 };
    upstreams.set(upstream, ledger);
  }
  return ledger;
}

/**
 * The per-invocation budget of one upstream, as the sender (sendRequest.ts) uses it: a failed
 * attempt is recorded; a retry is taken from what is left; an answer makes it whole again; a
 * transient failure that finds no retry left gives the upstream up, and every later request to
 * it in this invocation is refused without a request, with an error that says so and carries
 * the failure that ended it.
 */
export function upstreamBudget(deadline: Deadline, upstream: string) {
  const ledger = ledgerOf(deadline, upstream);
  return {
    /** The error to throw instead of sending, when the upstream was given up. */
    refusal(context: { apiName?: string; functionName?: string }): WxError | undefined {
      const last = ledger.gaveUp;
      if (!last) return undefined;
      return createError(last.code, {
        ...context,
        upstream,
        httpStatus: last.body.httpStatus,
        upstreamMessage: last.body.upstreamMessage,
        detail: `Not sent: ${upstream} failed ${ledger.failures} time(s) in a row in this invocation and its ${RETRIES_PER_UPSTREAM} retries are spent (last: ${last.body.detail ?? last.entry.en}).`,
      });
    },
    failed(): void {
      ledger.failures += 1;
    },
    /** The upstream answered (success or a definitive error): it is up, the budget is whole again. */
    answered(): void {
      if (ledger.gaveUp) return; // given up stays given up for the invocation
      ledger.retriesLeft = RETRIES_PER_UPSTREAM;
      ledger.failures = 0;
    },
    hasRetry(): boolean {
      return ledger.retriesLeft > 0;
    },
    takeRetry(): boolean {
      if (ledger.retriesLeft <= 0) return false;
      ledger.retriesLeft -= 1;
      return true;
    },
    giveUp(error: WxError): void {
      ledger.gaveUp ??= error;
    },
  };
}
