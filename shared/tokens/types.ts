import type { Deadline } from '../core/deadline';

/** A token as a fetcher obtained it. Times are epoch milliseconds of this instance's clock. */
export interface FetchedToken {
  token: string;
  expiresAt: number;
  /** When to fetch ahead of expiry. */
  refreshAt: number;
  /** Values that must survive with the token, e.g. the rotated authorizer_refresh_token. */
  carry?: Record<string, string>;
  /**
   * The token carries something that cannot be fetched again (a rotated refresh token): its save
   * is retried inside the deadline, and when it still fails the token is kept in the instance and
   * saved again before any new refresh (cachedTokenSource.ts, docs/authorizer-lifecycle.md).
   */
  mustSave?: boolean;
}

/** What the shared store holds for one token key. */
export interface StoredToken extends Partial<FetchedToken> {
  leaseUntil?: number;
  leaseOwner?: string;
  /** Set when an instance saw the stored token rejected: the next fetch must force a new one. */
  rejected?: boolean;
  /** Stores that keep one: bumped by every change, the compare-and-set every change is made on. */
  generation?: number;
}

export interface FetchOptions {
  /** Ask the issuer for a new token even if it would hand back the current one. */
  forceRefresh: boolean;
  /**
   * The newest state this instance knows for the key: what the store held (read under the lease),
   * or, when the store could not be used, a token kept in memory (e.g. its rotated refresh token).
   */
  previous?: StoredToken;
  /** Set when the shared store failed and the fetch goes ahead without it. */
  storeError?: unknown;
}

export interface TokenFetcher {
  fetch(deadline: Deadline, options: FetchOptions): Promise<FetchedToken>;
  /**
   * Optional: an error when what the store holds forbids any fetch (an authorizer that never
   * authorized, or revoked): thrown at once, with no lease taken and nothing fetched.
   */
  refusal?(stored: StoredToken | undefined): unknown;
}

/**
 * Tokens shared by every instance (a CloudBase database collection). Each method is one atomic
 * request or a compare-and-set loop, so only one instance refreshes at a time. Every method is
 * bounded by the `deadline` it is given (DATABASE_TIMEOUT when it passes): a stalled database must
 * not outlive the invocation.
 */
export interface TokenStore {
  read(key: string, deadline: Deadline): Promise<(StoredToken & Record<string, unknown>) | undefined>;
  /**
   * Takes the refresh lease, only if the stored token is still the one `seen` describes (a
   * compare-and-set: an instance whose view is older than a winner's save must read again
   * instead of refreshing a second time). The state now held under the lease, or undefined when
   * another instance holds the lease or changed the token since `seen` was read.
   */
  acquireLease(key: string, owner: string, now: number, until: number, seen: StoredToken | undefined, deadline: Deadline): Promise<StoredToken | undefined>;
  /**
   * Saves a fetched token (and releases the lease `owner` holds). `leased` is what acquireLease
   * returned, when the save follows it. The state saved, or undefined when the store already
   * held something newer than what the token replaces (nothing was written).
   */
  save(key: string, owner: string, token: FetchedToken, leased: StoredToken | undefined, deadline: Deadline): Promise<StoredToken | undefined>;
  releaseLease(key: string, owner: string, deadline: Deadline): Promise<void>;
  /** Marks `token` rejected, only if it is still the stored one. */
  reject(key: string, token: string, deadline: Deadline): Promise<void>;
}
