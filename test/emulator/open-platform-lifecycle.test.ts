import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HALF_SCREEN_ONLY, NEITHER, PLUGIN_ONLY, startEmulator, type Emulator } from '../../emulator';
import { componentToken, postJson } from './helpers/wechat-http';

// The emulated open platform around a platform's whole life: pre-auth codes and the consent
// pages they open, the authorizer list and details, restarting ticket pushes; lost pushes and
// renewed refresh tokens for the tests that recover from them.

let emu: Emulator;
let receiver: ReturnType<typeof createServer>;
const pushes: string[] = [];

beforeAll(async () => {
  emu = await startEmulator({ applicantCount: 5, embeddedCount: 5 });
  receiver = createServer((req: IncomingMessage, res) => {
    req.on('data', () => undefined);
    req.on('end', () => {
      pushes.push(new URL(req.url ?? '/', 'http://x').searchParams.get('timestamp') ?? '');
      res.writeHead(200).end('success');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await emu.close();
});
beforeEach(() => {
  emu.reset();
  pushes.length = 0;
  emu.openPlatform.setPushTarget(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`);
});

async function token(): Promise<string> {
  const body = await componentToken(emu);
  return body.component_access_token as string;
}
const component = () => emu.accounts.component.appid;

async function preAuthCode(query: Record<string, string>): Promise<string> {
  const body = await postJson(emu, '/cgi-bin/component/api_create_preauthcode', { component_appid: component() }, query);
  expect(body).toMatchObject({ expires_in: 1800 });
  return body.pre_auth_code as string;
}

describe('authorization pages', () => {
  it('the PC link shows the accounts; choosing one uses the code up, pushes authorized and redirects with auth_code and expires_in, keeping the redirect\'s query', async () => {
    const code = await preAuthCode({ access_token: await token() });
    const redirect = 'https://admin.example.com/componentEvents?wxpl_link=abc';
    const link = new URL(`${emu.url}/cgi-bin/componentloginpage`);
    for (const [k, v] of Object.entries({ component_appid: component(), pre_auth_code: code, redirect_uri: redirect, auth_type: '2' })) link.searchParams.set(k, v);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const appid of [HALF_SCREEN_ONLY.appid, PLUGIN_ONLY.appid, NEITHER.appid]) expect(html).toContain(`data-appid="${appid}"`);

    const consent = new URL(`${emu.url}/cgi-bin/componentloginpage/consent`);
    for (const [k, v] of Object.entries({ component_appid: component(), pre_auth_code: code, redirect_uri: redirect, authorizer_appid: HALF_SCREEN_ONLY.appid })) consent.searchParams.set(k, v);
    const answer = await fetch(consent, { redirect: 'manual' });
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get('location') as string);
    expect(location.searchParams.get('wxpl_link')).toBe('abc');
    expect(location.searchParams.get('expires_in')).toBe('600');
    const authCode = location.searchParams.get('auth_code') as string;
    await emu.openPlatform.idle();
    expect(emu.openPlatform.deliveries.at(-1)).toMatchObject({ infoType: 'authorized', authorizerAppid: HALF_SCREEN_ONLY.appid, status: 200 });

    // The code from the redirect is the one api_query_auth takes, once.
    const t = await token();
    const exchanged = await postJson(emu, '/cgi-bin/component/api_query_auth', { component_appid: component(), authorization_code: authCode }, { component_access_token: t });
    expect(exchanged).toMatchObject({ authorization_info: { authorizer_appid: HALF_SCREEN_ONLY.appid } });
    expect(await postJson(emu, '/cgi-bin/component/api_query_auth', { component_appid: component(), authorization_code: authCode }, { component_access_token: t })).toMatchObject({ errcode: 61010 });

    // The pre-auth code is used up.
    const again = await fetch(consent, { redirect: 'manual' });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('pre_auth_code already used');
  });

  it('the mobile link with biz_appid offers that account only; bad links are refused with a page saying why', async () => {
    const code = await preAuthCode({ component_access_token: await token() });
    const mobile = new URL(`${emu.url}/wxaopen/safe/bindcomponent`);
    for (const [k, v] of Object.entries({ action: 'bindcomponent', no_scan: '1', component_appid: component(), pre_auth_code: code, redirect_uri: 'https://a.example.com/cb', auth_type: '3', biz_appid: PLUGIN_ONLY.appid })) mobile.searchParams.set(k, v);
    const html = await (await fetch(mobile)).text();
    expect(html).toContain(PLUGIN_ONLY.appid);
    expect(html).not.toContain(HALF_SCREEN_ONLY.appid);

    const bad = async (change: Record<string, string>) => {
      const url = new URL(mobile);
      for (const [k, v] of Object.entries(change)) url.searchParams.set(k, v);
      const response = await fetch(url);
      return [response.status, await response.text()] as const;
    };
    expect((await bad({ pre_auth_code: 'preauthcode@@@nope' }))[1]).toContain('pre_auth_code invalid');
    expect((await bad({ component_appid: 'wx00000000000000aa' }))[1]).toContain('component_appid');
    expect((await bad({ redirect_uri: 'ftp://a' }))[1]).toContain('redirect_uri must be http(s)');
    expect((await bad({ auth_type: '9' }))[0]).toBe(400);
    emu.clock.advance(1801);
    expect((await bad({}))[1]).toContain('pre_auth_code expired');
  });

  it('consent through the API: the push now, in the background, or lost', async () => {
    const code = () => emu.openPlatform.consent;
    const first = await code()(await preAuthCode({ access_token: await token() }), 'https://a.example.com/cb', PLUGIN_ONLY.appid);
    expect(first.delivery).toMatchObject({ infoType: 'authorized', status: 200 });
    const lost = await code()(await preAuthCode({ access_token: await token() }), 'https://a.example.com/cb', PLUGIN_ONLY.appid, { push: 'lost' });
    expect(lost.delivery).toMatchObject({ infoType: 'updateauthorized', status: 0 });
    expect(lost.pushFields).toMatchObject({ AuthorizationCode: lost.code, AuthorizerAppid: PLUGIN_ONLY.appid });
  });
});

describe('the authorizer list and details', () => {
  it('lists the accounts authorized now, paged (count at most 500), with their current refresh tokens and auth times', async () => {
    await emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid, { push: false });
    const extra = Array.from({ length: 600 }, (_, i) => ({ appid: `wxf${i.toString(16).padStart(15, '0')}`, nickname: `n${i}`, funcIds: [1, 18] }));
    emu.openPlatform.addAuthorizers(extra, { authorized: true });
    const t = await token();
    const first = await postJson(emu, '/cgi-bin/component/api_get_authorizer_list', { component_appid: component(), offset: 0, count: 500 }, { access_token: t });
    expect(first.total_count).toBe(602);
    const list = first.list as Array<{ authorizer_appid: string; refresh_token: string; auth_time: number }>;
    expect(list).toHaveLength(500);
    expect(list[0]).toEqual({ authorizer_appid: emu.accounts.authorizer.appid, refresh_token: emu.tokens.refreshToken(), auth_time: expect.any(Number) });
    expect(list.find((a) => a.authorizer_appid === HALF_SCREEN_ONLY.appid)?.refresh_token).toBe(emu.openPlatform.refreshToken(HALF_SCREEN_ONLY.appid));
    const second = await postJson(emu, '/cgi-bin/component/api_get_authorizer_list', { component_appid: component(), offset: 500, count: 500 }, { component_access_token: t });
    expect((second.list as unknown[]).length).toBe(102);
    expect(await postJson(emu, '/cgi-bin/component/api_get_authorizer_list', { component_appid: component(), offset: 0, count: 501 }, { access_token: t })).toMatchObject({ errcode: 40097 });
    expect(await postJson(emu, '/cgi-bin/component/api_get_authorizer_list', { component_appid: component(), offset: 0, count: 10 }, { access_token: 'not-a-token-at-all-x' })).toMatchObject({ errcode: 40001 });

    // Revoked (its push lost): no longer listed.
    await emu.openPlatform.revoke(HALF_SCREEN_ONLY.appid, { push: false });
    const after = await postJson(emu, '/cgi-bin/component/api_get_authorizer_list', { component_appid: component(), offset: 0, count: 500 }, { access_token: t });
    expect(after.total_count).toBe(601);
  });

  it('details of an authorized account: names, avatar, principal, granted sets; 61003 for one not authorized', async () => {
    await emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid, { push: false });
    const t = await token();
    const info = await postJson(emu, '/cgi-bin/component/api_get_authorizer_info', { component_appid: component(), authorizer_appid: HALF_SCREEN_ONLY.appid }, { access_token: t });
    expect(info).toMatchObject({
      authorizer_info: { nick_name: HALF_SCREEN_ONLY.nickname, principal_name: '演示科技有限公司', service_type_info: { id: 0 } },
      authorization_info: { authorizer_appid: HALF_SCREEN_ONLY.appid, func_info: [{ funcscope_category: { id: 1 } }, { funcscope_category: { id: 18 } }] },
    });
    expect((info.authorizer_info as { head_img: string }).head_img).toMatch(/^http:\/\/wx\.qlogo\.cn\//);
    expect(await postJson(emu, '/cgi-bin/component/api_get_authorizer_info', { component_appid: component(), authorizer_appid: NEITHER.appid }, { access_token: t })).toMatchObject({ errcode: 61003 });
  });

  it('a renewed refresh token: the old one answers 61023, the list gives the new one', async () => {
    await emu.openPlatform.authorize(PLUGIN_ONLY.appid, { push: false });
    const old = emu.openPlatform.refreshToken(PLUGIN_ONLY.appid);
    const renewed = emu.openPlatform.invalidateRefreshToken(PLUGIN_ONLY.appid);
    const t = await token();
    expect(await postJson(emu, '/cgi-bin/component/api_authorizer_token', { component_appid: component(), authorizer_appid: PLUGIN_ONLY.appid, authorizer_refresh_token: old }, { component_access_token: t })).toMatchObject({ errcode: 61023 });
    const list = await postJson(emu, '/cgi-bin/component/api_get_authorizer_list', { component_appid: component(), offset: 0, count: 10 }, { access_token: t });
    expect((list.list as Array<{ authorizer_appid: string; refresh_token: string }>).find((a) => a.authorizer_appid === PLUGIN_ONLY.appid)?.refresh_token).toBe(renewed);
  });
});

describe('api_start_push_ticket', () => {
  it('answers ok, then pushes a ticket; a wrong secret or appid is refused and pushes nothing; the secret is masked in the call log', async () => {
    const { appid, secret } = emu.accounts.component;
    expect(await postJson(emu, '/cgi-bin/component/api_start_push_ticket', { component_appid: appid, component_secret: 'wrong' })).toMatchObject({ errcode: 61004 });
    expect(await postJson(emu, '/cgi-bin/component/api_start_push_ticket', { component_appid: 'wx00000000000000aa', component_secret: secret })).toMatchObject({ errcode: 40013 });
    await emu.openPlatform.idle();
    expect(pushes).toHaveLength(0);
    expect(await postJson(emu, '/cgi-bin/component/api_start_push_ticket', { component_appid: appid, component_secret: secret })).toEqual({ errcode: 0, errmsg: 'ok' });
    await emu.openPlatform.idle();
    expect(emu.openPlatform.ticketPushRestarts).toBe(1);
    expect(emu.openPlatform.deliveries.at(-1)).toMatchObject({ infoType: 'component_verify_ticket', status: 200 });
    expect(JSON.stringify(emu.calls)).not.toContain(secret);
  });
});
