import { createError, LOCAL, toWxError } from '../errors';
import { createLogger } from '../log/logger';
import { registerSecret } from '../secrets/redact';
import { CachedTokenSource, sharedSourceOptions } from '../tokens/cachedTokenSource';
import { withComponentToken } from '../tokens/fetchers/withComponentToken';
import { callTokenEndpoint } from '../tokens/fetchers/callTokenEndpoint';
import { createDatabaseTokenStore } from '../tokens/databaseTokenStore';
import { createComponentTokenFetcher } from '../tokens/fetchers/componentTokenFetcher';
import { schedule } from '../tokens/refreshSchedule';
import type { StoredToken, TokenFetcher } from '../tokens/types';
import type { TokenSource } from '../transport/tokenSource';
import { noteFailedRefresh } from './authorizerLifecycle';
import { createAuthorizerTokenStore } from './authorizerTokenStore';
import type { ComponentSetup } from './componentSetup';
import { currentClock } from '../core/clock';

/**
 * Token sources of the third-party flow, one per configuration (component token) and one per
 * authorizer, living as long as the warm instance so that every invocation shares one cache
 * and one in-flight refresh per key (cachedTokenSource.ts). The component token is shared through
 * the token collection (key `component:<appid>`); each authorizer's token lives in its registry
 * record with its refresh token (authorizerTokenStore.ts).
 */
const componentSources = new Map<string, TokenSource>();
const authorizerSources = new Map<string, CachedTokenSource>();

export function componentTokenSource(setup: ComponentSetup): TokenSource {
  let source = componentSources.get(setup.id);
  if (!source) {
    const { config, http } = setup;
    source = new CachedTokenSource(
      'component',
      `component:${config.componentAppid}`,
      createComponentTokenFetcher(
        { baseUrl: http.baseUrl, attemptTimeoutMs: http.attemptTimeoutMs, componentAppid: config.componentAppid, componentSecret: config.componentSecret, verifyTicket: config.verifyTicket },
        // The pushed ticket reaches another function: it is read from the database whatever
        // TOKEN_STORE says about caching tokens (TOKEN_STORE=memory caches them in the instance only).
        setup.store ?? createDatabaseTokenStore(setup.tokenCollection),
      ),
      sharedSourceOptions(setup.store, http.attemptTimeoutMs, 'component'),
    );
    componentSources.set(setup.id, source);
  }
  return source;
}

/**
 * The authorizer_access_token lifecycle of one authorizer, on its registry record. Whatever
 * TOKEN_STORE says: the refresh token must live in the database, and its access token and lease
 * live beside it.
 */
export function authorizerTokenSource(setup: ComponentSetup, authorizerAppid: string): CachedTokenSource {
  const key = `${setup.id}|${authorizerAppid}`;
  let source = authorizerSources.get(key);
  if (!source) {
    source = new CachedTokenSource(
      'component',
      `${setup.config.componentAppid}:${authorizerAppid}`,
      registryAuthorizerTokenFetcher(setup, authorizerAppid),
      sharedSourceOptions(createAuthorizerTokenStore(setup, authorizerAppid), setup.http.attemptTimeoutMs, 'component', { authorizerAppid }),
    );
    authorizerSources.set(key, source);
  }
  return source;
}

/**
 * POST /cgi-bin/component/api_authorizer_token with the newest refresh token this instance knows
 * for the authorizer (docs/platform/tokens.md): the record's, read under the lease; or, when
 * the database could not be used, the one kept in memory, else AUTHORIZER_REFRESH_TOKEN for the
 * configured account. The answer's refresh token is carried with the token together with the one
 * it replaces, and must be saved (`mustSave`) when it differs: cachedTokenSource.ts saves it with
 * retries and keeps it in the instance when it cannot.
 */
function registryAuthorizerTokenFetcher(setup: ComponentSetup, authorizerAppid: string, now = () => currentClock().now()): TokenFetcher {
  const log = createLogger({ component: 'tokens', provider: 'component', authorizerAppid });
  const seed = authorizerAppid === setup.config.authorizerAppid ? setup.config.refreshToken : undefined;
  return {
    refusal(stored: StoredToken | undefined) {
      if (!stored) return createError(LOCAL.AUTHORIZER_UNKNOWN, { detail: `No authorization of ${authorizerAppid} is stored.` });
      if ((stored as { revoked?: boolean }).revoked === true || !stored.carry?.refreshToken) {
        return createError(LOCAL.AUTHORIZER_REVOKED, { detail: `${authorizerAppid} revoked its authorization.` });
      }
      return undefined;
    },

    async fetch(deadline, { previous, storeError }) {
      let refreshToken = previous?.carry?.refreshToken;
      let replaces = previous?.carry?.replaces ?? refreshToken;
      if (!refreshToken) {
        if (seed === undefined) {
          throw storeError !== undefined ? toWxError(storeError) : createError(LOCAL.AUTHORIZER_UNKNOWN, { detail: `No authorization of ${authorizerAppid} is stored.` });
        }
        refreshToken = seed;
        replaces = seed;
      }
      const used = refreshToken;
      const obtainedAt = now();
      const answer = await withComponentToken(componentTokenSource(setup), deadline, (componentToken) => callTokenEndpoint(
        {
          baseUrl: setup.http.baseUrl,
          attemptTimeoutMs: setup.http.attemptTimeoutMs,
          path: '/cgi-bin/component/api_authorizer_token',
          query: { component_access_token: componentToken },
          body: { component_appid: setup.config.componentAppid, authorizer_appid: authorizerAppid, authorizer_refresh_token: used },
          tokenField: 'authorizer_access_token',
        },
        deadline,
      )).catch(async (thrown: unknown) => {
        // 61003 / 61023: the record is marked (if it still holds the token used), so that the next
        // reconcile repairs or revokes it (authorizerLifecycle.ts).
        await noteFailedRefresh(setup, authorizerAppid, used, thrown, deadline, log);
        throw thrown;
      });
      const rotated = answer.body.authorizer_refresh_token;
      const next = typeof rotated === 'string' && rotated !== '' ? rotated : used;
      registerSecret(next);
      return {
        token: answer.token,
        ...schedule(obtainedAt, answer.expiresIn),
        carry: { refreshToken: next, replaces: replaces ?? used },
        mustSave: next !== replaces,
      };
    },
  };
}
