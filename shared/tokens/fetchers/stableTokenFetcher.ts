import { schedule } from '../refreshSchedule';
import type { TokenFetcher } from '../types';
import { callTokenEndpoint } from './callTokenEndpoint';
import { currentClock } from '../../core/clock';

/**
 * The account's own token: POST /cgi-bin/stable_token (docs/platform/tokens.md, "The account's own
 * token: `stable_token`"). The endpoint hands back the same token while it is valid, so
 * `force_refresh` is sent only after a rejection.
 */
export function createStableTokenFetcher(config: { baseUrl: string; appid: string; secret: string; attemptTimeoutMs?: number }, now = () => currentClock().now()): TokenFetcher {
  return {
    async fetch(deadline, { forceRefresh }) {
      const obtainedAt = now();
      const answer = await callTokenEndpoint(
        {
          baseUrl: config.baseUrl,
          attemptTimeoutMs: config.attemptTimeoutMs,
          path: '/cgi-bin/stable_token',
          body: { grant_type: 'client_credential', appid: config.appid, secret: config.secret, force_refresh: forceRefresh },
          tokenField: 'access_token',
        },
        deadline,
      );
      return { token: answer.token, ...schedule(obtainedAt, answer.expiresIn) };
    },
  };
}
