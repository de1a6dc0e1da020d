import { createAuthorizerRegistry, publicView } from '../../../shared/authorizers/authorizerRegistry';
import type { CloudCollection, Collection, Query } from '../../../shared/database/cloudDatabase';
import { Deadline } from '../../../shared/core/deadline';

/**
 * The registry's rules on a fake collection (unit test; the real SDK path is covered over
 * loopback in test/integration/componentEvents.test.ts): redelivered and out-of-order pushes
 * change nothing, the seed yields to pushes, a rotated token is saved only over the one it
 * replaces.
 */
function fakeCollection(): { collection: CloudCollection; docs: Map<string, Record<string, unknown>>; writes: () => number } {
  const docs = new Map<string, Record<string, unknown>>();
  let writes = 0;
  const matches = (doc: Record<string, unknown>, where: Record<string, unknown>) => Object.entries(where).every(([k, v]) => doc[k] === v);
  const query = (where: Record<string, unknown>): Query => {
    const selected = () => [...docs.values()].filter((d) => matches(d, where));
    const q: Query = {
      get: async () => ({ data: selected().map((d) => ({ ...d })) }),
      update: async ({ data }) => {
        writes += 1;
        const hit = selected();
        for (const d of hit) Object.assign(d, data);
        return { stats: { updated: hit.length } };
      },
      remove: async () => ({ stats: { removed: 0 } }),
      count: async () => ({ total: selected().length }),
      orderBy: () => q,
      skip: () => q,
      limit: () => q,
      field: () => q,
    };
    return q;
  };
  const collection = {
    ...query({}),
    where: (w: object) => query(w as Record<string, unknown>),
    doc: (id: string) => ({
      get: async () => ({ data: docs.get(id) }),
      set: async ({ data }: { data: object }) => {
        writes += 1;
        docs.set(id, { _id: id, ...data });
        return { stats: { updated: 1 } };
      },
      update: async () => ({ stats: { updated: 0 } }),
      remove: async () => ({ stats: { removed: 0 } }),
    }),
    add: async () => ({ _id: '' }),
  } as unknown as Collection;
  return {
    docs,
    writes: () => writes,
    collection: { name: 'wx_authorizers', run: (op) => op(collection, {} as never) },
  };
}

const deadline = () => new Deadline(Date.now() + 5000);
const APP = 'wx1a2b3c4d5e6f7081';

