import { envValue } from '../core/envValue';
import type { HttpConfig } from '../transport/httpConfig';
import { CachedTokenSource, sharedSourceOptions } from './cachedTokenSource';
import { createDatabaseTokenStore } from './databaseTokenStore';
import { createStableTokenFetcher } from './fetchers/stableTokenFetcher';
import { createTokenServiceFetcher } from './fetchers/tokenServiceFetcher';
import { createFixedTokenSource } from './fixedTokenSource';
import { tokenConfigFromEnv, type TokenConfig } from './tokenConfig';
import type { TokenStore } from './types';
import type { TokenSource } from '../transport/tokenSource';

export const DEFAULT_TOKEN_COLLECTION = 'wx_tokens';

/**
 * Sources live as long as the warm instance (module state survives between calls:
 * docs/platform/limits.md), one per distinct configuration, so every invocation in an instance shares
 * one cache and one in-flight refresh.
 */
const sources = new Map<string, TokenSource>();

/**
 * The token source of the fixed, service and stable providers; `undefined` when none is
 * configured. The component provider's tokens belong to an authorizer and live in the authorizer
 * registry with its refresh token: shared/authorizers/authorizerTokens.ts builds them
 * (shared/upstream/httpsTransportFromEnv.ts picks which).
 */
export function tokenSourceFromEnv(env: NodeJS.ProcessEnv, http: HttpConfig): TokenSource | undefined {
  const config = tokenConfigFromEnv(env);
  if (!config || config.kind === 'component') return undefined;
  // A fixed token needs no store, no cache and no key: the cold path of the usual call stays short.
  if (config.kind === 'fixed') return createFixedTokenSource(config.token);
  const storeKind = envValue(env, 'TOKEN_STORE') === 'memory' ? 'memory' : 'database';
  const collection = envValue(env, 'TOKEN_COLLECTION') ?? DEFAULT_TOKEN_COLLECTION;
  // An in-memory key only; no hashing, so the fixed-token path never loads node:crypto.
  const id = JSON.stringify([config, http, storeKind, collection]);
  let source = sources.get(id);
  if (!source) {
    source = build(config, http, storeKind === 'database' ? createDatabaseTokenStore(collection) : undefined);
    sources.set(id, source);
  }
  return source;
}

function build(config: Exclude<TokenConfig, { kind: 'component' | 'fixed' }>, http: HttpConfig, store: TokenStore | undefined): TokenSource {
  const endpoint = { baseUrl: http.baseUrl, attemptTimeoutMs: http.attemptTimeoutMs };
  const shared = sharedSourceOptions(store, http.attemptTimeoutMs, config.kind);
  switch (config.kind) {
    case 'service':
      // The service is the shared cache; instances keep only their in-memory copy.
      return new CachedTokenSource('service', 'service', createTokenServiceFetcher({ url: config.url, authorization: config.authorization, attemptTimeoutMs: http.attemptTimeoutMs }));
    case 'stable':
      return new CachedTokenSource('stable', `stable:${config.appid}`, createStableTokenFetcher({ ...endpoint, appid: config.appid, secret: config.secret }), shared);
  }
}
