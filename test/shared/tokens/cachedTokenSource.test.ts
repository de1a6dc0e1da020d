import { createError } from '../../../shared/errors';
import { CachedTokenSource } from '../../../shared/tokens/cachedTokenSource';
import type { FetchedToken, StoredToken, TokenFetcher, TokenStore } from '../../../shared/tokens/types';
import { Deadline } from '../../../shared/core/deadline';

/** An in-memory store with the same atomic semantics as the database one (unit tests only). */
function memoryStore(): TokenStore & { docs: Map<string, StoredToken> } {
  const docs = new Map<string, StoredToken>();
  return {
    docs,
    async read(key) {
      const d = docs.get(key);
      return d ? { ...d } : undefined;
    },
    async acquireLease(key, owner, now, until) {
      const d = docs.get(key);
      if (d && (d.leaseUntil ?? 0) >= now) return false;
      docs.set(key, { ...d, leaseUntil: until, leaseOwner: owner });
      return true;
    },
    async save(key, owner, token) {
      const d = docs.get(key);
      if (d?.leaseOwner === owner) docs.set(key, { ...d, ...token, rejected: false, leaseUntil: 0 });
    },
    async releaseLease(key, owner) {
      const d = docs.get(key);
      if (d?.leaseOwner === owner) docs.set(key, { ...d, leaseUntil: 0 });
    },
    async reject(key, token) {
      const d = docs.get(key);
      if (d?.token === token) docs.set(key, { ...d, rejected: true, refreshAt: 0 });
    },
  };
}

function countingFetcher(now: () => number, delayMs = 5): TokenFetcher & { calls: Array<{ forceRefresh: boolean }> } {
  const f = {
    calls: [] as Array<{ forceRefresh: boolean }>,
    async fetch(_d: Deadline, options: { forceRefresh: boolean }): Promise<FetchedToken> {
      f.calls.push({ forceRefresh: options.forceRefresh });
      await new Promise((r) => setTimeout(r, delayMs));
      return { token: `token-number-${f.calls.length}`, expiresAt: now() + 7_200_000, refreshAt: now() + 6_900_000 };
    },
  };
  return f;
}

const longDeadline = () => new Deadline(Date.now() + 20_000);

