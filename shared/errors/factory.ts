import { describeValue } from '../core/describeValue';
import { LOCAL } from './codes';
import type { HintContext } from './catalog';
import { withoutSdkConsoleText } from './sdkConsoleText';
import { WxError, type WxErrorOptions } from './WxError';

/** The one place errors are decided: from a raw code, with context for the hint. */
export function createError(code: number, options: WxErrorOptions = {}): WxError {
  return new WxError(code, options);
}

/**
 * Turn anything thrown below us into a WxError. `wx-server-sdk` throws `CloudSDKError` instances
 * and, for some CloudBase failures, plain `{ errCode, errMsg }` objects
 * (docs/platform/cloud-wire.md, "`cloud.openapi`: a generic proxy"); Node's http client rejects
 * with socket errors carrying a `code` (ECONNRESET, ECONNREFUSED) and, when aborted, an
 * `AbortError`.
 */
export function toWxError(thrown: unknown, context: HintContext & { requestId?: string } = {}): WxError {
  if (thrown instanceof WxError) return thrown;
  if (isErrCodeCarrier(thrown)) {
    return createError(thrown.errCode, { ...context, upstreamMessage: stringOrUndefined(thrown.errMsg) });
  }
  const odd = oddErrCode(thrown);
  if (odd !== undefined) return odd(context);
  // Duck-typed, not `instanceof Error`: errors raised inside Node's own modules may come from
  // another realm (e.g. under a test runner's vm context) and must still be recognised.
  if (isErrorLike(thrown)) {
    if (thrown.name === 'TimeoutError' || thrown.name === 'AbortError') {
      return createError(LOCAL.ATTEMPT_TIMEOUT, { ...context, detail: 'The request attempt timed out.' });
    }
    if (isNetworkFailure(thrown)) {
      return createError(LOCAL.NETWORK_ERROR, { ...context, detail: `Network error: ${describeCause(thrown)}` });
    }
    return createError(LOCAL.INTERNAL, { ...context, detail: withoutSdkConsoleText(thrown.message) });
  }
  return createError(LOCAL.INTERNAL, { ...context, detail: withoutSdkConsoleText(String(thrown)) });
}

function isErrCodeCarrier(value: unknown): value is { errCode: number; errMsg?: unknown } {
  return (
    typeof value === 'object' && value !== null &&
    typeof (value as { errCode?: unknown }).errCode === 'number' &&
    Number.isInteger((value as { errCode: number }).errCode) &&
    (value as { errCode: number }).errCode !== 0
  );
}

/**
 * wx-server-sdk throws whatever truthy `errcode` WeChat's body had as the error's `errCode`: an
 * integer in a string is that code; anything else (`[]`, `"abc"`) is not WeChat's answer, so it
 * is UPSTREAM_INVALID_BODY naming the field, never INTERNAL (docs/retries-and-deadlines.md).
 */
function oddErrCode(thrown: unknown): ((context: HintContext & { requestId?: string }) => WxError) | undefined {
  if (typeof thrown !== 'object' || thrown === null || !('errCode' in thrown)) return undefined;
  const raw = (thrown as { errCode: unknown }).errCode;
  if (raw === undefined || raw === 0) return undefined;
  const upstreamMessage = stringOrUndefined((thrown as { errMsg?: unknown }).errMsg);
  if (typeof raw === 'string' && /^-?[1-9]\d{0,9}$/.test(raw)) return (context) => createError(Number(raw), { ...context, upstreamMessage });
  return (context) =>
    createError(LOCAL.UPSTREAM_INVALID_BODY, {
      ...context,
      upstreamMessage,
      detail: 'The answer\'s errcode is neither 0 nor an error code, so it says neither success nor failure.',
      issues: [{ field: 'errcode', expected: 'the number 0 (success) or an integer error code', received: describeValue(raw) }],
    });
}

function isErrorLike(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && typeof (value as Error).message === 'string' && typeof (value as Error).name === 'string';
}

/**
 * Node's socket errors carry a string `code` (ECONNRESET, ECONNREFUSED, and our ERR_TRUNCATED
 * for a body cut short); `fetch` (undici), should a caller use it, reports them as
 * `TypeError('fetch failed' | 'terminated')` with the socket error as `cause`.
 */
function isNetworkFailure(error: Error): boolean {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return (
    (error.name === 'TypeError' && (error.message === 'fetch failed' || error.message === 'terminated')) ||
    typeof (error as { code?: unknown }).code === 'string' ||
    typeof cause?.code === 'string'
  );
}

function describeCause(error: Error): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? withoutSdkConsoleText(cause?.message ?? (error as { code?: string }).code ?? error.message);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? withoutSdkConsoleText(value) : undefined;
}
