import { HALF_SCREEN_ONLY } from '../../emulator';
import { PATHS, registryRecord } from './helpers/component';
import { context } from './helpers/harness';
import { usePushHarness } from './helpers/httpAccess';
import { until } from './helpers/until';

/**
 * Recovery without anyone asking: a call that meets 61023 (refresh token invalid) or 61003 (the
 * account no longer authorizes the platform) marks the account, and the next syncLists run
 * reconciles it (repairs or revokes); syncLists also reconciles once per RECONCILE_INTERVAL_HOURS,
 * and tells the admins once when the ticket pushes stop arriving.
 */
const { h } = usePushHarness({ embeddedCount: 5, applicantCount: 5 });
const sync = async () => {
  const result = await h.loadFunction('syncLists')({}, context(60_000));
  if (result.errCode !== 0) throw new Error(JSON.stringify(result.error));
  return result;
};
const state = () => h.emu.db.collection('wx_tokens').get(`reconcile:${h.emu.accounts.component.appid}`);
const ownList = () => h.loadFunction('getOwnList')({ num: 2, authorizerAppid: HALF_SCREEN_ONLY.appid }, context());

beforeEach(async () => {
  await h.emu.openPlatform.pushTicket();
  h.configure({ ...h.pushVars(), RECONCILE_INTERVAL_HOURS: '0' });
});

