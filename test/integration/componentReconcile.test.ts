import { HALF_SCREEN_ONLY, PLUGIN_ONLY, type SeededAuthorizer } from '../../emulator';
import { captureOutput } from './helpers/captureOutput';
import { manyAppids, PATHS, registryRecord } from './helpers/component';
import { context, type Harness } from './helpers/harness';
import { usePushHarness } from './helpers/httpAccess';
import { until } from './helpers/until';

/**
 * reconcile against the emulated open platform's authorizer list: accounts whose push was lost
 * are added, bad refresh tokens repaired, accounts WeChat no longer lists revoked, but only after
 * a complete pull; a pull cut short by the deadline goes on from where it stopped.
 */
// On virtual time (docs/testing.md): a call cut short by its deadline is cut after the same work
// on any machine; lease times are the functions' clock (h.clock).
const { h } = usePushHarness({ embeddedCount: 5, applicantCount: 5, virtualTime: true });
const admin = () => h.loadFunction('componentAdmin');
const reconcile = async (timeLimitMs = 60_000) => admin()({ action: 'reconcile' }, context(timeLimitMs));

function seeds(appids: string[]): SeededAuthorizer[] {
  return appids.map((appid, i) => ({ appid, nickname: `账号${i}`, funcIds: [1, 18] }));
}

/** Accounts the registry holds that WeChat does not list (their revocation pushes were lost long ago). */
function strayRecords(hh: Harness, count: number): string[] {
  const component = hh.emu.accounts.component.appid;
  const appids = manyAppids(count, 'e');
  for (const appid of appids) {
    hh.emu.db.collection('wx_authorizers').set(`${component}:${appid}`, {
      _id: `${component}:${appid}`, componentAppid: component, authorizerAppid: appid, refreshToken: `refreshtoken@@@stray-${appid}`,
      funcIds: [18], authorizedAt: 1_700_000_000_000, revoked: false, lastEventAt: 0, source: 'push', updatedAt: 1_700_000_000_000,
    });
  }
  return appids;
}

/**
 * Time passes between what happens on the platform and the next reconcile, as it would: virtual
 * time stands still while the machine works, and a record changed at the very moment a pull
 * starts counts as newer than the pull (docs/testing.md, "Virtual time").
 */
const later = () => h.virtualClock!.advance(1000);

const active = (appids: string[]) => appids.filter((appid) => registryRecord(h, appid)?.revoked === false).length;

beforeEach(async () => {
  await h.emu.openPlatform.pushTicket();
});

