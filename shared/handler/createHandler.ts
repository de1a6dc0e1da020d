import type * as z from 'zod/mini';
import { authorizeCaller, type Caller } from '../auth/authorizeCaller';
import { callerPolicyFromEnv } from '../auth/callerPolicy';
import { readCallerContext } from '../auth/wxContext';
import { toWxError } from '../errors';
import { createLogger, type Logger } from '../log/logger';
import { mayNeedRedactionDeep, redactDeep } from '../secrets/redact';
import { deadlineFromContext, type Deadline } from '../transport/deadline';
import { parseEvent } from '../validation/parseEvent';
import { failEnvelope, okEnvelope, type Envelope } from './envelope';

export interface Invocation {
  caller: Caller;
  deadline: Deadline;
  requestId?: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
}

export interface HandlerSpec<S extends z.ZodMiniType, R extends object> {
  /** The function's name: envelope `errMsg` prefix, hint context, log field. */
  name: string;
  eventSchema: S;
  run(event: z.output<S>, invocation: Invocation): Promise<R>;
}

export type CloudFunctionMain<R extends object> = (event: unknown, context?: unknown) => Promise<Envelope<R>>;

/**
 * Wires the shared parts every function goes through, in order: caller authorization, event
 * validation (both before any upstream call), the function's own work, one envelope. It never
 * throws at the caller: whatever happens becomes an error envelope, redacted.
 */
export function createHandler<S extends z.ZodMiniType, R extends object>(spec: HandlerSpec<S, R>): CloudFunctionMain<R> {
  return async (event, context) => {
    const startedAt = Date.now();
    const env = process.env;
    const requestId = readRequestId(context);
    const log = createLogger({ fn: spec.name, requestId });
    try {
      const deadline = deadlineFromContext(context, startedAt);
      const caller = authorizeCaller(readCallerContext(env), callerPolicyFromEnv(env), spec.name);
      const parsed = parseEvent(spec.eventSchema, event);
      const result = await spec.run(parsed, { caller, deadline, requestId, env, log });
      log.info('done', { errCode: 0, ms: Date.now() - startedAt, source: caller.source });
      const envelope = okEnvelope(spec.name, result, requestId);
      // Results are built from upstream data, never from credentials; this is the last guard.
      return mayNeedRedactionDeep(envelope) ? redactDeep(envelope) : envelope;
    } catch (thrown) {
      const error = toWxError(thrown, { functionName: spec.name });
      log.warn('failed', {
        errCode: error.code,
        name: error.entry.name,
        detail: error.body.detail,
        upstreamMessage: error.body.upstreamMessage,
        cause: error.body.cause?.code,
        ms: Date.now() - startedAt,
      });
      return failEnvelope(spec.name, error, requestId);
    }
  };
}

function readRequestId(context: unknown): string | undefined {
  const id = (context as { request_id?: unknown } | null | undefined)?.request_id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
