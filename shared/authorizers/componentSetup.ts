import { envValue } from '../core/envValue';
import { httpConfigFromEnv, type HttpConfig } from '../transport/httpConfig';
import { createDatabaseTokenStore } from '../tokens/databaseTokenStore';
import { tokenConfigFromEnv, type TokenConfig } from '../tokens/tokenConfig';
import { DEFAULT_TOKEN_COLLECTION } from '../tokens/tokenSourceFromEnv';
import type { TokenStore } from '../tokens/types';
import { createAuthorizerRegistry, authorizerCollectionName, type AuthorizerRegistry } from './authorizerRegistry';

export type ComponentConfig = Extract<TokenConfig, { kind: 'component' }>;

/** Everything the third-party (component) flow needs, read once from the environment. */
export interface ComponentSetup {
  config: ComponentConfig;
  http: HttpConfig;
  tokenCollection: string;
  /** The shared token store, unless TOKEN_STORE=memory. */
  store: TokenStore | undefined;
  registry: AuthorizerRegistry;
  /** Identifies this configuration for the instance's caches. */
  id: string;
}

const setups = new Map<string, ComponentSetup>();

/**
 * The component setup when the environment configures the component token provider, else
 * undefined. The authorizer registry always lives in the database (AUTHORIZER_COLLECTION): the
 * pushes reach another function, so nothing in one instance's memory could hold it.
 */
export function componentSetupFromEnv(env: NodeJS.ProcessEnv): ComponentSetup | undefined {
  const config = tokenConfigFromEnv(env);
  if (config?.kind !== 'component') return undefined;
  return componentSetupOf(config, env);
}

/** For componentEvents: the COMPONENT_* variables alone, whatever provider the lists use. */
export function componentSetupOf(config: ComponentConfig, env: NodeJS.ProcessEnv): ComponentSetup {
  const http = httpConfigFromEnv(env);
  const storeKind = envValue(env, 'TOKEN_STORE') === 'memory' ? 'memory' : 'database';
  const tokenCollection = envValue(env, 'TOKEN_COLLECTION') ?? DEFAULT_TOKEN_COLLECTION;
  const authorizerCollection = authorizerCollectionName(env);
  const id = JSON.stringify([config.componentAppid, config.componentSecret, config.verifyTicket ?? '', http, storeKind, tokenCollection, authorizerCollection]);
  let setup = setups.get(id);
  if (!setup) {
    setup = {
      config,
      http,
      tokenCollection,
      store: storeKind === 'database' ? createDatabaseTokenStore(tokenCollection) : undefined,
      registry: createAuthorizerRegistry(config.componentAppid, authorizerCollection),
      id,
    };
    setups.set(id, setup);
  }
  return setup;
}