describe('componentAdmin reconcile', () => {
  it('adds the accounts whose pushes were lost, keeps those already held, reads their names and avatars, and listAuthorizers shows them', async () => {
    await h.emu.openPlatform.authorize(PLUGIN_ONLY.appid); // delivered: held
    await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid, { push: false }); // lost
    const result = await reconcile();
    // The default account starts authorized on the platform and was never pushed either.
    expect(result).toMatchObject({
      errCode: 0,
      complete: true,
      counts: { added: 2, repaired: 0, revoked: 0, unchanged: 1 },
      pass: { resumed: false, listed: 3, totalCount: 3, nextOffset: null },
      info: { fetched: 3, failed: 0, left: false },
      audit: { recorded: true },
    });
    expect(result.changed.added.sort()).toEqual([h.emu.accounts.authorizer.appid, HALF_SCREEN_ONLY.appid].sort());
    expect(h.emu.count({ api: PATHS.list })).toBe(1);
    expect(h.emu.count({ api: PATHS.info })).toBe(3);
    expect(registryRecord(h, HALF_SCREEN_ONLY.appid)).toMatchObject({
      source: 'reconcile', revoked: false, refreshToken: h.emu.openPlatform.refreshToken(HALF_SCREEN_ONLY.appid), funcIds: [1, 18],
      info: { nickName: HALF_SCREEN_ONLY.nickname, principalName: '演示科技有限公司' },
    });

    // Usable at once, with no push ever received.
    const own = await h.loadFunction('getOwnList')({ num: 2, authorizerAppid: HALF_SCREEN_ONLY.appid }, context());
    expect(own).toMatchObject({ errCode: 0, authorizerAppid: HALF_SCREEN_ONLY.appid });

    const listed = await h.loadFunction('listAuthorizers')({}, context());
    expect(listed).toMatchObject({ errCode: 0, total: 3, ticket: { stale: false } });
    const half = listed.authorizers.find((a: { authorizerAppid: string }) => a.authorizerAppid === HALF_SCREEN_ONLY.appid);
    expect(half).toMatchObject({ nickName: HALF_SCREEN_ONLY.nickname, principalName: '演示科技有限公司', halfScreen: true, source: 'reconcile' });
    expect(half.headImg).toMatch(/^http:\/\/wx\.qlogo\.cn\//);

    const status = await admin()({ action: 'status' }, context());
    expect(status).toMatchObject({ errCode: 0, authorizers: { active: 3, revoked: 0 }, lastReconcile: { complete: true, counts: { added: 2, repaired: 0, revoked: 0, unchanged: 1 } } });

    // Run again: nothing to change, and the details are less than a day old.
    const again = await reconcile();
    expect(again).toMatchObject({ complete: true, counts: { added: 0, repaired: 0, revoked: 0, unchanged: 3 }, info: { fetched: 0 } });
    expect(h.emu.count({ api: PATHS.info })).toBe(3);
  });

  it('revokes an account WeChat no longer lists (its unauthorized push lost), and its calls are refused with no WeChat call', async () => {
    await h.emu.openPlatform.authorize(PLUGIN_ONLY.appid);
    await h.emu.openPlatform.revoke(PLUGIN_ONLY.appid, { push: false });
    expect(registryRecord(h, PLUGIN_ONLY.appid)).toMatchObject({ revoked: false });
    await later();
    const result = await reconcile();
    expect(result).toMatchObject({ complete: true, counts: { revoked: 1 }, changed: { revoked: [PLUGIN_ONLY.appid] } });
    expect(registryRecord(h, PLUGIN_ONLY.appid)).toMatchObject({ revoked: true, refreshToken: '' });
    const before = h.emu.count({ kind: 'https' });
    expect(await h.loadFunction('getPluginDevApplyList')({ authorizerAppid: PLUGIN_ONLY.appid }, context())).toMatchObject({ errCode: -910021 });
    expect(h.emu.count({ kind: 'https' })).toBe(before);

    // Authorized again with the push lost once more: the next reconcile brings it back.
    await h.emu.openPlatform.authorize(PLUGIN_ONLY.appid, { push: false });
    await later();
    const back = await reconcile();
    expect(back).toMatchObject({ complete: true, counts: { repaired: 1 }, changed: { repaired: [PLUGIN_ONLY.appid] } });
    expect(registryRecord(h, PLUGIN_ONLY.appid)).toMatchObject({ revoked: false, refreshToken: h.emu.openPlatform.refreshToken(PLUGIN_ONLY.appid) });
    // The old revocation, delivered late, no longer revokes it.
    const late = h.emu.openPlatform.deliveries.find((d) => d.infoType === 'unauthorized');
    expect(late?.status).toBe(0); // it was lost; send it now as WeChat would have
    await h.emu.openPlatform.push({ AppId: h.emu.accounts.component.appid, CreateTime: Math.floor((registryRecord(h, PLUGIN_ONLY.appid)?.revokedAt ?? h.clock.now()) / 1000) - 5, InfoType: 'unauthorized', AuthorizerAppid: PLUGIN_ONLY.appid }, PLUGIN_ONLY.appid);
    expect(registryRecord(h, PLUGIN_ONLY.appid)).toMatchObject({ revoked: false });
  });

  it('a reconcile of more than 1000 accounts: every page pulled (500 at a time), every account added, the stray ones revoked, names read', async () => {
    const appids = manyAppids(1005);
    h.emu.openPlatform.addAuthorizers(seeds(appids), { authorized: true });
    const stray = strayRecords(h, 3);
    const results: Array<Record<string, any>> = [];
    for (let i = 0; i < 30; i++) {
      const result = await reconcile();
      expect(result.errCode).toBe(0);
      results.push(result);
      if (result.complete && !result.info.left) break;
    }
    const total = (key: 'added' | 'revoked') => results.reduce((n, r) => n + r.counts[key], 0);
    expect(results.some((r) => r.complete)).toBe(true);
    expect(total('added')).toBe(1006); // the 1005 and the default account
    expect(total('revoked')).toBe(3);
    expect(results.at(-1)?.info.left).toBe(false);
    expect(h.emu.count({ api: PATHS.list })).toBeGreaterThanOrEqual(3);
    expect(active(appids)).toBe(1005);
    expect(active(stray)).toBe(0);
    expect(registryRecord(h, appids[1004] as string)).toMatchObject({ refreshToken: h.emu.openPlatform.refreshToken(appids[1004] as string), info: { nickName: '账号1004' }, funcIds: [1, 18] });
    // Every list page asked for at most 500.
    for (const call of h.emu.calls.filter((c) => c.api === PATHS.list)) expect((call.params as { count: number }).count).toBeLessThanOrEqual(500);
  }, 180_000);

  it('a pull that fails part-way revokes nothing, says so, and the next call goes on from the page that failed', async () => {
    const appids = manyAppids(600);
    h.emu.openPlatform.addAuthorizers(seeds(appids), { authorized: true });
    const stray = strayRecords(h, 2);
    h.emu.inject({ api: PATHS.list, latencyMs: 1 }); // the first page answers
    h.emu.inject({ api: PATHS.list, errcode: 45011 }); // the second does not
    const failed = await reconcile();
    expect(failed).toMatchObject({ errCode: 0, complete: false, reason: 'failed', error: { code: 45011, name: 'MINUTE_QUOTA_REACHED' }, counts: { revoked: 0 }, pass: { nextOffset: 500 } });
    expect(failed.counts.added).toBe(500);
    expect(active(stray)).toBe(2);
    const status = await admin()({ action: 'status' }, context());
    expect(status).toMatchObject({ lastReconcile: { complete: false, reason: 'failed' }, reconcile: { inProgress: { nextOffset: 500, listed: 500 } } });

    const resumed = await reconcile();
    expect(resumed).toMatchObject({ complete: true, counts: { added: 101, revoked: 2 }, pass: { resumed: true, id: failed.pass.id, listed: 601, counts: { added: 601, revoked: 2 } } });
    expect(active(appids)).toBe(600);
    expect(active(stray)).toBe(0);
  }, 120_000);

  it('cut short by the deadline (virtual time: the first 80 registry writes take 100 ms each) and resumed: nothing revoked until the pull is complete', async () => {
    const appids = manyAppids(700);
    h.emu.openPlatform.addAuthorizers(seeds(appids), { authorized: true });
    const stray = strayRecords(h, 2);
    // 5 writes at a time, 100 ms each, in calls of 1.5 s (under 1 s of it for the pull): each of
    // the first two calls adds about 40 accounts of the first page and stops inside it; the
    // third, with fast writes, finishes the pull.
    h.emu.inject({ kind: 'database', api: ['database.insertDocument', 'database.modifyDocument'], collection: 'wx_authorizers', latencyMs: 100, times: 80 });
    const runs: Array<Record<string, any>> = [];
    for (let i = 0; i < 10; i++) {
      const started = h.clock.now();
      const result = await reconcile(1500);
      expect(result.errCode).toBe(0);
      // Within the call's limit on the functions' clock, slow writes and all.
      expect(h.clock.now() - started).toBeLessThan(1500);
      runs.push(result);
      if (result.complete) break;
      // Before the pull is complete, nothing is revoked.
      expect(active(stray)).toBe(2);
      expect(result.counts.revoked).toBe(0);
    }
    const last = runs.at(-1) as Record<string, any>;
    expect(runs.length).toBeGreaterThan(2);
    expect(runs.slice(0, -1).every((r) => r.reason === 'deadline' && r.counts.added > 0)).toBe(true);
    expect(runs[0]).toMatchObject({ complete: false, reason: 'deadline', pass: { resumed: false } });
    expect(runs.slice(1).every((r) => r.pass.resumed && r.pass.id === runs[0]?.pass.id)).toBe(true);
    expect(last).toMatchObject({ complete: true, pass: { listed: 701, counts: { added: 701, revoked: 2 } } });
    expect(runs.reduce((n, r) => n + r.counts.added, 0)).toBe(701);
    expect(active(appids)).toBe(700);
    expect(active(stray)).toBe(0);
  }, 120_000);

  it('a second reconcile while one holds the lease is refused with its own code', async () => {
    const key = `reconcile:${h.emu.accounts.component.appid}`;
    h.emu.db.collection('wx_tokens').set(key, { _id: key, leaseOwner: 'someone', leaseUntil: h.clock.now() + 60_000 });
    const result = await reconcile();
    expect(result).toMatchObject({ errCode: -910026, error: { name: 'RECONCILE_IN_PROGRESS' } });
    expect(h.emu.count({ api: PATHS.list })).toBe(0);
  });

  it('no refresh token, access token, ticket or secret in any answer or log line', async () => {
    await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid, { push: false });
    h.configure({ ...h.pushVars(), LOG_LEVEL: 'info' });
    const lines: string[] = [];
    const restore = captureOutput(lines);
    let answers: unknown[];
    try {
      answers = [await reconcile(), await admin()({ action: 'status' }, context()), await h.loadFunction('listAuthorizers')({}, context())];
    } finally {
      restore();
    }
    const seen = JSON.stringify(answers) + lines.join('\n');
    const componentToken = h.emu.db.collection('wx_tokens').get(`component:${h.emu.accounts.component.appid}`)?.token as string;
    const secrets = [h.emu.openPlatform.refreshToken(HALF_SCREEN_ONLY.appid), h.emu.openPlatform.refreshToken(h.emu.accounts.authorizer.appid), h.emu.tokens.verifyTicket(), h.emu.accounts.component.secret, componentToken];
    for (const secret of secrets) {
      expect(typeof secret).toBe('string');
      expect(seen.includes(secret)).toBe(false);
    }
    expect(lines.some((line) => line.includes('reconcile'))).toBe(true);
  });
});

