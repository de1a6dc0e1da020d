import type { ErrorBody, WxError } from '../errors';
import { fitsInBytes, MAX_RESULT_BYTES } from '../core/resultSize';

export type OkEnvelope<R> = { errCode: 0; errMsg: string; requestId?: string } & R;
export interface FailEnvelope {
  errCode: number;
  errMsg: string;
  requestId?: string;
  error: ErrorBody;
}
export type Envelope<R> = OkEnvelope<R> | FailEnvelope;

/** `errMsg` follows the platform's `<api>:ok` / `<api>:fail <reason>` convention. */
export function okEnvelope<R extends object>(functionName: string, result: R, requestId?: string): OkEnvelope<R> {
  return { errCode: 0, errMsg: `${functionName}:ok`, ...(requestId ? { requestId } : {}), ...result };
}

/**
 * An error envelope obeys the size limit a result does (core/resultSize.ts). Every error is
 * bounded where it is built (errors/WxError.ts: short, marked excerpts, at most 20 issues), so
 * this last guard is never reached by what the package builds; should a chain of causes ever add
 * up past the limit, the error keeps its code, name, messages, retryability and hint, and says
 * what it left out.
 */
export function failEnvelope(functionName: string, error: WxError, requestId?: string): FailEnvelope {
  const envelope: FailEnvelope = {
    errCode: error.code,
    errMsg: `${functionName}:fail ${error.message}`,
    ...(requestId ? { requestId } : {}),
    error: error.body,
  };
  if (fitsInBytes(envelope, MAX_RESULT_BYTES)) return envelope;
  const { code, name, source, message, retryable, hint } = error.body;
  return {
    errCode: error.code,
    errMsg: `${functionName}:fail ${error.code} ${name}`,
    ...(requestId ? { requestId } : {}),
    error: { code, name, source, message, retryable, hint, detail: 'The details of this error were too large for a function result and were left out.' },
  };
}
