import { HALF_SCREEN_ONLY } from '../../emulator';
import { ADMIN_OPENID, context } from './helpers/harness';
import { usePushHarness } from './helpers/httpAccess';
import { linkParams, PATHS } from './helpers/component';

/**
 * componentAdmin over loopback against the emulator: create_link, restart_ticket_push and status,
 * who may call them, and what is refused before any WeChat call. (reconcile: componentReconcile.test.ts;
 * the redirect page: componentRedirect.test.ts.)
 */
const { h, eventUrl } = usePushHarness({ embeddedCount: 5, applicantCount: 5 });
const admin = () => h.loadFunction('componentAdmin');

describe('componentAdmin create_link', () => {
  it('one api_create_preauthcode, then the PC and mobile links with the signed redirect, auth_type 2 by default, and when the code expires', async () => {
    await h.emu.openPlatform.pushTicket();
    const before = Date.now();
    const result = await admin()({ action: 'create_link', redirectUri: `${eventUrl()}?from=console` }, context());
    expect(result).toMatchObject({ errCode: 0, authType: 2, authTypeLabel: 'Mini Programs', audit: { recorded: true } });
    expect(h.emu.count({ api: PATHS.preAuthCode })).toBe(1);
    const call = h.emu.calls.find((c) => c.api === PATHS.preAuthCode);
    expect(call?.params).toEqual({ component_appid: h.emu.accounts.component.appid });
    expect(call?.query).toEqual({ access_token: '***' });

    expect(result.pcUrl.startsWith('https://mp.weixin.qq.com/cgi-bin/componentloginpage?component_appid=')).toBe(true);
    expect(result.mobileUrl.startsWith('https://open.weixin.qq.com/wxaopen/safe/bindcomponent?action=bindcomponent&no_scan=1&component_appid=')).toBe(true);
    expect(result.mobileUrl.endsWith('#wechat_redirect')).toBe(true);
    const pc = linkParams(result.pcUrl);
    const mobile = linkParams(result.mobileUrl.replace('#wechat_redirect', ''));
    expect(pc).toEqual(mobile);
    expect(pc).toMatchObject({ componentAppid: h.emu.accounts.component.appid, authType: '2', bizAppid: null });
    expect(pc.preAuthCode).toMatch(/^preauthcode@@@/);
    // The redirect keeps its own query and gains the signed parameter.
    const redirect = new URL(pc.redirectUri);
    expect(`${redirect.origin}${redirect.pathname}`).toBe(eventUrl());
    expect(redirect.searchParams.get('from')).toBe('console');
    expect(redirect.searchParams.get('wxpl_link')).toMatch(/^\d+\.[\w-]+\.[\w-]{22}$/);
    expect(result.redirectUri).toBe(pc.redirectUri);
    // 1800 s for the pre-auth code; the signed redirect lasts the code's 600 s longer.
    expect(result.expiresAt).toBeGreaterThanOrEqual(before + 1800_000);
    expect(result.expiresAt).toBeLessThanOrEqual(Date.now() + 1800_000);
    expect(result.redirectValidUntil - result.expiresAt).toBeGreaterThanOrEqual(599_000);

    // Audited like a write: who, what, done.
    const audit = [...h.emu.db.collection('wx_admin_audit').values()];
    expect(audit).toEqual([expect.objectContaining({ function: 'componentAdmin', action: 'create_link', result: 'done', caller: { source: 'wx_client', openid: ADMIN_OPENID } })]);
  });

  it('names one account with biz_appid and takes auth_type 1 or 3', async () => {
    await h.emu.openPlatform.pushTicket();
    const one = await admin()({ action: 'create_link', redirectUri: eventUrl(), authType: 3, bizAppid: HALF_SCREEN_ONLY.appid }, context());
    expect(one).toMatchObject({ errCode: 0, authType: 3, bizAppid: HALF_SCREEN_ONLY.appid });
    expect(linkParams(one.pcUrl)).toMatchObject({ authType: '3', bizAppid: HALF_SCREEN_ONLY.appid });
    expect(linkParams(one.mobileUrl.replace('#wechat_redirect', ''))).toMatchObject({ authType: '3', bizAppid: HALF_SCREEN_ONLY.appid });
    const audit = [...h.emu.db.collection('wx_admin_audit').values()];
    expect(audit[0]).toMatchObject({ action: 'create_link', targets: [HALF_SCREEN_ONLY.appid] });
    const official = await admin()({ action: 'create_link', redirectUri: eventUrl(), authType: 1 }, context());
    expect(official).toMatchObject({ errCode: 0, authType: 1, authTypeLabel: 'official accounts' });
  });

  it.each([
    ['ftp URL', { redirectUri: 'ftp://admin.example.com/x' }, 'redirectUri', /http\(s\) URL/],
    ['javascript: URL', { redirectUri: 'javascript:alert(1)' }, 'redirectUri', /http\(s\) URL/],
    ['relative path', { redirectUri: '/componentEvents' }, 'redirectUri', /http\(s\) URL/],
    ['a fragment', { redirectUri: 'https://admin.example.com/cb#x' }, 'redirectUri', /without a fragment/],
    ['credentials in the URL', { redirectUri: 'https://user:pw@admin.example.com/cb' }, 'redirectUri', /http\(s\) URL/],
    ['no redirectUri', {}, 'redirectUri', /string/],
    ['auth_type 4', { redirectUri: 'https://admin.example.com/cb', authType: 4 }, 'authType', /one of 1, 2, 3/],
    ['auth_type as a string', { redirectUri: 'https://admin.example.com/cb', authType: '2' }, 'authType', /one of 1, 2, 3/],
    ['a malformed bizAppid', { redirectUri: 'https://admin.example.com/cb', bizAppid: 'wx12' }, 'bizAppid', /appid/],
    ['an unknown field', { redirectUri: 'https://admin.example.com/cb', redirect_uri: 'x' }, 'redirect_uri', /no such field/],
  ])('refuses %s naming the field, with no call at all', async (_what, fields, field, expected) => {
    const before = h.emu.calls.length;
    const result = await admin()({ action: 'create_link', ...fields }, context());
    expect(result).toMatchObject({ errCode: -910001, error: { name: 'INVALID_EVENT' } });
    const issue = result.error.issues.find((i: { field: string }) => i.field === field);
    expect(issue?.expected).toMatch(expected);
    expect(h.emu.calls.length).toBe(before);
  });

  it('refuses an unknown action naming the choices', async () => {
    const result = await admin()({ action: 'delete_everything' }, context());
    expect(result).toMatchObject({ errCode: -910001, error: { issues: [{ field: 'action' }] } });
    expect(result.error.issues[0].expected).toMatch(/"status".*"create_link".*"reconcile".*"restart_ticket_push"/);
    expect(h.emu.calls.length).toBe(0);
  });
});

