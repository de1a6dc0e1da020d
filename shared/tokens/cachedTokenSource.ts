import type * as NodeCrypto from 'node:crypto';
import { createError, LOCAL, toWxError } from '../errors';
import { createLogger } from '../log/logger';
import { registerSecret } from '../secrets/redact';
import { currentClock } from '../core/clock';
import type { Deadline } from '../core/deadline';
import { boundedByDeadline } from '../database/boundedByDeadline';
import { databaseStep } from './databaseStep';
import type { FetchedToken, StoredToken, TokenFetcher, TokenStore } from './types';
import type { TokenProviderKind, TokenSource } from '../transport/tokenSource';

export interface CachedTokenSourceOptions {
  store?: TokenStore;
  /**
   * How long a refresh lease is held at most: about as long as one refresh can take, so that when
   * the holder dies mid-refresh another instance takes over soon (`leaseForAttempts`). The lease
   * never outlives the holder's own deadline either: by then it has given up.
   */
  leaseMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  owner?: string;
  /** Told when the shared store fails and this instance carries on without it (for logs). */
  onStoreError?: (cause: unknown) => void;
  /** Told when a token that must be saved (a rotated refresh token) could not be, even after retries. */
  onUnsaved?: (cause: unknown) => void;
  /** Told when a refresh ahead of expiry failed and the still-valid token was served instead. */
  onRefreshAheadFailed?: (cause: unknown) => void;
}

/**
 * The options every shared token source is built with: the store, a lease about as long as one
 * refresh (`leaseForAttempts`), and log lines for a store that fails (warn), a token that could
 * not be saved (error: it holds something that cannot be fetched again) and an early refresh that
 * failed (warn). No secret is ever logged, only the reason's message.
 */
export function sharedSourceOptions(store: TokenStore | undefined, attemptTimeoutMs: number, provider: string, fields: Record<string, unknown> = {}): CachedTokenSourceOptions {
  const log = createLogger({ component: 'tokens', provider, ...fields });
  const reason = (cause: unknown) => ({ reason: toWxError(cause).message, errCode: toWxError(cause).code });
  return {
    store,
    leaseMs: leaseForAttempts(attemptTimeoutMs),
    onStoreError: (cause) => log.warn('token store unavailable; fetching without it', reason(cause)),
    onUnsaved: (cause) =>
      log.error('refresh token not saved: kept in this instance and saved again on its next call; if this instance stops first, the account must be authorized again', reason(cause)),
    onRefreshAheadFailed: (cause) => log.warn('refresh ahead of expiry failed; the current token is still valid and is used, and the refresh is tried again later', reason(cause)),
  };
}

/** A failure of the shared store (not of the token issuer). */
class StoreUnavailable extends Error {
  constructor(override readonly cause: unknown) {
    super('token store unavailable');
  }
}

/**
 * node:crypto on first need: a static import is hoisted to the top of the built bundle and loaded
 * on every cold start (about 2 ms), also by the fixed-token path, which never refreshes.
 */
const newOwnerId = (): string => (require('node:crypto') as typeof NodeCrypto).randomUUID();

/**
 * One refresh is about two token-endpoint attempts in a row (the authorizer token may need the
 * component token first) plus a second for the store calls: a few seconds, not the 15 s it once
 * was. A refresh slowed by retries may outlast it; then a waiter takes over and the token is
 * fetched twice, the rare price of not failing every other instance for long after a holder dies.
 */
export function leaseForAttempts(attemptTimeoutMs: number): number {
  return 2 * attemptTimeoutMs + 1000;
}
const DEFAULT_LEASE_MS = leaseForAttempts(4000);
const POLL_START_MS = 50;
const POLL_MAX_MS = 400;
/** A token this close to expiry is no longer served while a refresh fails. */
const SERVE_MARGIN_MS = 1000;
/** After a failed early refresh, the next try waits half the token's remaining life, at most this. */
const RETRY_AHEAD_MAX_MS = 30_000;
/** A token that must be saved is tried this many times in a call (transient failures), within its deadline. */
const SAVE_ATTEMPTS = 4;
const SAVE_BACKOFF_MS = 100;
/** A record the caller read (offer) stands in for the first read of a refresh only this long. */
const OFFER_FRESH_MS = 2000;

