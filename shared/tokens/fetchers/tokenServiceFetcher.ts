import { createError, LOCAL, toWxError } from '../../errors';
import { safeUrlForMessages } from '../../secrets/registerUrlSecrets';
import type { Deadline } from '../../core/deadline';
import { httpExchange } from '../../transport/httpExchange';
import { sendRequest } from '../../transport/sendRequest';
import type { Transport } from '../../transport/types';
import { schedule } from '../refreshSchedule';
import type { TokenFetcher } from '../types';
import { readTokenAnswer } from './tokenAnswer';
import { currentClock } from '../../core/clock';

export interface TokenServiceConfig {
  url: string;
  /** Sent as the Authorization header when set (TOKEN_SERVICE_AUTH). */
  authorization?: string;
  attemptTimeoutMs?: number;
}

/**
 * A central token service (the documented "central token server" pattern: one place fetches and
 * shares tokens). GET TOKEN_SERVICE_URL answers `{ "access_token": "...", "expires_in": 7200 }`
 * (WeChat's own shape); after a rejection we ask with `force_refresh=1`.
 */
export function createTokenServiceFetcher(config: TokenServiceConfig, now = () => currentClock().now()): TokenFetcher {
  return {
    async fetch(deadline: Deadline, { forceRefresh }) {
      let url: URL;
      try {
        url = new URL(config.url);
      } catch {
        throw createError(LOCAL.CONFIG_INVALID, { detail: 'TOKEN_SERVICE_URL is not a valid absolute URL (http:// or https://).' });
      }
      if (forceRefresh) url.searchParams.set('force_refresh', '1');
      const obtainedAt = now();
      const transport: Transport = {
        via: 'https',
        upstream: `TOKEN_SERVICE_URL (${safeUrlForMessages(url)})`,
        send: (_request, attemptDeadline) =>
          httpExchange(
            { method: 'GET', url, headers: config.authorization ? { authorization: config.authorization } : undefined },
            attemptDeadline,
            { functionName: 'tokenService', attemptTimeoutMs: config.attemptTimeoutMs ?? 4000 },
          ),
      };
      let body: Record<string, unknown>;
      try {
        body = (await sendRequest(transport, { api: { name: 'tokenService' }, params: {} }, deadline)).body as Record<string, unknown>;
      } catch (thrown) {
        throw createError(LOCAL.TOKEN_PROVIDER_FAILED, { detail: `TOKEN_SERVICE_URL (${safeUrlForMessages(url)}) did not return a token.`, cause: toWxError(thrown) });
      }
      const { token, expiresIn } = readTokenAnswer(body, ['access_token', 'token'], 300, `TOKEN_SERVICE_URL (${safeUrlForMessages(url)})`);
      return { token, ...schedule(obtainedAt, expiresIn) };
    },
  };
}