describe('CachedTokenSource', () => {
  it('shares one refresh among concurrent callers in an instance', async () => {
    const fetcher = countingFetcher(Date.now, 20);
    const source = new CachedTokenSource('stable', 'k', fetcher);
    const tokens = await Promise.all(Array.from({ length: 200 }, () => source.getToken(longDeadline())));
    expect(new Set(tokens)).toEqual(new Set(['token-number-1']));
    expect(fetcher.calls).toHaveLength(1);
  });

  it('refreshes ahead of expiry', async () => {
    let now = 1_000_000;
    const fetcher = countingFetcher(() => now, 0);
    const source = new CachedTokenSource('stable', 'k', fetcher, { now: () => now });
    expect(await source.getToken(longDeadline())).toBe('token-number-1');
    now += 6_899_000;
    expect(await source.getToken(longDeadline())).toBe('token-number-1');
    now += 2000; // past refreshAt, still before expiresAt
    expect(await source.getToken(longDeadline())).toBe('token-number-2');
  });

  it('forgets a rejected token only if it is still the current one, and forces the next fetch', async () => {
    const fetcher = countingFetcher(Date.now, 0);
    const source = new CachedTokenSource('stable', 'k', fetcher);
    const first = await source.getToken(longDeadline());
    await source.invalidate(first, longDeadline());
    const second = await source.getToken(longDeadline());
    expect(second).toBe('token-number-2');
    expect(fetcher.calls[1]).toEqual({ forceRefresh: true });
    await source.invalidate(first, longDeadline()); // a late report about the old token
    expect(await source.getToken(longDeadline())).toBe(second);
    expect(fetcher.calls).toHaveLength(2);
  });

  it('across instances sharing a store: one refresh, the others adopt the winner\'s token', async () => {
    const store = memoryStore();
    const fetcher = countingFetcher(Date.now, 30);
    const instances = Array.from({ length: 5 }, (_, i) => new CachedTokenSource('component', 'k', fetcher, { store, owner: `i${i}` }));
    const tokens = await Promise.all(instances.flatMap((s) => Array.from({ length: 20 }, () => s.getToken(longDeadline()))));
    expect(new Set(tokens)).toEqual(new Set(['token-number-1']));
    expect(fetcher.calls).toHaveLength(1);
    expect(store.docs.get('k')).toMatchObject({ token: 'token-number-1', leaseUntil: 0 });
  });

  it('marks the stored token rejected so other instances refresh once, with force', async () => {
    const store = memoryStore();
    const fetcher = countingFetcher(Date.now, 5);
    const a = new CachedTokenSource('stable', 'k', fetcher, { store, owner: 'a' });
    const b = new CachedTokenSource('stable', 'k', fetcher, { store, owner: 'b' });
    const t1 = await a.getToken(longDeadline());
    expect(await b.getToken(longDeadline())).toBe(t1);
    await Promise.all([a.invalidate(t1, longDeadline()), b.invalidate(t1, longDeadline())]);
    const [ta, tb] = await Promise.all([a.getToken(longDeadline()), b.getToken(longDeadline())]);
    expect(ta).toBe('token-number-2');
    expect(tb).toBe('token-number-2');
    expect(fetcher.calls).toEqual([{ forceRefresh: false }, { forceRefresh: true }]);
  });

  it('releases the lease when the fetch fails, so the next caller can try', async () => {
    const store = memoryStore();
    let fail = true;
    const fetcher: TokenFetcher = {
      async fetch() {
        if (fail) throw createError(61023);
        return { token: 'recovered-token', expiresAt: Date.now() + 7_200_000, refreshAt: Date.now() + 6_900_000 };
      },
    };
    const source = new CachedTokenSource('component', 'k', fetcher, { store });
    await expect(source.getToken(longDeadline())).rejects.toMatchObject({ code: 61023 });
    expect(store.docs.get('k')?.leaseUntil).toBe(0);
    fail = false;
    expect(await source.getToken(longDeadline())).toBe('recovered-token');
  });

  it('holds a lease no longer than one refresh, nor past its own deadline; a waiter takes an expired lease over', async () => {
    const store = memoryStore();
    let now = 1_000_000;
    const holder = new CachedTokenSource('component', 'k', { fetch: () => new Promise<FetchedToken>(() => undefined) }, { store, owner: 'holder', leaseMs: 3000, now: () => now });
    void holder.getToken(new Deadline(Date.now() + 60_000)); // dies mid-refresh: never saves nor releases
    await new Promise((r) => setTimeout(r, 10));
    expect(store.docs.get('k')).toMatchObject({ leaseOwner: 'holder', leaseUntil: now + 3000 });

    const fetcher = countingFetcher(() => now, 0);
    const waiter = new CachedTokenSource('component', 'k', fetcher, { store, owner: 'waiter', leaseMs: 3000, now: () => now, sleep: async () => { now += 1000; } });
    expect(await waiter.getToken(longDeadline())).toBe('token-number-1');
    expect(fetcher.calls).toHaveLength(1);
    expect(store.docs.get('k')).toMatchObject({ token: 'token-number-1', leaseOwner: 'waiter' });

    const short = new CachedTokenSource('component', 'k2', fetcher, { store, owner: 'short', leaseMs: 3000, now: () => now });
    await short.getToken(new Deadline(Date.now() + 500));
    expect((store.docs.get('k2')?.leaseUntil ?? 0)).toBe(0); // saved; the lease it took was at most 500 ms
  });

  it('gives up waiting for another instance\'s refresh before the deadline', async () => {
    const store = memoryStore();
    store.docs.set('k', { leaseUntil: Date.now() + 60_000, leaseOwner: 'someone-else' });
    const source = new CachedTokenSource('component', 'k', countingFetcher(Date.now), { store });
    await expect(source.getToken(new Deadline(Date.now() + 400))).rejects.toMatchObject({ code: -910010 });
  });
});

describe('CachedTokenSource when the shared store fails', () => {
  it('fetches on its own, once for all concurrent callers, and reports the store failure', async () => {
    const broken: TokenStore = {
      read: async () => {
        throw new Error('database unavailable');
      },
      acquireLease: async () => false,
      save: async () => undefined,
      releaseLease: async () => undefined,
      reject: async () => {
        throw new Error('database unavailable');
      },
    };
    const failures: unknown[] = [];
    const fetcher = countingFetcher(Date.now, 10);
    const source = new CachedTokenSource('component', 'k', fetcher, { store: broken, onStoreError: (e) => failures.push(e) });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => source.getToken(longDeadline())));
    expect(new Set(tokens)).toEqual(new Set(['token-number-1']));
    expect(fetcher.calls).toHaveLength(1);
    expect(failures.length).toBeGreaterThan(0);
    await source.invalidate('token-number-1', longDeadline()); // a failing reject must not throw either
    expect(await source.getToken(longDeadline())).toBe('token-number-2');
  });

  it('falls back the same way when the store stops answering, within the deadline', async () => {
    const never = <T>() => new Promise<T>(() => undefined);
    const stalled: TokenStore = { read: never, acquireLease: never, save: never, releaseLease: never, reject: never };
    const failures: unknown[] = [];
    const fetcher = countingFetcher(Date.now, 5);
    const source = new CachedTokenSource('component', 'k', fetcher, { store: stalled, onStoreError: (e) => failures.push(e) });
    const started = Date.now();
    const deadline = new Deadline(Date.now() + 2000);
    expect(await source.getToken(deadline)).toBe('token-number-1');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(failures).toEqual([expect.objectContaining({ code: -910013 })]);
  });

  it('does not swallow the issuer\'s own failure', async () => {
    const store = memoryStore();
    const source = new CachedTokenSource('component', 'k', { fetch: async () => { throw createError(61005); } }, { store });
    await expect(source.getToken(longDeadline())).rejects.toMatchObject({ code: 61005 });
  });
});

