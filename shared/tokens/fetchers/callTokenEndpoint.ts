import { createError, LOCAL, toWxError } from '../../errors';
import type { Deadline } from '../../core/deadline';
import { createHttpsTransport } from '../../transport/httpsTransport';
import { sendRequest } from '../../transport/sendRequest';
import { readTokenAnswer } from './tokenAnswer';

export interface TokenEndpointCall {
  baseUrl: string;
  attemptTimeoutMs?: number;
  path: string;
  body: Record<string, string | number | boolean>;
  query?: Record<string, string>;
  /** The field of the answer that holds the token. */
  tokenField: string;
}

export interface TokenEndpointAnswer {
  token: string;
  expiresIn: number;
  body: Record<string, unknown>;
}

/**
 * POSTs to a WeChat token endpoint through the same transport and retry rules as every call.
 * A definitive code (61023, 40125, ...) is passed on as itself, so its catalog hint (e.g.
 * "re-authorize") reaches the caller; a transient one becomes the `cause` of TOKEN_PROVIDER_FAILED.
 */
export async function callTokenEndpoint(call: TokenEndpointCall, deadline: Deadline): Promise<TokenEndpointAnswer> {
  // Each token endpoint is an upstream of its own, with its own retry budget per invocation.
  const transport = createHttpsTransport({ baseUrl: call.baseUrl, attemptTimeoutMs: call.attemptTimeoutMs, upstream: `the token endpoint ${call.path}` });
  let reply;
  try {
    reply = await sendRequest(
      transport,
      { api: { name: call.path.split('/').pop() ?? call.path, https: { method: 'POST', path: call.path } }, params: call.body as Record<string, string | number>, query: call.query },
      deadline,
    );
  } catch (thrown) {
    const cause = toWxError(thrown);
    // A definitive WeChat answer (61023, 40125, or a rejected component token that the caller
    // may refresh) passes on as itself; transient failures that outlived the retries are wrapped.
    if (cause.retry !== 'backoff' && cause.entry.source === 'wechat') throw cause;
    throw createError(LOCAL.TOKEN_PROVIDER_FAILED, { detail: `${call.path} failed: ${cause.message}`, cause });
  }
  const body = reply.body as Record<string, unknown>;
  const { token, expiresIn } = readTokenAnswer(body, [call.tokenField], 7200, call.path);
  return { token, expiresIn, body };
}
