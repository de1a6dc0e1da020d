import { createError, LOCAL, toWxError, type FieldIssue } from '../errors';
import { describeValue } from '../core/describeValue';
import { refuseDeepNesting } from './refuseDeepNesting';
import { startAttemptTimer } from './attemptTimer';
import type { Deadline } from '../core/deadline';
import { httpRequest } from './httpRequest';
import { describeJsonKind, describeUnparsed } from './describeBody';
import { parseJsonBody } from './parseJsonBody';
import { responseText, type ResponseText } from './responseText';

export interface HttpExchange {
  method: 'GET' | 'POST';
  url: URL;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface ExchangeContext {
  functionName?: string;
  apiName?: string;
  attemptTimeoutMs: number;
}

/**
 * One HTTPS attempt against api.weixin.qq.com: an HTTP 200 whose body carries a non-zero
 * `errcode` is an error (the API reports failures that way), a body that is not JSON (a gateway's
 * HTML page) is a clear error, not a crash, and a dropped or truncated answer is a network error.
 * A body that is not text at all (compressed unasked, binary) is UPSTREAM_UNREADABLE_BODY, never
 * retried. A body that cannot be read as the expected JSON is described by its kind and size,
 * never echoed (describeBody.ts): it may carry a credential redaction cannot recognise.
 */
export async function httpExchange(exchange: HttpExchange, deadline: Deadline, context: ExchangeContext): Promise<Record<string, unknown>> {
  const timer = startAttemptTimer(deadline, context.attemptTimeoutMs);
  const errorContext = { functionName: context.functionName, apiName: context.apiName };
  let status: number;
  let content: ResponseText;
  try {
    const response = await httpRequest({
      method: exchange.method,
      url: exchange.url,
      headers: { ...exchange.headers, ...(exchange.body ? { 'content-type': 'application/json' } : {}) },
      body: exchange.body ? JSON.stringify(exchange.body) : undefined,
      signal: timer.signal,
    });
    status = response.status;
    content = responseText(response.body, response.contentEncoding);
  } catch (thrown) {
    if (timer.signal.aborted) throw timer.timeoutError(errorContext);
    throw toWxError(thrown, errorContext);
  } finally {
    timer.clear();
  }

  if (status >= 400) {
    const said = content.readable ? errorPageMessage(content.text) : undefined;
    throw createError(status >= 500 ? LOCAL.UPSTREAM_HTTP_ERROR : LOCAL.UPSTREAM_HTTP_CLIENT_ERROR, {
      ...errorContext,
      httpStatus: status,
      upstreamMessage: said,
      detail: `HTTP ${status} from ${exchange.url.pathname}: ${content.readable ? (said === undefined ? describeUnparsed(content.text) : 'a JSON error (see upstreamMessage)') : content.why}.`,
    });
  }
  if (!content.readable) {
    throw createError(LOCAL.UPSTREAM_UNREADABLE_BODY, { ...errorContext, httpStatus: status, detail: `Unreadable answer from ${exchange.url.pathname}: ${content.why}.` });
  }
  const text = content.text;
  let body: unknown;
  try {
    body = parseJsonBody(text);
  } catch {
    throw createError(LOCAL.UPSTREAM_NOT_JSON, { ...errorContext, httpStatus: status, detail: `Not JSON from ${exchange.url.pathname}: ${describeUnparsed(text)}.` });
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw createError(LOCAL.UPSTREAM_NOT_JSON, { ...errorContext, httpStatus: status, detail: `Expected a JSON object from ${exchange.url.pathname}, got ${describeJsonKind(body)}.` });
  }
  refuseDeepNesting(body, exchange.url.pathname, { ...errorContext, httpStatus: status });
  const failure = errcodeFailure(body as Record<string, unknown>);
  if (failure !== undefined) throw createError(failure.code, { ...errorContext, httpStatus: status, ...failure.options });
  return body as Record<string, unknown>;
}

/**
 * Whether a parsed answer reports a failure. Only a numeric `errcode` 0, or none at all (the body
 * is then checked against the API's schema by its normalizer), is success. A non-zero integer,
 * as a number or a numeric string, is that WeChat code; anything else (`null`, `""`, `false`,
 * `[]`, `"0"`, `1.5`) is not WeChat's answer and is UPSTREAM_INVALID_BODY naming the field,
 * never taken for success (docs/retries-and-deadlines.md, "What counts as success").
 */
function errcodeFailure(body: Record<string, unknown>): { code: number; options: { upstreamMessage?: string; issues?: FieldIssue[]; detail?: string } } | undefined {
  const errcode = body.errcode;
  if (errcode === undefined || errcode === 0) return undefined;
  const errmsg = typeof body.errmsg === 'string' ? body.errmsg : undefined;
  const code = typeof errcode === 'number' ? errcode : typeof errcode === 'string' && /^-?[1-9]\d{0,9}$/.test(errcode) ? Number(errcode) : NaN;
  if (Number.isSafeInteger(code) && code !== 0) return { code, options: { upstreamMessage: errmsg } };
  return {
    code: LOCAL.UPSTREAM_INVALID_BODY,
    options: {
      upstreamMessage: errmsg,
      detail: 'The answer\'s errcode is neither 0 nor an error code, so it says neither success nor failure.',
      issues: [{ field: 'errcode', expected: 'the number 0 (success) or an integer error code', received: describeValue(errcode) }],
    },
  };
}

/** An error page's own message, when it is JSON with a string `errmsg` (WeChat's and most services' shape). */
function errorPageMessage(text: string): string | undefined {
  try {
    const body = parseJsonBody(text) as { errmsg?: unknown } | null;
    return typeof body?.errmsg === 'string' ? body.errmsg : undefined;
  } catch {
    return undefined;
  }
}