describe('CachedTokenSource.preload', () => {
  const usable = (token: string): StoredToken & Record<string, unknown> => ({ token, expiresAt: Date.now() + 7_200_000, refreshAt: Date.now() + 6_900_000 });
  function countingStore(): ReturnType<typeof memoryStore> & { reads: number; leases: number } {
    const inner = memoryStore();
    const store = {
      ...inner,
      reads: 0,
      leases: 0,
      async read(key: string, d: Deadline) {
        store.reads += 1;
        return inner.read(key, d);
      },
      async acquireLease(key: string, owner: string, now: number, until: number, d: Deadline) {
        store.leases += 1;
        return inner.acquireLease(key, owner, now, until, d);
      },
    };
    return store;
  }

  it('adopts a usable stored token, so getToken needs neither the store nor the issuer again', async () => {
    const store = countingStore();
    store.docs.set('k', usable('stored-token-value'));
    const fetcher = countingFetcher(Date.now);
    const source = new CachedTokenSource('component', 'k', fetcher, { store });
    await source.preload(longDeadline());
    expect(store.reads).toBe(1);
    expect(await source.getToken(longDeadline())).toBe('stored-token-value');
    expect(store.reads).toBe(1);
    expect(fetcher.calls).toHaveLength(0);
  });

  it('only reads: with nothing usable stored it takes no lease and fetches nothing; getToken then refreshes as ever', async () => {
    const store = countingStore();
    store.docs.set('k', { ...usable('rejected-token-value'), rejected: true });
    const fetcher = countingFetcher(Date.now);
    const source = new CachedTokenSource('component', 'k', fetcher, { store });
    await source.preload(longDeadline());
    expect(store.leases).toBe(0);
    expect(fetcher.calls).toHaveLength(0);
    expect(await source.getToken(longDeadline())).toBe('token-number-1');
    expect(fetcher.calls).toEqual([{ forceRefresh: true }]);
  });

  it('never fails: a store failure is left to getToken, which reports it and fetches without the store', async () => {
    const store = memoryStore();
    store.read = async () => {
      throw createError(-910013, { detail: 'the database did not answer' });
    };
    const storeErrors: unknown[] = [];
    const fetcher = countingFetcher(Date.now);
    const source = new CachedTokenSource('component', 'k', fetcher, { store, onStoreError: (e) => storeErrors.push(e) });
    await expect(source.preload(longDeadline())).resolves.toBeUndefined();
    expect(storeErrors).toHaveLength(0);
    expect(await source.getToken(longDeadline())).toBe('token-number-1');
    expect(storeErrors).toHaveLength(1);
  });

  it('a preload that read before a newer token was adopted does not bring the older copy back', async () => {
    const store = memoryStore();
    let releaseSlowRead: () => void = () => undefined;
    let reads = 0;
    const inner = store.read;
    store.read = async (key, d) => {
      reads += 1;
      if (reads === 1) {
        // The preload's read: it saw an older copy, and answers only after the refresh below.
        await new Promise<void>((resolve) => (releaseSlowRead = resolve));
        return usable('older-copy-value');
      }
      return inner(key, d);
    };
    const fetcher = countingFetcher(Date.now);
    const source = new CachedTokenSource('component', 'k', fetcher, { store });
    const preloaded = source.preload(longDeadline());
    expect(await source.getToken(longDeadline())).toBe('token-number-1');
    releaseSlowRead();
    await preloaded;
    expect(await source.getToken(longDeadline())).toBe('token-number-1');
  });

  it('concurrent preloads share one read; a fresh cached token needs none', async () => {
    const store = countingStore();
    store.docs.set('k', usable('stored-token-value'));
    const source = new CachedTokenSource('component', 'k', countingFetcher(Date.now), { store });
    await Promise.all(Array.from({ length: 20 }, () => source.preload(longDeadline())));
    expect(store.reads).toBe(1);
    await source.preload(longDeadline());
    expect(store.reads).toBe(1);
  });
});