describe('authorizer registry', () => {
  it('records an authorization; the same code again, or an older push, changes nothing', async () => {
    const fake = fakeCollection();
    const registry = createAuthorizerRegistry('wxcomponent000001', 'wx_authorizers', fake.collection);
    const grant = { authorizerAppid: APP, refreshToken: 'refreshtoken@@@one-0000', funcIds: [1, 18], eventAt: 2000, codeFingerprint: 'aaa' };
    expect(await registry.recordAuthorization(grant, deadline())).toBe('stored');
    const writes = fake.writes();
    expect(await registry.recordAuthorization(grant, deadline())).toBe('duplicate');
    expect(await registry.alreadyExchanged(APP, 'aaa', deadline())).toBe(true);
    expect(await registry.recordAuthorization({ ...grant, codeFingerprint: 'old', eventAt: 1000 }, deadline())).toBe('stale');
    expect(fake.writes()).toBe(writes);
    expect(await registry.read(APP, deadline())).toMatchObject({ refreshToken: 'refreshtoken@@@one-0000', funcIds: [1, 18], authorizedAt: 2000, revoked: false });
  });

  it('a revocation sticks against older pushes, is idempotent, and a newer authorization lifts it', async () => {
    const fake = fakeCollection();
    const registry = createAuthorizerRegistry('wxcomponent000001', 'wx_authorizers', fake.collection);
    await registry.recordAuthorization({ authorizerAppid: APP, refreshToken: 'refreshtoken@@@one-0000', funcIds: [18], eventAt: 1000, codeFingerprint: 'a' }, deadline());
    expect(await registry.revoke(APP, 2000, deadline())).toBe('stored');
    expect(await registry.revoke(APP, 2000, deadline())).toBe('duplicate');
    expect(await registry.recordAuthorization({ authorizerAppid: APP, refreshToken: 'refreshtoken@@@late-000', funcIds: [18], eventAt: 1500, codeFingerprint: 'b' }, deadline())).toBe('stale');
    expect(await registry.read(APP, deadline())).toMatchObject({ revoked: true, refreshToken: '' });
    expect(await registry.recordAuthorization({ authorizerAppid: APP, refreshToken: 'refreshtoken@@@two-0000', funcIds: [18, 40], eventAt: 3000, codeFingerprint: 'c' }, deadline())).toBe('stored');
    expect(await registry.read(APP, deadline())).toMatchObject({ revoked: false, funcIds: [18, 40] });
    // An account never seen that revokes is still recorded, so a late authorization cannot revive it.
    expect(await registry.revoke('wx2b3c4d5e6f708192', 5000, deadline())).toBe('stored');
    expect(await registry.recordAuthorization({ authorizerAppid: 'wx2b3c4d5e6f708192', refreshToken: 'refreshtoken@@@x-000000', funcIds: [], eventAt: 4000, codeFingerprint: 'd' }, deadline())).toBe('stale');
  });

  it('the environment seeds once, again when the variable changes, never over a push', async () => {
    const fake = fakeCollection();
    const registry = createAuthorizerRegistry('wxcomponent000001', 'wx_authorizers', fake.collection);
    const seeded = await registry.seed(APP, 'refreshtoken@@@env-0001', undefined, deadline());
    expect(seeded).toMatchObject({ source: 'environment', funcIds: null, refreshToken: 'refreshtoken@@@env-0001' });
    const writes = fake.writes();
    expect(await registry.seed(APP, 'refreshtoken@@@env-0001', await registry.read(APP, deadline()), deadline())).toMatchObject({ refreshToken: 'refreshtoken@@@env-0001' });
    expect(fake.writes()).toBe(writes);
    // Rotation keeps the seed's fingerprint: the rotated token stays in use.
    await registry.saveRotatedRefreshToken(APP, 'refreshtoken@@@env-0001', 'refreshtoken@@@rot-0001', deadline());
    expect((await registry.seed(APP, 'refreshtoken@@@env-0001', await registry.read(APP, deadline()), deadline())).refreshToken).toBe('refreshtoken@@@rot-0001');
    expect((await registry.seed(APP, 'refreshtoken@@@env-0002', await registry.read(APP, deadline()), deadline())).refreshToken).toBe('refreshtoken@@@env-0002');
    await registry.recordAuthorization({ authorizerAppid: APP, refreshToken: 'refreshtoken@@@push-001', funcIds: [18], eventAt: Date.now(), codeFingerprint: 'p' }, deadline());
    expect((await registry.seed(APP, 'refreshtoken@@@env-0003', await registry.read(APP, deadline()), deadline())).refreshToken).toBe('refreshtoken@@@push-001');
  });

  it('saves a rotated token only over the one it replaces', async () => {
    const fake = fakeCollection();
    const registry = createAuthorizerRegistry('wxcomponent000001', 'wx_authorizers', fake.collection);
    await registry.recordAuthorization({ authorizerAppid: APP, refreshToken: 'refreshtoken@@@new-0000', funcIds: [18], eventAt: 1, codeFingerprint: 'a' }, deadline());
    await registry.saveRotatedRefreshToken(APP, 'refreshtoken@@@stale-000', 'refreshtoken@@@rot-0000', deadline());
    expect((await registry.read(APP, deadline()))?.refreshToken).toBe('refreshtoken@@@new-0000');
  });

  it('shows a record without any token', async () => {
    const fake = fakeCollection();
    const registry = createAuthorizerRegistry('wxcomponent000001', 'wx_authorizers', fake.collection);
    await registry.recordAuthorization({ authorizerAppid: APP, refreshToken: 'refreshtoken@@@new-0000', funcIds: [1, 40], eventAt: 1_700_000_000_000, codeFingerprint: 'a' }, deadline());
    const view = publicView((await registry.read(APP, deadline()))!);
    expect(view).toEqual({ authorizerAppid: APP, funcIds: [1, 40], halfScreen: false, pluginManagement: true, authorizedAt: 1_700_000_000, revoked: false, source: 'push' });
  });
});
