import type { Deadline } from '../core/deadline';

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
