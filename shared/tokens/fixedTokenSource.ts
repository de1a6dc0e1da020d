import type { TokenSource } from '../transport/tokenSource';

/**
 * A token given in configuration (AUTHORIZER_ACCESS_TOKEN), for console test runs. It cannot be
 * refreshed, so a rejection is final and the error says to set a fresh one.
 */
export function createFixedTokenSource(token: string): TokenSource {
  return {
    kind: 'fixed',
    refreshable: false,
    getToken: async () => token,
    invalidate: async () => undefined,
  };
}
