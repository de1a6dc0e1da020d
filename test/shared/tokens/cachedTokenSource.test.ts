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
    async acquireLease(key, owner, now, until, seen) {
      const d = docs.get(key);
      if (d && (d.leaseUntil ?? 0) >= now) return undefined;
      // A compare-and-set against what the caller read: a token saved since means read again.
      if (d && seen && d.refreshAt !== seen.refreshAt) return undefined;
      if (!d && seen) return undefined;
      docs.set(key, { ...d, leaseUntil: until, leaseOwner: owner });
      return { ...docs.get(key) };
    },
    async save(key, owner, token) {
      const d = docs.get(key);
      if (d?.leaseOwner === owner) docs.set(key, { ...d, ...token, rejected: false, leaseUntil: 0 });
      return { ...token, rejected: false, leaseUntil: 0 };
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
      acquireLease: async () => undefined,
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

describe('CachedTokenSource.offer', () => {
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
      async acquireLease(key: string, owner: string, now: number, until: number, seen: StoredToken | undefined, d: Deadline) {
        store.leases += 1;
        return inner.acquireLease(key, owner, now, until, seen, d);
      },
    };
    return store;
  }

  it('adopts a usable stored token the caller read, so getToken needs neither the store nor the issuer', async () => {
    const store = countingStore();
    const fetcher = countingFetcher(Date.now);
    const source = new CachedTokenSource('component', 'k', fetcher, { store });
    source.offer(usable('stored-token-value'));
    expect(await source.getToken(longDeadline())).toBe('stored-token-value');
    expect(store.reads).toBe(0);
    expect(fetcher.calls).toHaveLength(0);
  });

  it('a record offered without a usable token stands in for the refresh\'s first read', async () => {
    const store = countingStore();
    const fetcher = countingFetcher(Date.now);
    const source = new CachedTokenSource('component', 'k', fetcher, { store });
    const rejected = { ...usable('rejected-token-value'), rejected: true };
    store.docs.set('k', rejected);
    source.offer(rejected);
    expect(await source.getToken(longDeadline())).toBe('token-number-1');
    expect(store.reads).toBe(0);
    expect(store.leases).toBe(1);
    expect(fetcher.calls).toEqual([{ forceRefresh: true }]);
  });

  it('an offer does not replace a fresh token the instance already holds', async () => {
    const source = new CachedTokenSource('component', 'k', countingFetcher(Date.now), { store: memoryStore() });
    expect(await source.getToken(longDeadline())).toBe('token-number-1');
    source.offer({ ...usable('older-copy-value'), expiresAt: Date.now() + 7_000_000 });
    expect(await source.getToken(longDeadline())).toBe('token-number-1');
  });

  it('but a newer token in the record (a new authorization) replaces it', async () => {
    const source = new CachedTokenSource('component', 'k', countingFetcher(Date.now), { store: memoryStore() });
    expect(await source.getToken(longDeadline())).toBe('token-number-1');
    source.offer({ ...usable('granted-token-value'), expiresAt: Date.now() + 7_300_000 });
    expect(await source.getToken(longDeadline())).toBe('granted-token-value');
  });
});

describe('CachedTokenSource refreshing ahead of expiry', () => {
  it('serves the valid token when the refresh fails, and tries again only later', async () => {
    let now = 1_000_000;
    let fail = false;
    let calls = 0;
    const fetcher: TokenFetcher = {
      async fetch() {
        calls += 1;
        if (fail) throw createError(45009);
        return { token: `token-number-${calls}`, expiresAt: now + 10_000, refreshAt: now + 5_000 };
      },
    };
    const source = new CachedTokenSource('stable', 'k', fetcher, { now: () => now });
    expect(await source.getToken(longDeadline())).toBe('token-number-1');
    now += 6_000;
    fail = true;
    expect(await source.getToken(longDeadline())).toBe('token-number-1');
    expect(await source.getToken(longDeadline())).toBe('token-number-1');
    expect(calls).toBe(2); // tried once, not on every call
    now += 2_500;
    fail = false;
    expect(await source.getToken(longDeadline())).toBe('token-number-3');
  });

  it('does not serve an expired token', async () => {
    let now = 1_000_000;
    let fail = false;
    const fetcher: TokenFetcher = {
      async fetch() {
        if (fail) throw createError(45009);
        return { token: 'only-token-value', expiresAt: now + 10_000, refreshAt: now + 5_000 };
      },
    };
    const source = new CachedTokenSource('stable', 'k', fetcher, { now: () => now });
    await source.getToken(longDeadline());
    now += 10_500;
    fail = true;
    await expect(source.getToken(longDeadline())).rejects.toMatchObject({ code: 45009 });
  });

  it('while another instance holds the lease, a valid stored token is used instead of waiting', async () => {
    const store = memoryStore();
    const now = Date.now();
    store.docs.set('k', { token: 'due-but-valid', expiresAt: now + 60_000, refreshAt: now - 1, leaseUntil: now + 60_000, leaseOwner: 'someone-else' });
    const fetcher = countingFetcher(Date.now);
    const source = new CachedTokenSource('component', 'k', fetcher, { store, sleep: async () => { throw new Error('should not wait'); } });
    expect(await source.getToken(longDeadline())).toBe('due-but-valid');
    expect(fetcher.calls).toHaveLength(0);
  });
});

