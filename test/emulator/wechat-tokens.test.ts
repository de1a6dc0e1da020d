import { startEmulator, type Emulator } from '../../emulator';
import { authorizerToken, componentToken, ownList, postJson, stableToken, wechatUrl } from './helpers/wechat-http';

// Token endpoints of the emulated api.weixin.qq.com, driven with plain fetch.

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ applicantCount: 20, embeddedCount: 20, dailyQuota: { stable_token: 5, get_own_list: 3 } });
});

afterAll(async () => {
  await emu.close();
});

beforeEach(() => emu.reset());

describe('stable_token', () => {
  test('returns the same token while valid, a new one on force_refresh', async () => {
    const first = await stableToken(emu);
    expect(first).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(await stableToken(emu)).toBe(first);
    const forced = await stableToken(emu, true);
    expect(forced).not.toBe(first);
    expect(emu.tokens.issued('stable')).toBe(2);
  });

  test('expires_in counts down on reuse', async () => {
    const { appid, secret } = emu.accounts.app;
    const ask = () => postJson(emu, '/cgi-bin/stable_token', { grant_type: 'client_credential', appid, secret });
    expect((await ask()).expires_in).toBe(7200);
    emu.clock.advance(1000);
    // Real seconds may tick between the calls; the emulated jump dominates.
    const remaining = Number((await ask()).expires_in);
    expect(remaining).toBeLessThanOrEqual(6200);
    expect(remaining).toBeGreaterThan(6000);
  });

  test.each([
    ['bad secret', { secret: 'wrong' }, 40125],
    ['unknown appid', { appid: 'wx0000000000000000' }, 40013],
    ['bad grant_type', { grant_type: 'password' }, 40002],
  ])('%s is refused', async (_name, override, errcode) => {
    const { appid, secret } = emu.accounts.app;
    const body = await postJson(emu, '/cgi-bin/stable_token', { grant_type: 'client_credential', appid, secret, ...override });
    expect(body.errcode).toBe(errcode);
    expect(body.errmsg).toMatch(/ rid: /);
  });

  test('a refreshed-away token works during the overlap, then answers 40001', async () => {
    const old = await stableToken(emu);
    const fresh = await stableToken(emu, true);
    emu.clock.advance(200);
    expect((await ownList(emu, old)).errcode).toBe(0);
    emu.clock.advance(101);
    expect((await ownList(emu, old)).errcode).toBe(40001);
    expect((await ownList(emu, fresh)).errcode).toBe(0);
  });

  test('a token past its ttl answers 42001, and stable_token then issues a new one', async () => {
    const token = await stableToken(emu);
    emu.clock.advance(7200);
    expect((await ownList(emu, token)).errcode).toBe(42001);
    const next = await stableToken(emu);
    expect(next).not.toBe(token);
  });

  test('unknown, malformed and missing tokens', async () => {
    expect((await ownList(emu, 'A'.repeat(40))).errcode).toBe(40001);
    expect((await ownList(emu, '')).errcode).toBe(40014);
    expect((await ownList(emu, 'bad token!')).errcode).toBe(40014);
    const response = await fetch(wechatUrl(emu, '/wxaapi/wxaembedded/get_own_list'));
    expect(((await response.json()) as { errcode: number }).errcode).toBe(41001);
  });

  test('tokens.expire and tokens.invalidate', async () => {
    const token = await stableToken(emu);
    emu.tokens.expire(token);
    expect((await ownList(emu, token)).errcode).toBe(42001);
    const other = await stableToken(emu, true);
    emu.tokens.invalidate(other);
    expect((await ownList(emu, other)).errcode).toBe(40001);
  });

  test('the daily quota answers 45009 and resets on the next emulated day', async () => {
    for (let i = 0; i < 5; i++) await stableToken(emu);
    const { appid, secret } = emu.accounts.app;
    const over = await postJson(emu, '/cgi-bin/stable_token', { grant_type: 'client_credential', appid, secret });
    expect(over.errcode).toBe(45009);
    emu.clock.advance(86400);
    await expect(stableToken(emu)).resolves.toEqual(expect.any(String));
  });

  test('the call log masks secrets and access tokens', async () => {
    const token = await stableToken(emu);
    await ownList(emu, token, { num: 1 });
    expect(emu.calls[0]).toMatchObject({ kind: 'https', api: '/cgi-bin/stable_token', params: { secret: '***' } });
    expect(emu.calls[1]).toMatchObject({ api: '/wxaapi/wxaembedded/get_own_list', query: { access_token: '***', num: '1' } });
    expect(JSON.stringify(emu.calls)).not.toContain(emu.accounts.app.secret);
    expect(JSON.stringify(emu.calls)).not.toContain(token);
  });
});

