import type { ErrorBody, WxError } from '../errors';

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

export function failEnvelope(functionName: string, error: WxError, requestId?: string): FailEnvelope {
  return {
    errCode: error.code,
    errMsg: `${functionName}:fail ${error.message}`,
    ...(requestId ? { requestId } : {}),
    error: error.body,
  };
}