/**
 * The one token lifecycle. In the instance: a cached token, refreshed ahead of expiry, with one
 * refresh shared by every concurrent caller; while the token is still valid, a failed early
 * refresh serves it and is tried again later. Across instances (with a store): the stored token
 * is used while fresh; when it is not, one instance wins a lease (a compare-and-set against what
 * it read, so an instance whose read predates another's save reads again instead of refreshing
 * twice) and refreshes, while the others serve the still-valid token or wait for the winner's.
 * A fetched token that must not be lost (a rotated refresh token) is saved with retries, and if
 * it still cannot be saved it is kept here and saved again before any new refresh.
 */
export class CachedTokenSource implements TokenSource {
  readonly refreshable = true;
  private current: FetchedToken | undefined;
  private inflight: Promise<string> | undefined;
  /** The newest stored state this instance has seen: what a refresh starts from when the store fails. */
  private known: StoredToken | undefined;
  /** A token that must be saved and could not be yet (docs/authorizer-lifecycle.md). */
  private unsaved: FetchedToken | undefined;
  private saving: Promise<void> | undefined;
  /** The token this instance saw rejected: a stored copy of it is not used again. */
  private rejectedToken: string | undefined;
  /** After a failed early refresh: the cached token is served until then. */
  private retryAt = 0;
  private offered: { stored: StoredToken; at: number } | undefined;
  private forceNext = false;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly owner: string;
  private readonly leaseMs: number;

