import { createAuthorizerRegistry, publicView, type AuthorizerRecord } from '../../../shared/authorizers/authorizerRegistry';
import type { CloudCollection, Collection, Command, Query } from '../../../shared/database/cloudDatabase';
import { Deadline } from '../../../shared/core/deadline';

/**
 * The registry's rules on a fake collection (unit test; the real SDK path is covered over
 * loopback in test/integration/authorizerRefreshTokens.test.ts and componentEvents.test.ts):
 * every change a compare-and-set on the generation, redelivered and out-of-order pushes change
 * nothing, and a refresh token replaced only from what was read.
 */
type Doc = Record<string, unknown>;
const EXISTS = Symbol('exists');
const INC = Symbol('inc');
const REMOVE = Symbol('remove');
const command = {
  exists: (value: boolean) => ({ [EXISTS]: value }),
  inc: (value: number) => ({ [INC]: value }),
  remove: () => ({ [REMOVE]: true }),
} as unknown as Command;

function fakeCollection(): { collection: CloudCollection; docs: Map<string, Doc>; writes: () => number; beforeWrite: (hook: () => void) => void } {
  const docs = new Map<string, Doc>();
  let writes = 0;
  let hook: (() => void) | undefined;
  const matches = (doc: Doc, where: Doc) =>
    Object.entries(where).every(([k, v]) => (v !== null && typeof v === 'object' && EXISTS in v ? (k in doc) === (v as Record<symbol, boolean>)[EXISTS] : doc[k] === v));
  const write = () => {
    writes += 1;
    const run = hook;
    hook = undefined;
    run?.();
  };
  const query = (where: Doc): Query => {
    const selected = () => [...docs.values()].filter((d) => matches(d, where));
    const q: Query = {
      get: async () => ({ data: selected().map((d) => structuredClone(d)) }),
      update: async ({ data }) => {
        write();
        const hit = selected();
        for (const d of hit) {
          for (const [k, v] of Object.entries(data as Doc)) {
            if (v !== null && typeof v === 'object' && INC in v) d[k] = Number(d[k] ?? 0) + ((v as Record<symbol, number>)[INC] ?? 0);
            else if (v !== null && typeof v === 'object' && REMOVE in v) delete d[k];
            else d[k] = v;
          }
        }
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
    where: (w: object) => query(w as Doc),
    add: async ({ data }: { data: Doc }) => {
      write();
      const id = String(data._id);
      if (docs.has(id)) throw Object.assign(new Error('E11000 duplicate key'), { errCode: -502001 });
      docs.set(id, structuredClone(data));
      return { _id: id };
    },
  } as unknown as Collection;
  return {
    docs,
    writes: () => writes,
    beforeWrite: (run) => {
      hook = run;
    },
    collection: { name: 'wx_authorizers', run: (op) => op(collection, command) },
  };
}

const deadline = () => new Deadline(Date.now() + 5000);
const APP = 'wx1a2b3c4d5e6f7081';
const COMPONENT = 'wxcomponent000001';

describe('authorizer registry', () => {
  it('records an authorization; the same code again, or an older push, changes nothing', async () => {
    const fake = fakeCollection();
    const registry = createAuthorizerRegistry(COMPONENT, 'wx_authorizers', fake.collection);
    const grant = { authorizerAppid: APP, refreshToken: 'refreshtoken@@@one-0000', accessToken: 'access-token-one-000', expiresIn: 7200, funcIds: [1, 18], eventAt: 2000, codeFingerprint: 'aaa' };
    expect(await registry.recordAuthorization(grant, deadline())).toBe('stored');
    const writes = fake.writes();
    expect(await registry.recordAuthorization(grant, deadline())).toBe('duplicate');
    expect(await registry.recordAuthorization({ ...grant, codeFingerprint: 'old', eventAt: 1000 }, deadline())).toBe('stale');
    expect(fake.writes()).toBe(writes);
    expect(await registry.read(APP, deadline())).toMatchObject({
      refreshToken: 'refreshtoken@@@one-0000', accessToken: 'access-token-one-000', funcIds: [1, 18], authorizedAt: 2000, revoked: false, generation: 1, leaseUntil: 0,
    });
  });

  it('a revocation sticks against older pushes, is idempotent, drops every token, and a newer authorization lifts it', async () => {
    const fake = fakeCollection();
    const registry = createAuthorizerRegistry(COMPONENT, 'wx_authorizers', fake.collection);
    await registry.recordAuthorization({ authorizerAppid: APP, refreshToken: 'refreshtoken@@@one-0000', accessToken: 'access-token-one-000', funcIds: [18], eventAt: 1000, codeFingerprint: 'a' }, deadline());
    expect(await registry.revoke(APP, 2000, deadline())).toBe('stored');
    expect(await registry.revoke(APP, 2000, deadline())).toBe('duplicate');
    expect(await registry.recordAuthorization({ authorizerAppid: APP, refreshToken: 'refreshtoken@@@late-000', funcIds: [18], eventAt: 1500, codeFingerprint: 'b' }, deadline())).toBe('stale');
    expect(await registry.read(APP, deadline())).toMatchObject({ revoked: true, refreshToken: '', accessToken: '', generation: 2 });
    expect(await registry.recordAuthorization({ authorizerAppid: APP, refreshToken: 'refreshtoken@@@two-0000', funcIds: [18, 40], eventAt: 3000, codeFingerprint: 'c' }, deadline())).toBe('stored');
    const lifted = await registry.read(APP, deadline());
    expect(lifted).toMatchObject({ revoked: false, funcIds: [18, 40], refreshToken: 'refreshtoken@@@two-0000' });
    expect(lifted).not.toHaveProperty('revokedAt');
    // An account never seen that revokes is still recorded, so a late authorization cannot revive it.
    expect(await registry.revoke('wx2b3c4d5e6f708192', 5000, deadline())).toBe('stored');
    expect(await registry.recordAuthorization({ authorizerAppid: 'wx2b3c4d5e6f708192', refreshToken: 'refreshtoken@@@x-000000', funcIds: [], eventAt: 4000, codeFingerprint: 'd' }, deadline())).toBe('stale');
  });

  it('a change is a compare-and-set on the generation: lost to another writer, it reads again and decides on what it finds', async () => {
    const fake = fakeCollection();
    const registry = createAuthorizerRegistry(COMPONENT, 'wx_authorizers', fake.collection);
    await registry.replaceRefreshToken(APP, { refreshToken: 'refreshtoken@@@aaa-0000', source: 'push' }, deadline());
    const read = (await registry.read(APP, deadline())) as AuthorizerRecord;
    // Between this writer's read and its write, another instance saves a newer token.
    fake.beforeWrite(() => {
      const doc = fake.docs.get(`${COMPONENT}:${APP}`)!;
      Object.assign(doc, { refreshToken: 'refreshtoken@@@bbb-0000', generation: Number(doc.generation) + 1 });
    });
    const seen: string[] = [];
    const { outcome } = await registry.change(
      APP,
      (record) => {
        seen.push(String(record?.refreshToken));
        return record?.refreshToken === 'refreshtoken@@@aaa-0000' ? { set: { refreshToken: 'refreshtoken@@@ccc-0000' }, outcome: 'replaced' } : { keep: 'superseded' };
      },
      deadline(),
      'test',
      { known: read },
    );
    expect(seen).toEqual(['refreshtoken@@@aaa-0000', 'refreshtoken@@@bbb-0000']);
    expect(outcome).toBe('superseded');
    expect((await registry.read(APP, deadline()))?.refreshToken).toBe('refreshtoken@@@bbb-0000');
  });

  it('a record of the former shape (no generation) is changed only while it still has none', async () => {
    const fake = fakeCollection();
    fake.docs.set(`${COMPONENT}:${APP}`, { _id: `${COMPONENT}:${APP}`, componentAppid: COMPONENT, authorizerAppid: APP, refreshToken: 'refreshtoken@@@old-0000', funcIds: [18], authorizedAt: 1, revoked: false, lastEventAt: 1, source: 'push', updatedAt: 1 });
    const registry = createAuthorizerRegistry(COMPONENT, 'wx_authorizers', fake.collection);
    const { record } = await registry.change(APP, () => ({ set: { accessToken: 'x-access-token-value' }, outcome: 'done' }), deadline(), 'test');
    expect(record).toMatchObject({ generation: 1, accessToken: 'x-access-token-value', refreshToken: 'refreshtoken@@@old-0000' });
    expect(fake.docs.get(`${COMPONENT}:${APP}`)).toMatchObject({ generation: 1 });
  });

  it('replaceRefreshToken (what WeChat just gave): creates, replaces, leaves an equal one, and with ifStoredIs never replaces a token saved meanwhile', async () => {
    const fake = fakeCollection();
    const registry = createAuthorizerRegistry(COMPONENT, 'wx_authorizers', fake.collection);
    expect(await registry.replaceRefreshToken(APP, { refreshToken: 'refreshtoken@@@listed-01', source: 'reconcile' }, deadline())).toBe('created');
    expect(await registry.replaceRefreshToken(APP, { refreshToken: 'refreshtoken@@@listed-01', source: 'reconcile' }, deadline())).toBe('unchanged');
    expect(await registry.replaceRefreshToken(APP, { refreshToken: 'refreshtoken@@@listed-02', source: 'reconcile' }, deadline(), { ifStoredIs: 'refreshtoken@@@someone-else' })).toBe('superseded');
    expect(await registry.replaceRefreshToken(APP, { refreshToken: 'refreshtoken@@@listed-02', accessToken: 'access-token-two-000', expiresIn: 7200, source: 'reconcile' }, deadline(), { ifStoredIs: 'refreshtoken@@@listed-01' })).toBe('replaced');
    expect(await registry.read(APP, deadline())).toMatchObject({ refreshToken: 'refreshtoken@@@listed-02', accessToken: 'access-token-two-000', source: 'reconcile', generation: 2, revoked: false });
  });

  it('shows a record without any token', async () => {
    const fake = fakeCollection();
    const registry = createAuthorizerRegistry(COMPONENT, 'wx_authorizers', fake.collection);
    await registry.recordAuthorization({ authorizerAppid: APP, refreshToken: 'refreshtoken@@@new-0000', accessToken: 'access-token-new-000', funcIds: [1, 40], eventAt: 1_700_000_000_000, codeFingerprint: 'a' }, deadline());
    const view = publicView((await registry.read(APP, deadline()))!);
    expect(view).toEqual({ authorizerAppid: APP, funcIds: [1, 40], halfScreen: false, pluginManagement: true, authorizedAt: 1_700_000_000, revoked: false, source: 'push' });
  });
});
