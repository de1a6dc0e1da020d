import type { Deadline } from '../transport/deadline';

export type TokenProviderKind = 'fixed' | 'component' | 'service' | 'stable';

/**
 * Where the HTTPS path gets its access token. Fetched tokens share one lifecycle
 * (cachedTokenSource.ts): cached in the instance and, where configured, across instances.
 */
export interface TokenSource {
  readonly kind: TokenProviderKind;
  /** Whether a rejected token can be replaced by asking again (false for a fixed token). */
  readonly refreshable: boolean;
  /** A token valid now: cached, or fetched once for every concurrent caller. */
  getToken(deadline: Deadline): Promise<string>;
  /**
   * `token` was rejected (40001/40014/42001). Forget it only if it is still the current one:
   * a caller holding an older token must not throw away a newer one (platform-notes.md, "Tokens").
   */
  invalidate(token: string, deadline: Deadline): Promise<void>;
  /**
   * Optional: start reading a shared copy of the token now, to overlap it with other work;
   * never fetches from the issuer, never fails (cachedTokenSource.ts).
   */
  preload?(deadline: Deadline): Promise<void>;
}

/** A token as a fetcher obtained it. Times are epoch milliseconds of this instance's clock. */
export interface FetchedToken {
  token: string;
  expiresAt: number;
  /** When to fetch ahead of expiry. */
  refreshAt: number;
  /** Values that must survive with the token, e.g. the rotated authorizer_refresh_token. */
  carry?: Record<string, string>;
}

/** What the shared store holds for one token key. */
export interface StoredToken extends Partial<FetchedToken> {
  leaseUntil?: number;
  leaseOwner?: string;
  /** Set when an instance saw the stored token rejected: the next fetch must force a new one. */
  rejected?: boolean;
}

export interface FetchOptions {
  /** Ask the issuer for a new token even if it would hand back the current one. */
  forceRefresh: boolean;
  /** What the store held for this key (e.g. the last rotated refresh token in `carry`). */
  previous?: StoredToken;
}

export interface TokenFetcher {
  fetch(deadline: Deadline, options: FetchOptions): Promise<FetchedToken>;
}

/**
 * Tokens shared by every instance (a CloudBase database collection). Each method is one atomic
 * request, so `acquireLease` is a compare-and-set: only one instance refreshes at a time. Every
 * method is bounded by the `deadline` it is given (DATABASE_TIMEOUT when it passes): a stalled
 * database must not outlive the invocation (issue 11).
 */
export interface TokenStore {
  read(key: string, deadline: Deadline): Promise<(StoredToken & Record<string, unknown>) | undefined>;
  acquireLease(key: string, owner: string, now: number, until: number, deadline: Deadline): Promise<boolean>;
  save(key: string, owner: string, token: FetchedToken, deadline: Deadline): Promise<void>;
  releaseLease(key: string, owner: string, deadline: Deadline): Promise<void>;
  /** Marks `token` rejected, only if it is still the stored one. */
  reject(key: string, token: string, deadline: Deadline): Promise<void>;
}
