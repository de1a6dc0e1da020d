import { componentTokenSource } from '../authorizers/authorizerTokens';
import type { ComponentSetup } from '../authorizers/componentSetup';
import { funcIdsOf } from '../authorizers/funcSets';
import { createError, LOCAL } from '../errors';
import { registerSecret } from '../secrets/redact';
import { withComponentToken } from '../tokens/fetchers/withComponentToken';
import type { Deadline } from '../core/deadline';
import { createHttpsTransport } from '../transport/httpsTransport';
import { DEFAULT_RETRY_POLICY } from '../transport/retryPolicy';
import { sendRequest } from '../transport/sendRequest';

export interface Authorization {
  authorizerAppid: string;
  refreshToken: string;
  /** The access token that came with it, and its life in seconds, when WeChat gave one. */
  accessToken?: string;
  expiresIn?: number;
  funcIds: number[];
}

const API_QUERY_AUTH = { name: 'api_query_auth', https: { method: 'POST' as const, path: '/cgi-bin/component/api_query_auth' } };
/**
 * One attempt only: the exchange uses the code up, so an answer lost after WeChat applied it
 * must not be followed by a blind second try (the push is answered with an error instead and
 * WeChat delivers it again). A rejected component token is still replaced once: WeChat refused
 * that request before reading the code.
 */
const ONE_ATTEMPT = { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 };

/**
 * POST /cgi-bin/component/api_query_auth?component_access_token=… with
 * `{ component_appid, authorization_code }` (docs/platform/pushes.md): the
 * authorizer's appid, refresh token, an access token and the granted permission sets.
 */
export async function exchangeAuthorizationCode(setup: ComponentSetup, code: string, deadline: Deadline): Promise<Authorization> {
  const transport = createHttpsTransport({ baseUrl: setup.http.baseUrl, attemptTimeoutMs: setup.http.attemptTimeoutMs });
  const reply = await withComponentToken(componentTokenSource(setup), deadline, (componentToken) =>
    sendRequest(
      transport,
      { api: API_QUERY_AUTH, params: { component_appid: setup.config.componentAppid, authorization_code: code }, query: { component_access_token: componentToken } },
      deadline,
      { policy: ONE_ATTEMPT },
    ),
  );
  const info = (reply.body as { authorization_info?: Record<string, unknown> }).authorization_info;
  registerSecret(info?.authorizer_access_token);
  registerSecret(info?.authorizer_refresh_token);
  const authorizerAppid = info?.authorizer_appid;
  const refreshToken = info?.authorizer_refresh_token;
  if (typeof authorizerAppid !== 'string' || typeof refreshToken !== 'string' || refreshToken === '') {
    throw createError(LOCAL.UPSTREAM_INVALID_BODY, {
      functionName: API_QUERY_AUTH.name,
      issues: [{ field: 'authorization_info', expected: 'authorizer_appid and authorizer_refresh_token (strings)' }],
    });
  }
  const accessToken = typeof info?.authorizer_access_token === 'string' && info.authorizer_access_token !== '' ? info.authorizer_access_token : undefined;
  const expiresIn = Number(info?.expires_in);
  return {
    authorizerAppid,
    refreshToken,
    ...(accessToken ? { accessToken, ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresIn } : {}) } : {}),
    funcIds: funcIdsOf(info?.func_info),
  };
}
