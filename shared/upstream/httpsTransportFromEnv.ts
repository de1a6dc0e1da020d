import { httpConfigFromEnv } from '../transport/httpConfig';
import { createHttpsTransport } from '../transport/httpsTransport';
import type { Transport } from '../transport/types';
import { tokenSourceFromEnv } from '../tokens/tokenSourceFromEnv';
import type { TokenProviderKind } from '../transport/tokenSource';

export interface ConfiguredHttps {
  transport: Transport;
  provider: TokenProviderKind;
}

/** The HTTPS transport with the token provider the environment configures, or `undefined`. */
export function httpsTransportFromEnv(env: NodeJS.ProcessEnv): ConfiguredHttps | undefined {
  const http = httpConfigFromEnv(env);
  const tokens = tokenSourceFromEnv(env, http);
  if (!tokens) return undefined;
  return { transport: createHttpsTransport({ baseUrl: http.baseUrl, attemptTimeoutMs: http.attemptTimeoutMs, tokens }), provider: tokens.kind };
}
