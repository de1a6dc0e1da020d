import { createError, LOCAL, toWxError } from '../errors';
import { createLogger } from '../log/logger';
import { CachedTokenSource, sharedSourceOptions } from '../tokens/cachedTokenSource';
import { withComponentToken } from '../tokens/fetchers/authorizerTokenFetcher';
import { callTokenEndpoint } from '../tokens/fetchers/callTokenEndpoint';
import { createDatabaseTokenStore } from '../tokens/databaseTokenStore';
import { createComponentTokenFetcher } from '../tokens/fetchers/componentTokenFetcher';
import { schedule } from '../tokens/refreshSchedule';
import type { TokenFetcher } from '../tokens/types';
import type { TokenSource } from '../transport/tokenSource';
import { noteFailedRefresh } from './authorizerLifecycle';
import { authorizerRecord } from './authorizerRecord';
import { authorizerTokenKey } from './authorizerTokenKey';
import type { ComponentSetup } from './componentSetup';

/**
 * Token sources of the third-party flow, one per configuration (component token) and one per
 * authorizer, living as long as the warm instance so that every invocation shares one cache
 * and one in-flight refresh per key (cachedTokenSource.ts; keys `component:<appid>` and
 * `authorizer:<component>:<authorizer>` in the shared store, as before).
 */
const sources = new Map<string, TokenSource>();

const shared = (setup: ComponentSetup) => sharedSourceOptions(setup.store, setup.http.attemptTimeoutMs, 'component');

export function componentTokenSource(setup: ComponentSetup): TokenSource {
  const key = `${setup.id}|component`;
  let source = sources.get(key);
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
      shared(setup),
    );
    sources.set(key, source);
  }
  return source;
}

/** The authorizer_access_token lifecycle of one authorizer; its refresh token comes from the registry. */
export function authorizerTokenSource(setup: ComponentSetup, authorizerAppid: string): TokenSource {
  const key = `${setup.id}|authorizer|${authorizerAppid}`;
  let source = sources.get(key);
  if (!source) {
    source = new CachedTokenSource(
      'component',
      authorizerTokenKey(setup.config.componentAppid, authorizerAppid),
      registryAuthorizerTokenFetcher(setup, authorizerAppid),
      shared(setup),
    );
    sources.set(key, source);
  }
  return source;
}

/**
 * POST /cgi-bin/component/api_authorizer_token with the refresh token the registry holds for
 * this authorizer (platform-notes.md, "Tokens"). A rotated refresh token is saved back to the
 * registry at once (and carried with the token in the store), so the next refresh, in any
 * instance, uses it.
 */
function registryAuthorizerTokenFetcher(setup: ComponentSetup, authorizerAppid: string, now = Date.now): TokenFetcher {
  const log = createLogger({ component: 'tokens', provider: 'component', authorizerAppid });
  return {
    async fetch(deadline) {
      const record = await authorizerRecord(setup, authorizerAppid, deadline, (cause) =>
        log.warn('authorizer registry unavailable; using AUTHORIZER_REFRESH_TOKEN', { reason: toWxError(cause).message }),
      );
      if (!record) throw createError(LOCAL.AUTHORIZER_UNKNOWN, { detail: `No authorization of ${authorizerAppid} is stored.` });
      if (record.revoked || record.refreshToken === '') throw createError(LOCAL.AUTHORIZER_REVOKED, { detail: `${authorizerAppid} revoked its authorization.` });
      const refreshToken = record.refreshToken;
      const obtainedAt = now();
      const answer = await withComponentToken(componentTokenSource(setup), deadline, (componentToken) => callTokenEndpoint(
        {
          baseUrl: setup.http.baseUrl,
          attemptTimeoutMs: setup.http.attemptTimeoutMs,
          path: '/cgi-bin/component/api_authorizer_token',
          query: { component_access_token: componentToken },
          body: { component_appid: setup.config.componentAppid, authorizer_appid: authorizerAppid, authorizer_refresh_token: refreshToken },
          tokenField: 'authorizer_access_token',
        },
        deadline,
      )).catch(async (thrown: unknown) => {
        // 61003 / 61023: marked, so that the next reconcile repairs or revokes it.
        await noteFailedRefresh(setup, authorizerAppid, thrown, deadline, log);
        throw thrown;
      });
      const rotated = answer.body.authorizer_refresh_token;
      const next = typeof rotated === 'string' && rotated !== '' ? rotated : refreshToken;
      if (next !== refreshToken) {
        // The token is good either way; a lost save is logged (the carried copy below remains).
        await setup.registry.saveRotatedRefreshToken(authorizerAppid, refreshToken, next, deadline).catch((cause: unknown) =>
          log.warn('rotated refresh token not saved to the registry', { reason: toWxError(cause).message }),
        );
      }
      return { token: answer.token, ...schedule(obtainedAt, answer.expiresIn), carry: { refreshToken: next } };
    },
  };
}