  constructor(
    readonly kind: TokenProviderKind,
    private readonly key: string,
    private readonly fetcher: TokenFetcher,
    private readonly options: CachedTokenSourceOptions = {},
  ) {
    // The installed clock (shared/core/clock.ts), read at each use: a test's virtual time too.
    this.now = options.now ?? (() => currentClock().now());
    this.sleep = options.sleep ?? ((ms) => currentClock().sleep(ms));
    this.owner = options.owner ?? newOwnerId();
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  async getToken(deadline: Deadline): Promise<string> {
    if (this.unsaved) await this.saveUnsaved(deadline);
    const now = this.now();
    const current = this.current;
    if (current && (current.refreshAt > now || (now < this.retryAt && this.servable(current, now)))) return current.token;
    this.inflight ??= this.refresh(deadline).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /**
   * What the caller just read of the stored state (httpsTransportFor reads the authorizer's record,
   * which holds its token): adopted when usable, so the call needs no second read; otherwise it
   * stands in for the first read of the refresh that follows. Safe however old it is: the lease is
   * a compare-and-set against it, so a stale copy only costs a fresh read.
   */
  offer(stored: StoredToken): void {
    if (this.inflight || this.unsaved) return;
    const now = this.now();
    this.known = stored;
    // A fresh token held here stays, unless the record holds a newer one (a new authorization).
    if (this.current && this.current.refreshAt > now && !((stored.expiresAt ?? 0) > this.current.expiresAt)) return;
    if (this.usable(stored, now)) this.adopt(stored as FetchedToken);
    else this.offered = { stored, at: now };
  }

  async invalidate(token: string, deadline: Deadline): Promise<void> {
    if (this.current?.token !== token) return; // already replaced by a newer token: keep that one
    this.current = undefined;
    this.rejectedToken = token;
    this.retryAt = 0;
    this.forceNext = true;
    const store = this.options.store;
    if (store) await storeCall((d) => store.reject(this.key, token, d), deadline, 'token rejection').catch((cause: unknown) => this.options.onStoreError?.(cause));
  }

  private async refresh(deadline: Deadline): Promise<string> {
    try {
      return await this.refreshNow(deadline);
    } catch (error) {
      // Refreshing ahead of expiry is not expiry: while the token held here is valid, serve it.
      const current = this.current;
      if (current && this.servable(current, this.now())) return this.serveWhileValid(current, error);
      throw error;
    }
  }

  private async refreshNow(deadline: Deadline): Promise<string> {
    const store = this.options.store;
    let storeError: unknown;
    if (store) {
      try {
        return await this.refreshThroughStore(store, deadline);
      } catch (error) {
        // Sharing is an optimization; availability is not. If the store itself fails, this
        // instance fetches on its own (still one refresh for all its concurrent callers), from
        // the newest state it knows.
        if (!(error instanceof StoreUnavailable)) throw error;
        storeError = error.cause;
        this.options.onStoreError?.(storeError);
      }
    }
    const fetched = await this.fetcher.fetch(deadline, { forceRefresh: this.takeForce(), previous: this.unsaved ?? this.known ?? this.current, storeError });
    if (store && fetched.mustSave) return this.keep(store, fetched, undefined, deadline);
    return this.adopt(fetched);
  }

  private async refreshThroughStore(store: TokenStore, deadline: Deadline): Promise<string> {
    const guard = <T>(call: (d: Deadline) => Promise<T>, what: string): Promise<T> =>
      storeCall(call, deadline, what).catch((cause: unknown) => {
        throw new StoreUnavailable(cause);
      });
    let pollMs = POLL_START_MS;
    let rereads = 0;
    let stored = this.takeOffered();
    for (;;) {
      if (stored === undefined) {
        stored = await guard((d) => store.read(this.key, d), 'token read');
        this.known = stored;
      }
      const refusal = this.fetcher.refusal?.(stored);
      if (refusal !== undefined) {
        // Revoked or gone: the token held here is not served either.
        this.current = undefined;
        throw refusal;
      }
      const now = this.now();
      if (this.usable(stored, now)) return this.adopt(stored as FetchedToken);
      const seen = stored;
      const leaseLive = (seen?.leaseUntil ?? 0) >= now && seen?.leaseOwner !== this.owner;
      if (!leaseLive) {
        const until = now + Math.min(this.leaseMs, deadline.remaining());
        const leased = await guard((d) => store.acquireLease(this.key, this.owner, now, until, seen, d), 'token lease');
        if (leased) return this.refreshUnderLease(store, leased, deadline);
      }
      stored = undefined;
      // Not held by anyone, yet not taken: the stored state changed since it was read (another
      // instance saved a token). Read again at once rather than refresh on an old view.
      if (!leaseLive && rereads < 2) {
        rereads += 1;
        continue;
      }
      // Another instance is refreshing: while the stored token is valid, use it meanwhile.
      if (seen && this.servable(seen, now)) {
        this.retryAt = now + POLL_MAX_MS;
        return this.adopt(seen as FetchedToken);
      }
      if (deadline.remaining() < pollMs + 200) {
        throw createError(LOCAL.TOKEN_PROVIDER_FAILED, { detail: 'Another instance is refreshing the token and did not finish in time.' });
      }
      await this.sleep(pollMs);
      pollMs = Math.min(POLL_MAX_MS, pollMs * 2);
    }
  }

  private async refreshUnderLease(store: TokenStore, leased: StoredToken, deadline: Deadline): Promise<string> {
    let fetched: FetchedToken;
    try {
      fetched = await this.fetcher.fetch(deadline, { forceRefresh: this.takeForce() || leased.rejected === true, previous: this.unsaved ?? leased });
    } catch (error) {
      await storeCall((d) => store.releaseLease(this.key, this.owner, d), deadline, 'token lease release').catch(() => undefined);
      // The stored token this refresh was to replace ahead of its expiry is still valid: serve it.
      if (!this.servable(leased, this.now())) throw error;
      this.adopt(leased as FetchedToken);
      return this.serveWhileValid(leased as FetchedToken, error);
    }
    return this.keep(store, fetched, leased, deadline);
  }

  /**
   * Saves a fetched token and adopts it. One attempt for an ordinary token (the store is an
   * optimization); a token that must be saved is tried again on transient failures, inside the
   * deadline, and kept in this instance when it still cannot be saved.
   */
  private async keep(store: TokenStore, fetched: FetchedToken, leased: StoredToken | undefined, deadline: Deadline): Promise<string> {
    try {
      const saved = await this.save(store, fetched, leased, deadline);
      // Any token kept unsaved was the starting point of this fetch: this save replaces it.
      if (fetched.mustSave) this.unsaved = undefined;
      // Undefined: the store already held something newer; this token still serves this call.
      return this.adopt(saved ? ({ ...fetched, ...saved } as FetchedToken) : { ...fetched, carry: undefined });
    } catch (cause) {
      if (fetched.mustSave) {
        this.unsaved = fetched;
        this.options.onUnsaved?.(cause);
      } else this.options.onStoreError?.(cause);
      return this.adopt(fetched);
    }
  }

  private async save(store: TokenStore, fetched: FetchedToken, leased: StoredToken | undefined, deadline: Deadline): Promise<StoredToken | undefined> {
    const attempts = fetched.mustSave ? SAVE_ATTEMPTS : 1;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await storeCall((d) => store.save(this.key, this.owner, fetched, attempt === 1 ? leased : undefined, d), deadline, 'token save');
      } catch (thrown) {
        const pause = SAVE_BACKOFF_MS * 2 ** (attempt - 1);
        // A step that ran out of time has used what it had: nothing is left to try again with.
        if (attempt >= attempts || toWxError(thrown).code === LOCAL.DATABASE_TIMEOUT || databaseStep(deadline).remaining() <= pause) throw thrown;
        await this.sleep(pause);
      }
    }
  }