describe('reconcile never rolls a newer refresh token back', () => {
  const registryWrites = () =>
    h.emu.calls.filter((c) => c.kind === 'database' && c.api === 'database.modifyDocument' && (c.params as { collectionName?: string }).collectionName === 'wx_authorizers').length;

  it('a rotation saved while reconcile\'s repair is on its way: the repair misses (the generation moved), decides again, and keeps the rotated token', async () => {
    await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid);
    const generation = registryRecord(h, HALF_SCREEN_ONLY.appid)?.generation as number;
    // WeChat's list now gives another token than the registry holds: reconcile will repair it.
    h.emu.openPlatform.invalidateRefreshToken(HALF_SCREEN_ONLY.appid);
    let release: () => void = () => undefined;
    h.emu.inject({ kind: 'database', api: 'database.modifyDocument', collection: 'wx_authorizers', hold: new Promise<void>((resolve) => (release = resolve)), times: 1 });
    const running = reconcile();
    await until(() => registryWrites() >= 1, 'reconcile\'s repair write');
    // Meanwhile another instance refreshed: WeChat rotated the token, and the save landed first
    // (what the token store's compare-and-set writes: the new token, the next generation).
    const rotated = h.emu.openPlatform.invalidateRefreshToken(HALF_SCREEN_ONLY.appid);
    Object.assign(registryRecord(h, HALF_SCREEN_ONLY.appid) as object, { refreshToken: rotated, refreshTokenAt: h.clock.now(), generation: generation + 1, updatedAt: h.clock.now() });
    release();
    const result = await running;
    expect(result).toMatchObject({ errCode: 0, complete: true, counts: { repaired: 0 } });
    expect(registryRecord(h, HALF_SCREEN_ONLY.appid)).toMatchObject({ refreshToken: rotated, generation: generation + 1 });
    expect(h.emu.openPlatform.refreshToken(HALF_SCREEN_ONLY.appid)).toBe(rotated);
  });

  it('a refresh under the lease is not clobbered; once the lease lapsed, the next reconcile repairs the token', async () => {
    await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid);
    const held = registryRecord(h, HALF_SCREEN_ONLY.appid)?.refreshToken as string;
    const listed = h.emu.openPlatform.invalidateRefreshToken(HALF_SCREEN_ONLY.appid);
    // Another instance holds the refresh lease (taken before the list was read).
    Object.assign(registryRecord(h, HALF_SCREEN_ONLY.appid) as object, { leaseOwner: 'another-instance', leaseUntil: h.clock.now() + 60_000 });
    const first = await reconcile();
    expect(first).toMatchObject({ errCode: 0, complete: true, counts: { repaired: 0 } });
    expect(registryRecord(h, HALF_SCREEN_ONLY.appid)).toMatchObject({ refreshToken: held, leaseOwner: 'another-instance' });

    await h.virtualClock!.advance(61_000); // the lease lapses
    const second = await reconcile();
    expect(second).toMatchObject({ errCode: 0, complete: true, counts: { repaired: 1 }, changed: { repaired: [HALF_SCREEN_ONLY.appid] } });
    expect(registryRecord(h, HALF_SCREEN_ONLY.appid)).toMatchObject({ refreshToken: listed, source: 'reconcile', leaseUntil: 0 });
  });
});