describe('componentAdmin: who may call', () => {
  it('an ordinary Mini Program user is refused, and the refused attempt to act is audited; status is not', async () => {
    h.asCaller('user');
    expect(await admin()({ action: 'create_link', redirectUri: eventUrl() }, context())).toMatchObject({ errCode: -910002 });
    expect(await admin()({ action: 'status' }, context())).toMatchObject({ errCode: -910002 });
    expect(h.emu.count({ kind: 'https' })).toBe(0);
    const audit = [...h.emu.db.collection('wx_admin_audit').values()];
    expect(audit).toEqual([expect.objectContaining({ action: 'create_link', result: 'refused' })]);
  });

  it('with OPERATOR_OPENIDS, an admin not named there may look (status) but not act', async () => {
    await h.emu.openPlatform.pushTicket();
    h.configure({ ...h.pushVars(), OPERATOR_OPENIDS: 'oSomeoneElse_9' });
    for (const event of [{ action: 'create_link', redirectUri: eventUrl() }, { action: 'reconcile' }, { action: 'restart_ticket_push' }]) {
      expect(await admin()(event, context())).toMatchObject({ errCode: -910030, error: { name: 'OPERATOR_NOT_ALLOWED' } });
    }
    expect(h.emu.count({ kind: 'https' })).toBe(0);
    expect(await admin()({ action: 'status' }, context())).toMatchObject({ errCode: 0 });
    expect([...h.emu.db.collection('wx_admin_audit').values()].map((r) => [r.action, r.result])).toEqual([
      ['create_link', 'refused'], ['reconcile', 'refused'], ['restart_ticket_push', 'refused'],
    ]);
  });

  it('without COMPONENT_APPSECRET, says which variable is missing and calls nothing', async () => {
    h.configure({ COMPONENT_APPID: h.emu.accounts.component.appid });
    const result = await admin()({ action: 'status' }, context());
    expect(result).toMatchObject({ errCode: -910011, error: { name: 'CONFIG_INVALID' } });
    expect(result.error.detail).toContain('COMPONENT_APPSECRET');
    expect(h.emu.count({ kind: 'https' })).toBe(0);
  });
});

