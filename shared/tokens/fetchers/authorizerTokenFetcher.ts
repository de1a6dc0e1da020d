import type * as NodeCrypto from 'node:crypto';
import { createError, LOCAL, toWxError } from '../../errors';
import type { Deadline } from '../../core/deadline';
import { schedule } from '../refreshSchedule';
import type { TokenFetcher } from '../types';
import type { TokenSource } from '../../transport/tokenSource';
import { withTokenRetry } from '../../transport/withTokenRetry';
import { callTokenEndpoint } from './callTokenEndpoint';

export interface AuthorizerConfig {
  baseUrl: string;
  attemptTimeoutMs?: number;
  componentAppid: string;
  authorizerAppid: string;
  /** AUTHORIZER_REFRESH_TOKEN as configured; a rotated one saved later takes its place. */
  refreshToken: string;
}

/**
 * authorizer_access_token: POST /cgi-bin/component/api_authorizer_token (platform-notes.md,
 * "Tokens"). The answer may carry a new authorizer_refresh_token: it is carried with the token
 * (and so saved in the shared store) and used next time. The configured one is used again only
 * if the configuration changes (a re-authorization), recognised by its fingerprint.
 */
export function createAuthorizerTokenFetcher(config: AuthorizerConfig, componentTokens: TokenSource, now = Date.now): TokenFetcher {
  const origin = fingerprint(config.refreshToken);
  return {
    async fetch(deadline, { previous }) {
      const carried = previous?.carry;
      const refreshToken = carried?.refreshOrigin === origin && carried.refreshToken ? carried.refreshToken : config.refreshToken;
      const obtainedAt = now();
      const answer = await withComponentToken(componentTokens, deadline, (componentToken) => callTokenEndpoint(
        {
          baseUrl: config.baseUrl,
          attemptTimeoutMs: config.attemptTimeoutMs,
          path: '/cgi-bin/component/api_authorizer_token',
          query: { component_access_token: componentToken },
          body: { component_appid: config.componentAppid, authorizer_appid: config.authorizerAppid, authorizer_refresh_token: refreshToken },
          tokenField: 'authorizer_access_token',
        },
        deadline,
      ));
      const rotated = answer.body.authorizer_refresh_token;
      return {
        token: answer.token,
        ...schedule(obtainedAt, answer.expiresIn),
        carry: { refreshToken: typeof rotated === 'string' && rotated !== '' ? rotated : refreshToken, refreshOrigin: origin },
      };
    },
  };
}

/** A rejected component_access_token is replaced once (withTokenRetry); rejected again, the provider has failed. */
export async function withComponentToken<T>(componentTokens: TokenSource, deadline: Deadline, call: (token: string) => Promise<T>): Promise<T> {
  try {
    return await withTokenRetry(componentTokens, deadline, call);
  } catch (thrown) {
    const cause = toWxError(thrown);
    throw cause.retry === 'token' ? createError(LOCAL.TOKEN_PROVIDER_FAILED, { detail: 'The component_access_token was rejected twice.', cause }) : cause;
  }
}

function fingerprint(value: string): string {
  // node:crypto on first need, not hoisted into every cold start (cachedTokenSource.ts).
  return (require('node:crypto') as typeof NodeCrypto).createHash('sha256').update(value).digest('hex').slice(0, 16);
}
