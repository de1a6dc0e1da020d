import type * as NodeCrypto from 'node:crypto';
import { createError, LOCAL, toWxError } from '../errors';
import { createLogger } from '../log/logger';
import { registerSecret } from '../secrets/redact';
import { currentClock } from '../core/clock';
import type { Deadline } from '../core/deadline';
import { boundedByDeadline } from '../database/boundedByDeadline';
import { storeDeadline } from './storeBudget';
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
}

/**
 * The options every shared token source is built with: the store, a lease about as long as one
 * refresh (`leaseForAttempts`), and a log line when the store fails and the instance carries on
 * without it.
 */
export function sharedSourceOptions(store: TokenStore | undefined, attemptTimeoutMs: number, provider: string): CachedTokenSourceOptions {
  const log = createLogger({ component: 'tokens', provider });
  return {
    store,
    leaseMs: leaseForAttempts(attemptTimeoutMs),
    onStoreError: (cause: unknown) => log.warn('token store unavailable; fetching without it', { reason: toWxError(cause).message }),
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
// eslint-disable-next-line @typescript-eslint/no-require-imports
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

/**
 * The one token lifecycle. In the instance: a cached token, refreshed ahead of expiry, with one
 * refresh shared by every concurrent caller. Across instances (with a store): the stored token
 * is used while fresh; when it is not, one instance wins a lease and refreshes, the others wait
 * for the winner's token instead of refreshing too (no stampede on a limited daily quota).
 */
export class CachedTokenSource implements TokenSource {
  readonly refreshable = true;
  private current: FetchedToken | undefined;
  private inflight: Promise<string> | undefined;
  private preloading: Promise<void> | undefined;
  /** Bumped whenever the cached token changes: a preload that read before a change must not undo it. */
  private generation = 0;
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
    if (this.current && this.current.refreshAt > this.now()) return this.current.token;
    this.inflight ??= this.refresh(deadline).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /**
   * Reads the shared store ahead of `getToken`, while the caller waits on other database work
   * (httpsTransportFor checks the authorizer registry first): on a cold instance the two reads
   * then cost one round trip instead of two (bench/, cold start of the third-party path). It only
   * reads and adopts a usable stored token: no lease, no fetch from WeChat, so a call refused
   * after it has still made no upstream request. Whatever else it finds (nothing, a stale or
   * rejected token, a store failure) is left to `getToken`, which reads and decides as ever.
   * Concurrent preloads share one read.
   */
  preload(deadline: Deadline): Promise<void> {
    const store = this.options.store;
    if (!store || this.inflight || (this.current && this.current.refreshAt > this.now())) return Promise.resolve();
    const generation = this.generation;
    this.preloading ??= storeCall((d) => store.read(this.key, d), deadline, 'token read')
      .then(
        (stored) => {
          if (this.generation === generation && !this.inflight && isUsable(stored, this.now())) this.adopt(stored);
        },
        () => undefined,
      )
      .finally(() => {
        this.preloading = undefined;
      });
    return this.preloading;
  }

  async invalidate(token: string, deadline: Deadline): Promise<void> {
    if (this.current?.token !== token) return; // already replaced by a newer token: keep that one
    this.generation += 1;
    this.current = undefined;
    this.forceNext = true;
    const store = this.options.store;
    if (store) await storeCall((d) => store.reject(this.key, token, d), deadline, 'token rejection').catch((cause: unknown) => this.options.onStoreError?.(cause));
  }

  private async refresh(deadline: Deadline): Promise<string> {
    const store = this.options.store;
    if (store) {
      try {
        return await this.refreshThroughStore(store, deadline);
      } catch (error) {
        // Sharing is an optimization; availability is not. If the store itself fails, this
        // instance fetches on its own (still one refresh for all its concurrent callers).
        if (!(error instanceof StoreUnavailable)) throw error;
        this.options.onStoreError?.(error.cause);
      }
    }
    return this.adopt(await this.fetcher.fetch(deadline, { forceRefresh: this.takeForce(), previous: this.current }));
  }

  private async refreshThroughStore(store: TokenStore, deadline: Deadline): Promise<string> {
    const guard = <T>(call: (d: Deadline) => Promise<T>, what: string): Promise<T> =>
      storeCall(call, deadline, what).catch((cause: unknown) => {
        throw new StoreUnavailable(cause);
      });
    let pollMs = POLL_START_MS;
    for (;;) {
      const stored = await guard((d) => store.read(this.key, d), 'token read');
      if (isUsable(stored, this.now())) return this.adopt(stored);
      const now = this.now();
      // An expired lease (its holder died or gave up) is taken over here: the compare-and-set
      // matches any lease that ended before `now`.
      const until = now + Math.min(this.leaseMs, deadline.remaining());
      if (await guard((d) => store.acquireLease(this.key, this.owner, now, until, d), 'token lease')) {
        let fetched: FetchedToken;
        try {
          fetched = await this.fetcher.fetch(deadline, { forceRefresh: this.takeForce() || stored?.rejected === true, previous: stored });
        } catch (error) {
          await storeCall((d) => store.releaseLease(this.key, this.owner, d), deadline, 'token lease release').catch(() => undefined);
          throw error;
        }
        await storeCall((d) => store.save(this.key, this.owner, fetched, d), deadline, 'token save').catch((cause: unknown) => this.options.onStoreError?.(cause));
        return this.adopt(fetched);
      }
      // Another instance holds the lease: wait for its token rather than refreshing too.
      if (deadline.remaining() < pollMs + 200) {
        throw createError(LOCAL.TOKEN_PROVIDER_FAILED, { detail: 'Another instance is refreshing the token and did not finish in time.' });
      }
      await this.sleep(pollMs);
      pollMs = Math.min(POLL_MAX_MS, pollMs * 2);
    }
  }

  private adopt(token: FetchedToken): string {
    registerSecret(token.token);
    for (const value of Object.values(token.carry ?? {})) registerSecret(value);
    this.generation += 1;
    this.current = { token: token.token, expiresAt: token.expiresAt, refreshAt: token.refreshAt, carry: token.carry };
    return token.token;
  }

  private takeForce(): boolean {
    const force = this.forceNext;
    this.forceNext = false;
    return force;
  }
}

/**
 * One store call with only part of the time left (storeBudget.ts), bounded here as well as by
 * the store itself, so any TokenStore (database, memory, a test double) that stops answering
 * ends in DATABASE_TIMEOUT early enough to fetch the token directly.
 */
function storeCall<T>(call: (deadline: Deadline) => Promise<T>, deadline: Deadline, what: string): Promise<T> {
  const budget = storeDeadline(deadline);
  return boundedByDeadline(call(budget), budget, what);
}

function isUsable(stored: StoredToken | undefined, now: number): stored is FetchedToken & StoredToken {
  return (
    stored !== undefined && typeof stored.token === 'string' && stored.token !== '' &&
    stored.rejected !== true && typeof stored.refreshAt === 'number' && stored.refreshAt > now
  );
}
