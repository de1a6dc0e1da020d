import { createError, LOCAL, toWxError } from '../errors';
import { redact } from '../secrets/redact';
import { startAttemptTimer } from './attemptTimer';
import type { Deadline } from '../core/deadline';
import { httpRequest } from './httpRequest';
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
 * retried, and described without any of its bytes.
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
    throw createError(status >= 500 ? LOCAL.UPSTREAM_HTTP_ERROR : LOCAL.UPSTREAM_HTTP_CLIENT_ERROR, {
      ...errorContext,
      httpStatus: status,
      detail: `HTTP ${status} from ${exchange.url.pathname}: ${content.readable ? snippet(content.text) : `(${content.why})`}`,
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
    throw createError(LOCAL.UPSTREAM_NOT_JSON, { ...errorContext, httpStatus: status, detail: `Not JSON from ${exchange.url.pathname}: ${snippet(text)}` });
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw createError(LOCAL.UPSTREAM_NOT_JSON, { ...errorContext, httpStatus: status, detail: `Expected a JSON object from ${exchange.url.pathname}: ${snippet(text)}` });
  }
  const errcode = (body as { errcode?: unknown }).errcode;
  if (errcode !== undefined && errcode !== 0 && errcode !== '0') {
    const code = typeof errcode === 'number' ? errcode : Number(errcode);
    const errmsg = (body as { errmsg?: unknown }).errmsg;
    throw createError(Number.isInteger(code) ? code : LOCAL.UPSTREAM_INVALID_BODY, {
      ...errorContext,
      httpStatus: status,
      upstreamMessage: typeof errmsg === 'string' ? errmsg : undefined,
    });
  }
  return body as Record<string, unknown>;
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return redact(flat.length > 120 ? `${flat.slice(0, 117)}...` : flat || '(empty body)');
}
