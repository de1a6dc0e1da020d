import type * as NodeCrypto from 'node:crypto';
import { createError, LOCAL } from '../errors';
import { registerSecret } from '../secrets/redact';
import type { Deadline } from '../transport/deadline';
import type { FetchedToken, StoredToken, TokenFetcher, TokenProviderKind, TokenSource, TokenStore } from './types';

export interface CachedTokenSourceOptions {
  store?: TokenStore;
  /** How long a refresh lease is held at most; longer than any token fetch takes. */
  leaseMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  owner?: string;
  /** Told when the shared store fails and this instance carries on without it (for logs). */
  onStoreError?: (cause: unknown) => void;
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

const DEFAULT_LEASE_MS = 15_000;
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
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
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

  async invalidate(token: string): Promise<void> {
    if (this.current?.token !== token) return; // already replaced by a newer token: keep that one
    this.current = undefined;
    this.forceNext = true;
    await this.options.store?.reject(this.key, token).catch((cause: unknown) => this.options.onStoreError?.(cause));
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
    const guard = <T>(operation: Promise<T>): Promise<T> =>
      operation.catch((cause: unknown) => {
        throw new StoreUnavailable(cause);
      });
    let pollMs = POLL_START_MS;
    for (;;) {
      const stored = await guard(store.read(this.key));
      if (isUsable(stored, this.now())) return this.adopt(stored);
      const now = this.now();
      if (await guard(store.acquireLease(this.key, this.owner, now, now + this.leaseMs))) {
        let fetched: FetchedToken;
        try {
          fetched = await this.fetcher.fetch(deadline, { forceRefresh: this.takeForce() || stored?.rejected === true, previous: stored });
        } catch (error) {
          await store.releaseLease(this.key, this.owner).catch(() => undefined);
          throw error;
        }
        await store.save(this.key, this.owner, fetched).catch((cause: unknown) => this.options.onStoreError?.(cause));
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
    this.current = { token: token.token, expiresAt: token.expiresAt, refreshAt: token.refreshAt, carry: token.carry };
    return token.token;
  }

  private takeForce(): boolean {
    const force = this.forceNext;
    this.forceNext = false;
    return force;
  }
}

function isUsable(stored: StoredToken | undefined, now: number): stored is FetchedToken & StoredToken {
  return (
    stored !== undefined && typeof stored.token === 'string' && stored.token !== '' &&
    stored.rejected !== true && typeof stored.refreshAt === 'number' && stored.refreshAt > now
  );
}
