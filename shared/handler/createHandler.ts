import { authorizeCaller } from '../auth/authorizeCaller';
import { refuseHttpAccessEvent } from '../auth/httpAccessShape';
import { callerPolicyFromEnv } from '../auth/callerPolicy';
import { readCallerContext } from '../auth/wxContext';
import { createError, LOCAL, toWxError } from '../errors';
import { createLogger } from '../log/logger';
import type { Refusal } from '../auth/refusal';
import type { Invocation } from '../core/invocation';
import { mayNeedRedaction, mayNeedRedactionDeep, redactDeep } from '../secrets/redact';
import { currentClock, type Clock } from '../core/clock';
import { deadlineFromContext } from '../core/deadline';
import { readRequestId } from './requestId';
import { parseEvent, type EventOf, type EventSchema } from '../validation/parseEvent';
import { failEnvelope, okEnvelope, type Envelope, type OkEnvelope } from './envelope';
import { describeBytes, fitsInBytes, jsonByteLength, jsonBytesAtMost, MAX_RESULT_BYTES } from '../core/resultSize';

export interface HandlerSpec<S extends EventSchema, R extends object> {
  /** The function's name: envelope `errMsg` prefix, hint context, log field. */
  name: string;
  eventSchema: S;
  run(event: EventOf<S>, invocation: Invocation): Promise<R>;
  /**
   * A result too large for the platform (resultSize.ts) is handed here with the bytes it may
   * take: return a smaller one (a shorter page whose `paging` says where to continue), or throw
   * RESULT_WOULD_EXCEED_LIMIT saying what would fit. Without it, that error is returned.
   */
  fitResult?(result: R, budgetBytes: number, event: EventOf<S>): R;
  /** Told when the caller is refused (before validation), e.g. to audit a refused write; its failure is its own business. */
  onRefused?(refusal: Refusal): Promise<void>;
  /**
   * What the invocation reads the time from and waits on: its start, its deadline (and every
   * timer bound to it) and the log's `ms`. The installed clock (shared/core/clock.ts) unless given.
   */
  clock?: Clock;
}

export type CloudFunctionMain<R extends object> = (event: unknown, context?: unknown) => Promise<Envelope<R>>;

/**
 * Wires the shared parts every function goes through, in order: an HTTP access request refused
 * (httpAccessShape.ts), caller authorization, event
 * validation (both before any upstream call), the function's own work, one envelope. It never
 * throws at the caller: whatever happens becomes an error envelope, redacted.
 */
export function createHandler<S extends EventSchema, R extends object>(spec: HandlerSpec<S, R>): CloudFunctionMain<R> {
  return async (event, context) => {
    const clock = spec.clock ?? currentClock();
    const startedAt = clock.now();
    const env = process.env;
    const requestId = readRequestId(context);
    const log = createLogger({ fn: spec.name, requestId });
    const deadline = deadlineFromContext(context, startedAt, clock);
    try {
      refuseHttpAccessEvent(event, spec.name);
      const caller = authorizeCaller(readCallerContext(env), callerPolicyFromEnv(env), spec.name);
      const parsed = parseEvent(spec.eventSchema, event);
      const result: R = await spec.run(parsed, { caller, deadline, requestId, env, log });
      let { envelope, fits } = finalEnvelope(spec.name, result, requestId);
      if (!fits) {
        const bytes = jsonByteLength(envelope);
        // What the envelope adds around the result: the result may take the rest.
        const budget = MAX_RESULT_BYTES - (jsonByteLength(okEnvelope(spec.name, {}, requestId)) - 2);
        const tooLarge = createError(LOCAL.RESULT_WOULD_EXCEED_LIMIT, {
          functionName: spec.name,
          detail: `The result would be ${describeBytes(bytes)} of JSON; a function result must stay under ${describeBytes(MAX_RESULT_BYTES)}.`,
        });
        if (!spec.fitResult) throw tooLarge;
        const fitted = spec.fitResult(result, budget, parsed);
        ({ envelope, fits } = finalEnvelope(spec.name, fitted, requestId));
        if (!fits) throw tooLarge;
        log.info('shortened to fit', { from: bytes, to: jsonByteLength(envelope) });
      }
      log.info('done', { errCode: 0, ms: clock.now() - startedAt, source: caller.source });
      return envelope;
    } catch (thrown) {
      const error = toWxError(thrown, { functionName: spec.name });
      log.warn('failed', {
        errCode: error.code,
        name: error.entry.name,
        detail: error.body.detail,
        upstreamMessage: error.body.upstreamMessage,
        cause: error.body.cause?.code,
        ms: clock.now() - startedAt,
      });
      if (spec.onRefused && error.code === LOCAL.CALLER_NOT_ALLOWED) {
        await spec.onRefused({ error, event, context: readCallerContext(env), deadline, requestId, env, log }).catch(() => undefined);
      }
      return failEnvelope(spec.name, error, requestId);
    }
  };
}

/**
 * The envelope of a result, redacted if anything in it might need it, and whether it fits the
 * result limit. Results are built from upstream data, never from credentials; redaction is the
 * last guard. One walk usually decides both: the size bound looks at every string on its way
 * (resultSize.ts); when it cannot tell, each is decided the full way.
 */
function finalEnvelope<R extends object>(name: string, result: R, requestId: string | undefined): { envelope: OkEnvelope<R>; fits: boolean } {
  const envelope = okEnvelope(name, result, requestId);
  let mayNeed = false;
  const bound = jsonBytesAtMost(envelope, MAX_RESULT_BYTES, (text) => {
    if (!mayNeed && mayNeedRedaction(text)) mayNeed = true;
  });
  if (bound <= MAX_RESULT_BYTES && !mayNeed) return { envelope, fits: true };
  const checked = (bound <= MAX_RESULT_BYTES ? mayNeed : mayNeedRedactionDeep(envelope)) ? redactDeep(envelope) : envelope;
  return { envelope: checked, fits: fitsInBytes(checked, MAX_RESULT_BYTES) };
}