describe('third-party platform: ticket -> component token -> authorizer token', () => {
  test('the full flow, and the authorizer token reads get_own_list', async () => {
    const component = await componentToken(emu);
    expect(component.expires_in).toBe(7200);
    const authorizer = await authorizerToken(emu, String(component.component_access_token), emu.tokens.refreshToken());
    expect(authorizer).toMatchObject({ expires_in: 7200, authorizer_access_token: expect.any(String), authorizer_refresh_token: expect.any(String) });
    const list = await ownList(emu, String(authorizer.authorizer_access_token), { num: 5 });
    expect(list.errcode).toBe(0);
    expect(list.wxa_embedded_list).toHaveLength(5);
    expect(emu.tokens.issued('component')).toBe(1);
    expect(emu.tokens.issued('authorizer')).toBe(1);
    expect(emu.tokens.issued()).toBe(2);
  });

  test('rotation: the returned refresh token is new and the old one answers 61023', async () => {
    const component = String((await componentToken(emu)).component_access_token);
    const initial = emu.tokens.refreshToken();
    expect(initial).toBe(emu.accounts.authorizer.refreshToken);
    const first = await authorizerToken(emu, component, initial);
    const rotated = String(first.authorizer_refresh_token);
    expect(rotated).not.toBe(initial);
    expect(emu.tokens.refreshToken()).toBe(rotated);
    expect((await authorizerToken(emu, component, initial)).errcode).toBe(61023);
    expect((await authorizerToken(emu, component, rotated)).errcode).toBeUndefined();
  });

  test('tickets: unknown 61006, older than 12 h 61005, a newly pushed one works', async () => {
    expect((await componentToken(emu, 'ticket@@@nope')).errcode).toBe(61006);
    const old = emu.tokens.verifyTicket();
    emu.clock.advance(12 * 3600);
    expect((await componentToken(emu, old)).errcode).toBe(61005);
    const pushed = emu.tokens.pushVerifyTicket();
    expect(emu.tokens.verifyTicket()).toBe(pushed);
    expect((await componentToken(emu, pushed)).component_access_token).toEqual(expect.any(String));
  });

  test('wrong component secret answers 61004', async () => {
    const body = await postJson(emu, '/cgi-bin/component/api_component_token', {
      component_appid: emu.accounts.component.appid,
      component_appsecret: 'wrong',
      component_verify_ticket: emu.tokens.verifyTicket(),
    });
    expect(body.errcode).toBe(61004);
  });

  test('a stale or expired component token is refused by api_authorizer_token', async () => {
    const component = String((await componentToken(emu)).component_access_token);
    emu.clock.advance(7200);
    expect((await authorizerToken(emu, component, emu.tokens.refreshToken())).errcode).toBe(42001);
    expect((await authorizerToken(emu, 'C'.repeat(50), emu.tokens.refreshToken())).errcode).toBe(40001);
  });

  test('without rotation the refresh token stays', async () => {
    const steady = await startEmulator({ rotateRefreshToken: false, applicantCount: 1, embeddedCount: 1 });
    try {
      const component = String((await componentToken(steady)).component_access_token);
      const refresh = steady.tokens.refreshToken();
      expect((await authorizerToken(steady, component, refresh)).authorizer_refresh_token).toBe(refresh);
      expect((await authorizerToken(steady, component, refresh)).errcode).toBeUndefined();
    } finally {
      await steady.close();
    }
  });
});

describe('configuration', () => {
  test('custom ttl, overlap and accounts', async () => {
    const custom = await startEmulator({
      tokenTtlSeconds: 60,
      overlapSeconds: 0,
      accounts: { app: { appid: 'wx1111111111111111', secret: 's3cr3t' } },
      applicantCount: 1,
      embeddedCount: 1,
    });
    try {
      expect(custom.accounts.component).toEqual(emu.accounts.component);
      const body = await postJson(custom, '/cgi-bin/stable_token', { grant_type: 'client_credential', appid: 'wx1111111111111111', secret: 's3cr3t' });
      expect(body.expires_in).toBe(60);
      const old = String(body.access_token);
      await stableToken(custom, true);
      expect((await ownList(custom, old)).errcode).toBe(40001);
    } finally {
      await custom.close();
    }
  });
});
