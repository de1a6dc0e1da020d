import type { Deadline } from '../core/deadline';

export type TokenProviderKind = 'fixed' | 'component' | 'service' | 'stable';

/**
 * Where the HTTPS path gets its access token. Fetched tokens share one lifecycle
 * (shared/tokens/cachedTokenSource.ts): cached in the instance and, where configured, across instances.
 */
export interface TokenSource {
  readonly kind: TokenProviderKind;
  /** Whether a rejected token can be replaced by asking again (false for a fixed token). */
  readonly refreshable: boolean;
  /** A token valid now: cached, or fetched once for every concurrent caller. */
  getToken(deadline: Deadline): Promise<string>;
  /**
   * `token` was rejected (40001/40014/42001). Forget it only if it is still the current one:
   * a caller holding an older token must not throw away a newer one (docs/platform/tokens.md,
   * "Rules the best SDKs settled on").
   */
  invalidate(token: string, deadline: Deadline): Promise<void>;
  /**
   * Optional: start reading a shared copy of the token now, to overlap it with other work;
   * never fetches from the issuer, never fails (shared/tokens/cachedTokenSource.ts).
   */
  preload?(deadline: Deadline): Promise<void>;
}