  /** The next call of the instance saves a token kept unsaved before anything else; never fails the call. */
  private saveUnsaved(deadline: Deadline): Promise<void> {
    const store = this.options.store;
    const unsaved = this.unsaved;
    if (!store || !unsaved) return Promise.resolve();
    this.saving ??= this.save(store, unsaved, undefined, deadline)
      .then(
        (saved) => {
          if (this.unsaved !== unsaved) return;
          this.unsaved = undefined;
          if (saved && this.current?.token === saved.token) this.adopt({ ...unsaved, ...saved } as FetchedToken);
        },
        (cause: unknown) => this.options.onUnsaved?.(cause),
      )
      .finally(() => {
        this.saving = undefined;
      });
    return this.saving;
  }

  private serveWhileValid(token: FetchedToken, cause: unknown): string {
    const now = this.now();
    this.retryAt = now + Math.max(POLL_MAX_MS, Math.min(RETRY_AHEAD_MAX_MS, Math.floor((token.expiresAt - now) / 2)));
    this.options.onRefreshAheadFailed?.(cause);
    return token.token;
  }

  private takeOffered(): StoredToken | undefined {
    const offered = this.offered;
    this.offered = undefined;
    return offered && this.now() - offered.at < OFFER_FRESH_MS ? offered.stored : undefined;
  }

  /** Fresh: no refresh due yet. */
  private usable(stored: StoredToken | undefined, now: number): boolean {
    return stored !== undefined && this.servable(stored, now) && typeof stored.refreshAt === 'number' && stored.refreshAt > now;
  }

  /** Valid: usable for a call, even if a refresh is due. */
  private servable(stored: StoredToken, now: number): boolean {
    return (
      typeof stored.token === 'string' && stored.token !== '' && stored.token !== this.rejectedToken && stored.rejected !== true &&
      typeof stored.expiresAt === 'number' && stored.expiresAt - now > SERVE_MARGIN_MS
    );
  }

  private adopt(token: FetchedToken): string {
    registerSecret(token.token);
    for (const value of Object.values(token.carry ?? {})) registerSecret(value);
    this.current = { token: token.token, expiresAt: token.expiresAt, refreshAt: token.refreshAt, carry: token.carry };
    if (token.refreshAt > this.now()) this.retryAt = 0;
    return token.token;
  }

  private takeForce(): boolean {
    const force = this.forceNext;
    this.forceNext = false;
    return force;
  }
}

/**
 * One store call bounded by its database step's deadline (databaseStep.ts), here as well as by
 * the store itself, so any TokenStore (database, memory, a test double) that stops answering
 * ends in DATABASE_TIMEOUT early enough to fetch the token directly.
 */
function storeCall<T>(call: (deadline: Deadline) => Promise<T>, deadline: Deadline, what: string): Promise<T> {
  const step = databaseStep(deadline);
  return boundedByDeadline(call(step), step, what);
}