describe('CachedTokenSource with a token that must be saved', () => {
  const mustSave = (token: string): FetchedToken => ({ token, expiresAt: Date.now() + 7_200_000, refreshAt: Date.now() + 6_900_000, carry: { refreshToken: `${token}-refresh` }, mustSave: true });

  it('tries a failed save again inside the deadline', async () => {
    const store = memoryStore();
    let failures = 2;
    const save = store.save;
    store.save = async (...args) => {
      if (failures-- > 0) throw createError(-502001);
      return save(...args);
    };
    const source = new CachedTokenSource('component', 'k', { fetch: async () => mustSave('rotated-one') }, { store, sleep: async () => undefined });
    expect(await source.getToken(longDeadline())).toBe('rotated-one');
    expect(store.docs.get('k')).toMatchObject({ token: 'rotated-one', carry: { refreshToken: 'rotated-one-refresh' } });
  });

  it('when it cannot be saved: says so, keeps it, saves it on the next call, and refreshes from it meanwhile', async () => {
    const store = memoryStore();
    let broken = true;
    const save = store.save;
    const saves: string[] = [];
    store.save = async (key, owner, token, leased, d) => {
      if (broken) throw createError(-502001);
      saves.push(token.token);
      return save(key, owner, token, leased, d);
    };
    let now = Date.now();
    const previous: Array<string | undefined> = [];
    let n = 0;
    const fetcher: TokenFetcher = {
      async fetch(_d, options) {
        previous.push(options.previous?.carry?.refreshToken);
        n += 1;
        return { ...mustSave(`rotated-${n}`), expiresAt: now + 7_200_000, refreshAt: now + 6_900_000 };
      },
    };
    const unsaved: unknown[] = [];
    const source = new CachedTokenSource('component', 'k', fetcher, { store, now: () => now, sleep: async () => undefined, onUnsaved: (e) => unsaved.push(e) });
    expect(await source.getToken(longDeadline())).toBe('rotated-1');
    expect(unsaved).toHaveLength(1);
    // Due again while the database still refuses writes: the refresh starts from the kept token.
    now += 7_000_000;
    expect(await source.getToken(longDeadline())).toBe('rotated-2');
    expect(previous[1]).toBe('rotated-1-refresh');
    broken = false;
    expect(await source.getToken(longDeadline())).toBe('rotated-2'); // saved before anything else
    expect(saves).toEqual(['rotated-2']);
    expect(n).toBe(2);
  });
});

describe('CachedTokenSource when the fetcher refuses what the store holds', () => {
  it('a refusal (revoked, say) is not answered with the token held here, however valid', async () => {
    let now = 1_000_000;
    const store = memoryStore();
    const revoked = new Error('revoked');
    let refuse = false;
    const fetcher: TokenFetcher = {
      refusal: () => (refuse ? revoked : undefined),
      fetch: async () => ({ token: 'held-token-value', expiresAt: now + 10_000, refreshAt: now + 5_000 }),
    };
    const source = new CachedTokenSource('component', 'k', fetcher, { store, now: () => now });
    expect(await source.getToken(longDeadline())).toBe('held-token-value');
    now += 6_000;
    refuse = true;
    await expect(source.getToken(longDeadline())).rejects.toBe(revoked);
  });
});