describe('recovery in syncLists', () => {
  it('61023: the account is marked, the next sync repairs its refresh token from WeChat\'s list, and calls work again', async () => {
    await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid);
    // WeChat renews the token on its side (say a re-authorization whose push was lost).
    const renewed = h.emu.openPlatform.invalidateRefreshToken(HALF_SCREEN_ONLY.appid);
    // The access token the authorization came with (kept in the record) expires: the next call refreshes.
    h.emu.tokens.expire(registryRecord(h, HALF_SCREEN_ONLY.appid)?.accessToken as string);
    const failed = await ownList();
    expect(failed).toMatchObject({ errCode: 61023, error: { name: 'REFRESH_TOKEN_INVALID' } });
    expect(registryRecord(h, HALF_SCREEN_ONLY.appid)).toMatchObject({ attention: { code: 61023 } });
    expect(state()?.dueAt).toEqual(expect.any(Number));

    const result = await sync();
    expect(result.component).toMatchObject({ reconcile: { ran: true, why: 'asked', complete: true, counts: { repaired: 1 } } });
    // Repaired with the renewed token (the run's own list sync then rotated it, and kept the rotation).
    expect(h.emu.calls.some((c) => c.api === PATHS.authorizerToken && (c.params as Record<string, string>).authorizer_refresh_token === renewed)).toBe(true);
    expect(registryRecord(h, HALF_SCREEN_ONLY.appid)).toMatchObject({ revoked: false, refreshToken: h.emu.openPlatform.refreshToken(HALF_SCREEN_ONLY.appid) });
    expect(registryRecord(h, HALF_SCREEN_ONLY.appid)?.attention).toBeUndefined();
    expect(state()?.dueAt).toBeUndefined();
    expect(await ownList()).toMatchObject({ errCode: 0, authorizerAppid: HALF_SCREEN_ONLY.appid });

    // Nothing is due now: the next run leaves reconcile alone.
    const calm = await sync();
    expect(calm.component).toMatchObject({ reconcile: { ran: false, why: 'not due' } });
  });

  it('61003: the account revoked with its push lost is marked, and the next sync revokes it; its calls are then refused with no WeChat call', async () => {
    await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid);
    expect(await ownList()).toMatchObject({ errCode: 0 });
    await h.emu.openPlatform.revoke(HALF_SCREEN_ONLY.appid, { push: false });
    const failed = await ownList();
    expect(failed).toMatchObject({ errCode: 61003, error: { name: 'COMPONENT_NOT_AUTHORIZED' } });
    expect(failed.error.hint.en).toMatch(/reconcile/);
    expect(registryRecord(h, HALF_SCREEN_ONLY.appid)).toMatchObject({ revoked: false, attention: { code: 61003 } });

    const result = await sync();
    expect(result.component).toMatchObject({ reconcile: { ran: true, why: 'asked', complete: true, counts: { revoked: 1 } } });
    expect(registryRecord(h, HALF_SCREEN_ONLY.appid)).toMatchObject({ revoked: true, refreshToken: '' });
    const before = h.emu.count({ kind: 'https' });
    expect(await ownList()).toMatchObject({ errCode: -910021, error: { name: 'AUTHORIZER_REVOKED' } });
    expect(h.emu.count({ kind: 'https' })).toBe(before);
  });

  it('a failed refresh marks nothing when the record moved on to another token meanwhile (that token is not known to fail)', async () => {
    await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid);
    const used = registryRecord(h, HALF_SCREEN_ONLY.appid)?.refreshToken as string;
    h.emu.openPlatform.invalidateRefreshToken(HALF_SCREEN_ONLY.appid);
    h.emu.tokens.expire(registryRecord(h, HALF_SCREEN_ONLY.appid)?.accessToken as string);
    let release: () => void = () => undefined;
    h.emu.inject({ kind: 'https', api: PATHS.authorizerToken, hold: new Promise<void>((resolve) => (release = resolve)), times: 1 });
    const failing = ownList();
    await until(() => h.emu.count({ api: PATHS.authorizerToken }) >= 1, 'the refresh with the retired token');
    // While WeChat answers that refresh, the account's newest token is saved (WeChat's list taken by
    // a reconcile elsewhere, say): a compare-and-set, the next generation.
    const record = registryRecord(h, HALF_SCREEN_ONLY.appid) as Record<string, any>;
    const newest = h.emu.openPlatform.refreshToken(HALF_SCREEN_ONLY.appid);
    Object.assign(record, { refreshToken: newest, generation: record.generation + 1, updatedAt: Date.now() });
    release();
    expect(await failing).toMatchObject({ errCode: 61023 });
    expect(used).not.toBe(newest);
    expect(registryRecord(h, HALF_SCREEN_ONLY.appid)).toMatchObject({ refreshToken: newest });
    expect(registryRecord(h, HALF_SCREEN_ONLY.appid)?.attention).toBeUndefined();
    expect(state()?.dueAt).toBeUndefined();
    // The next call refreshes with the newest token and works.
    expect(await ownList()).toMatchObject({ errCode: 0, authorizerAppid: HALF_SCREEN_ONLY.appid });
  });

  it('once per RECONCILE_INTERVAL_HOURS (default a day), even when nothing asked', async () => {
    h.configure(h.pushVars());
    const first = await sync();
    expect(first.component).toMatchObject({ reconcile: { ran: true, why: 'interval', complete: true } });
    expect(h.emu.count({ api: PATHS.list })).toBe(1);
    const second = await sync();
    expect(second.component).toMatchObject({ reconcile: { ran: false, why: 'not due' } });
    expect(h.emu.count({ api: PATHS.list })).toBe(1);
    // A day later (the last run's time moved back), it runs again.
    const doc = state() as Record<string, any>;
    doc.last.at -= 24 * 3600_000 + 1000;
    const third = await sync();
    expect(third.component).toMatchObject({ reconcile: { ran: true, why: 'interval' } });
    expect(h.emu.count({ api: PATHS.list })).toBe(2);
  });

  it('a wrong RECONCILE_INTERVAL_HOURS is reported in the run, and the lists still sync', async () => {
    h.configure({ ...h.pushVars(), RECONCILE_INTERVAL_HOURS: 'daily' });
    const result = await sync();
    expect(result.component).toMatchObject({ error: { name: 'CONFIG_INVALID' } });
    expect(result.component.error.detail).toContain('RECONCILE_INTERVAL_HOURS');
    expect(result.lists.length).toBeGreaterThan(0);
    expect(h.emu.count({ api: PATHS.list })).toBe(0);
  });

  it('a ticket older than 30 minutes: listAuthorizers says so, and the admins are told once', async () => {
    h.configure({ ...h.pushVars(), RECONCILE_INTERVAL_HOURS: '0', WECOM_WEBHOOK_URL: h.emu.outbound.wecomWebhookUrl });
    // The last push WeChat managed to deliver was 40 minutes ago (and nothing since).
    h.emu.db.collection('wx_tokens').delete(`verify_ticket:${h.emu.accounts.component.appid}`);
    const createTime = Math.floor(Date.now() / 1000) - 40 * 60;
    const old = await h.emu.openPlatform.push({ AppId: h.emu.accounts.component.appid, CreateTime: createTime, InfoType: 'component_verify_ticket', ComponentVerifyTicket: h.emu.tokens.pushVerifyTicket() });
    expect(old).toMatchObject({ status: 200, answer: 'success' });

    const listed = await h.loadFunction('listAuthorizers')({}, context());
    expect(listed).toMatchObject({ errCode: 0, ticket: { receivedAt: createTime * 1000, stale: true } });
    expect(listed.ticket.ageSeconds).toBeGreaterThanOrEqual(40 * 60);
    expect(listed.ticket.message.en).toMatch(/40 minutes ago/);
    expect(listed.ticket.message.zh).toMatch(/40 分钟前/);

    const first = await sync();
    expect(first.component).toMatchObject({ ticket: { stale: true }, alertsQueued: 1 });
    const alerts = h.emu.outbound.wecom.filter((m) => m.content.includes('component_verify_ticket'));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.content).toContain('restart_ticket_push');
    expect(alerts[0]?.content).not.toContain(h.emu.tokens.verifyTicket());

    await sync();
    expect(h.emu.outbound.wecom.filter((m) => m.content.includes('component_verify_ticket'))).toHaveLength(1);

    // A fresh push: no longer stale.
    await h.emu.openPlatform.pushTicket();
    const fresh = await h.loadFunction('listAuthorizers')({}, context());
    expect(fresh.ticket).toMatchObject({ stale: false });
    expect(fresh.ticket.message).toBeUndefined();
  });
});
