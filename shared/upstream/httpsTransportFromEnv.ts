import { authorizerTokenSource } from '../authorizers/authorizerTokens';
import { componentSetupFromEnv } from '../authorizers/componentSetup';
import { createError, LOCAL } from '../errors';
import { httpConfigFromEnv } from '../transport/httpConfig';
import { createHttpsTransport } from '../transport/httpsTransport';
import type { Transport } from '../transport/types';
import { tokenSourceFromEnv } from '../tokens/tokenSourceFromEnv';
import type { TokenProviderKind, TokenSource } from '../transport/tokenSource';

export interface ConfiguredHttps {
  transport: Transport;
  provider: TokenProviderKind;
}

/**
 * The HTTPS transport with the token provider the environment configures, or `undefined`. The
 * component provider acts for AUTHORIZER_APPID, through the same lifecycle on its registry record
 * as an account named in an event (shared/authorizers/authorizerTokens.ts), so both agree on its
 * refresh token.
 */
export function httpsTransportFromEnv(env: NodeJS.ProcessEnv): ConfiguredHttps | undefined {
  const http = httpConfigFromEnv(env);
  const tokens = componentTokens(env) ?? tokenSourceFromEnv(env, http);
  if (!tokens) return undefined;
  return { transport: createHttpsTransport({ baseUrl: http.baseUrl, attemptTimeoutMs: http.attemptTimeoutMs, tokens }), provider: tokens.kind };
}

function componentTokens(env: NodeJS.ProcessEnv): TokenSource | undefined {
  const setup = componentSetupFromEnv(env);
  if (!setup) return undefined;
  const authorizerAppid = setup.config.authorizerAppid;
  if (!authorizerAppid) {
    throw createError(LOCAL.CONFIG_INVALID, { detail: 'The component token provider needs AUTHORIZER_APPID here (the account to act for).' });
  }
  return authorizerTokenSource(setup, authorizerAppid);
}
