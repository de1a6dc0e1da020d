import { createError, LOCAL, toWxError } from '../errors';
import type { TokenSource } from './tokenSource';
import { withTokenRetry } from './withTokenRetry';
import { DEFAULT_ATTEMPT_TIMEOUT_MS } from './attemptTimer';
import { httpExchange } from './httpExchange';
import type { ApiRequest, AttemptState, Transport } from './types';

export const DEFAULT_WECHAT_API_BASE_URL = 'https://api.weixin.qq.com';

export interface HttpsTransportOptions {
  baseUrl?: string;
  /** Absent for the token endpoints themselves, which carry their credentials in the body. */
  tokens?: TokenSource;
  attemptTimeoutMs?: number;
  /** The upstream for the retry budget (retryBudget.ts); by default the WeChat API at `baseUrl`. */
  upstream?: string;
}

/**
 * The HTTPS path. With a token source, the token goes in the `access_token` query parameter; a
 * token the API rejects (40001/40014/42001) is invalidated only if still current, refreshed, and
 * the request retried once per request — never more (docs/platform/tokens.md, "Rules the best
 * SDKs settled on").
 */
export function createHttpsTransport(options: HttpsTransportOptions = {}): Transport {
  const baseUrl = options.baseUrl ?? DEFAULT_WECHAT_API_BASE_URL;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
  const tokens = options.tokens;

  const attempt = (request: ApiRequest, token: string | undefined, deadline: Parameters<Transport['send']>[1]) => {
    const https = request.api.https;
    if (!https) throw createError(LOCAL.INTERNAL, { functionName: request.api.name, detail: `${request.api.name} has no HTTPS path.` });
    const url = new URL(https.path, baseUrl);
    if (token !== undefined) url.searchParams.set('access_token', token);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    if (https.method === 'GET') for (const [key, value] of Object.entries(request.params)) url.searchParams.set(key, String(value));
    return httpExchange(
      { method: https.method, url, body: https.method === 'POST' ? request.params : undefined },
      deadline,
      { functionName: request.api.name, apiName: request.api.cloudApi, attemptTimeoutMs },
    );
  };

  return {
    via: 'https',
    upstream: options.upstream ?? `the WeChat API (${originOf(baseUrl)})`,
    async send(request, deadline, state: AttemptState) {
      if (!tokens) return attempt(request, undefined, deadline);
      // Once per request: a retry after backoff (sendRequest) does not earn a second refresh.
      const mayRefresh = () => tokens.refreshable && !state.tokenRefreshed && (state.tokenRefreshed = true);
      try {
        return await withTokenRetry(tokens, deadline, (token) => attempt(request, token, deadline), mayRefresh);
      } catch (thrown) {
        const error = toWxError(thrown, { functionName: request.api.name });
        if (error.retry !== 'token' || tokens.refreshable) throw error;
        throw createError(error.code, { functionName: request.api.name, upstreamMessage: error.body.upstreamMessage, detail: `The configured ${tokens.kind} token was rejected; it cannot be refreshed here, so set a fresh one.` });
      }
    },
  };
}

function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}