describe('componentAdmin restart_ticket_push and status', () => {
  it('status on a platform that has received nothing yet', async () => {
    const result = await admin()({ action: 'status' }, context());
    expect(result).toMatchObject({
      errCode: 0,
      componentAppid: h.emu.accounts.component.appid,
      ticket: { receivedAt: null, ageSeconds: null, stale: false },
      componentToken: { cached: false },
      authorizers: { active: 0, revoked: 0, marked: 0 },
      lastReconcile: null,
      reconcile: { inProgress: null, dueAt: null },
    });
    expect(h.emu.count({ kind: 'https' })).toBe(0);
  });

  it('restart_ticket_push: one api_start_push_ticket with the secret (masked in the log), then WeChat pushes a ticket and status shows it arrived', async () => {
    const first = await h.emu.openPlatform.pushTicket();
    expect(first.status).toBe(200);
    const stored = h.emu.db.collection('wx_tokens').get(`verify_ticket:${h.emu.accounts.component.appid}`);
    const firstAt = stored?.createdAt as number;
    // The next push is a second later in WeChat's clock (CreateTime is in seconds).
    h.emu.clock.advance(1);
    const result = await admin()({ action: 'restart_ticket_push' }, context());
    expect(result).toMatchObject({ errCode: 0, restarted: true, ticketBefore: { receivedAt: firstAt, stale: false }, audit: { recorded: true } });
    expect(h.emu.count({ api: PATHS.startPushTicket })).toBe(1);
    const call = h.emu.calls.find((c) => c.api === PATHS.startPushTicket);
    expect(call?.params).toEqual({ component_appid: h.emu.accounts.component.appid, component_secret: '***' });
    expect(h.emu.openPlatform.ticketPushRestarts).toBe(1);

    await h.emu.openPlatform.idle();
    expect(h.emu.openPlatform.deliveries.at(-1)).toMatchObject({ infoType: 'component_verify_ticket', status: 200, answer: 'success' });
    const status = await admin()({ action: 'status' }, context());
    expect(status.ticket.receivedAt).toBeGreaterThan(firstAt);
    expect(status.ticket.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(status)).not.toContain(h.emu.tokens.verifyTicket());
  });

  it('status after a token was fetched: cached until its expiry, and the registry\'s counts', async () => {
    await h.emu.openPlatform.pushTicket();
    await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid);
    await admin()({ action: 'create_link', redirectUri: eventUrl() }, context());
    const result = await admin()({ action: 'status' }, context());
    expect(result).toMatchObject({ errCode: 0, componentToken: { cached: true }, authorizers: { active: 1, revoked: 0 } });
    expect(result.componentToken.expiresAt).toBeGreaterThan(Date.now() + 3600_000);
    const text = JSON.stringify(result);
    const componentToken = h.emu.db.collection('wx_tokens').get(`component:${h.emu.accounts.component.appid}`)?.token as string;
    expect(typeof componentToken).toBe('string');
    expect(text).not.toContain(componentToken);
  });

  it('a console test run may call status; an event shaped like an HTTP access request is refused, whatever the source, with no call', async () => {
    h.asCaller('console');
    expect(await admin()({ action: 'status' }, context())).toMatchObject({ errCode: 0 });
    const before = h.emu.calls.length;
    const shaped = { action: 'status', httpMethod: 'GET', headers: {}, requestContext: {}, path: '/componentAdmin' };
    expect(await admin()(shaped, context())).toMatchObject({ errCode: -910025, error: { name: 'HTTP_ACCESS_REFUSED' } });
    expect(h.emu.calls.length).toBe(before);
  });
});
