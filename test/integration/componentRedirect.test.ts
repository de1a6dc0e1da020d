import { HALF_SCREEN_ONLY, PLUGIN_ONLY } from '../../emulator';
import { signLink } from '../../shared/component/linkSignature';
import { captureOutput } from './helpers/captureOutput';
import { linkParams, PATHS, registryRecord } from './helpers/component';
import { context } from './helpers/harness';
import { usePushHarness } from './helpers/httpAccess';

/**
 * The page WeChat redirects to after a merchant consents, served by componentEvents over the
 * HTTP access service: the signed parameter create_link puts in the redirect is checked before
 * anything else, the code is exchanged by the very function the authorized push uses, and the
 * account is stored once whichever of the push and the redirect arrives first.
 */
// On virtual time (docs/testing.md): a refused code waits for a concurrent push on the
// functions' clock, not in real seconds; links are signed at the functions' time (h.clock).
const { h, eventUrl } = usePushHarness({ embeddedCount: 5, applicantCount: 5, virtualTime: true });

async function createLink(extra: Record<string, unknown> = {}): Promise<{ pcUrl: string; mobileUrl: string }> {
  await h.emu.openPlatform.pushTicket();
  const link = await h.loadFunction('componentAdmin')({ action: 'create_link', redirectUri: eventUrl(), ...extra }, context());
  expect(link.errCode).toBe(0);
  return link as unknown as { pcUrl: string; mobileUrl: string };
}

async function get(url: string): Promise<{ status: number; type: string; body: string; location: string | null }> {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text(), location: response.headers.get('location') };
}

const queryAuthCalls = () => h.emu.count({ api: PATHS.queryAuth });

describe('the authorization redirect page', () => {
  it('follows the PC link through the emulated consent page and back: the account is stored, the page says which, in Chinese and English; the push that follows changes nothing', async () => {
    const { pcUrl } = await createLink();
    // WeChat's page, played by the emulator at the same path.
    const login = await get(pcUrl.replace('https://mp.weixin.qq.com', h.emu.url));
    expect(login.status).toBe(200);
    const consentHref = new RegExp(`href="([^"]+)"[^>]*>[^<]*${HALF_SCREEN_ONLY.appid}`).exec(login.body.replace(/data-testid="[^"]*" data-appid="[^"]*" /g, ''))?.[1];
    expect(consentHref).toBeDefined();
    const consent = await get(`${h.emu.url}${(consentHref as string).replace(/&amp;/g, '&')}`);
    expect(consent.status).toBe(302);
    const location = new URL(consent.location as string);
    expect(`${location.origin}${location.pathname}`).toBe(eventUrl());
    expect(location.searchParams.get('expires_in')).toBe('600');
    expect(location.searchParams.get('auth_code')).toMatch(/^queryauthcode@@@/);
    expect(location.searchParams.get('wxpl_link')).toBeTruthy();

    // The authorized push the consent sent in the background arrives first here (see the race below).
    await h.emu.openPlatform.idle();
    expect(h.emu.openPlatform.deliveries.at(-1)).toMatchObject({ infoType: 'authorized', status: 200, answer: 'success' });
    const page = await get(location.toString());
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.body).toContain(`账号 ${HALF_SCREEN_ONLY.appid} 已授权给本第三方平台`);
    expect(page.body).toContain(`Account ${HALF_SCREEN_ONLY.appid} has now authorized this third-party platform`);
    expect(page.body).toContain('18 (half-screen Mini Programs)');
    expect(page.body).not.toContain(location.searchParams.get('auth_code') as string);
    expect(registryRecord(h, HALF_SCREEN_ONLY.appid)).toMatchObject({ revoked: false, funcIds: [1, 18], refreshToken: h.emu.openPlatform.refreshToken(HALF_SCREEN_ONLY.appid) });
    expect(queryAuthCalls()).toBe(1);
    expect([...h.emu.db.collection('wx_authorizers').keys()]).toEqual([`${h.emu.accounts.component.appid}:${HALF_SCREEN_ONLY.appid}`]);
  });

  it('push and redirect at the same moment: whichever exchanges first stores the account, once; the other ends answered (a refused push is delivered again by WeChat)', async () => {
    const { pcUrl } = await createLink();
    const params = linkParams(pcUrl);
    const consent = await h.emu.openPlatform.consent(params.preAuthCode, params.redirectUri, HALF_SCREEN_ONLY.appid, { push: 'lost' });
    const [page, push] = await Promise.all([get(consent.location), h.emu.openPlatform.push(consent.pushFields, HALF_SCREEN_ONLY.appid)]);
    expect(page.status).toBe(200);
    expect(page.body).toContain(HALF_SCREEN_ONLY.appid);
    // A push that lost the race answers 500 and WeChat delivers it again: then it is a duplicate.
    const settled = push.status === 200 ? push : await h.emu.openPlatform.redeliver(push);
    expect(settled).toMatchObject({ status: 200, answer: 'success' });
    expect([...h.emu.db.collection('wx_authorizers').keys()]).toEqual([`${h.emu.accounts.component.appid}:${HALF_SCREEN_ONLY.appid}`]);
    expect(registryRecord(h, HALF_SCREEN_ONLY.appid)).toMatchObject({ revoked: false, refreshToken: h.emu.openPlatform.refreshToken(HALF_SCREEN_ONLY.appid) });
    expect(queryAuthCalls()).toBeLessThanOrEqual(2);
  });

  it('the mobile link works the same way', async () => {
    const { mobileUrl } = await createLink({ bizAppid: PLUGIN_ONLY.appid });
    const login = await get(mobileUrl.replace('https://open.weixin.qq.com', h.emu.url).replace('#wechat_redirect', ''));
    expect(login.status).toBe(200);
    // biz_appid: only that account is offered.
    expect(login.body).toContain(PLUGIN_ONLY.appid);
    expect(login.body).not.toContain(HALF_SCREEN_ONLY.appid);
  });

  it('push first, then the redirect: answered from the registry with no second exchange', async () => {
    const { pcUrl } = await createLink();
    const params = linkParams(pcUrl);
    const consent = await h.emu.openPlatform.consent(params.preAuthCode, params.redirectUri, HALF_SCREEN_ONLY.appid, { push: 'now' });
    expect(consent.delivery).toMatchObject({ status: 200, answer: 'success' });
    expect(queryAuthCalls()).toBe(1);
    const before = JSON.stringify([...h.emu.db.collection('wx_authorizers').entries()]);
    const page = await get(consent.location);
    expect(page.status).toBe(200);
    expect(page.body).toContain(HALF_SCREEN_ONLY.appid);
    expect(queryAuthCalls()).toBe(1);
    expect(JSON.stringify([...h.emu.db.collection('wx_authorizers').entries()])).toBe(before);
  });

  it('redirect first, then the push: the push finds the code exchanged and stores nothing again', async () => {
    const { pcUrl } = await createLink();
    const params = linkParams(pcUrl);
    const consent = await h.emu.openPlatform.consent(params.preAuthCode, params.redirectUri, HALF_SCREEN_ONLY.appid, { push: 'lost' });
    expect((await get(consent.location)).status).toBe(200);
    expect(queryAuthCalls()).toBe(1);
    const before = JSON.stringify([...h.emu.db.collection('wx_authorizers').entries()]);
    const late = await h.emu.openPlatform.push(consent.pushFields, HALF_SCREEN_ONLY.appid);
    expect(late).toMatchObject({ status: 200, answer: 'success' });
    expect(queryAuthCalls()).toBe(1);
    expect(JSON.stringify([...h.emu.db.collection('wx_authorizers').entries()])).toBe(before);
    // Reloading the page answers the same, from the registry.
    expect((await get(consent.location)).status).toBe(200);
    expect(queryAuthCalls()).toBe(1);
  });

  it('the redirect\'s registry write fails: the page asks for a reload; what the exchange returned is kept, so the reload stores it with no second exchange, and the late push is a duplicate', async () => {
    const { pcUrl } = await createLink();
    const params = linkParams(pcUrl);
    const consent = await h.emu.openPlatform.consent(params.preAuthCode, params.redirectUri, HALF_SCREEN_ONLY.appid, { push: 'lost' });
    h.emu.inject({ kind: 'database', api: ['database.insertDocument', 'database.modifyDocument'], collection: 'wx_authorizers', cloudbaseError: { code: 'DATABASE_REQUEST_FAILED', message: 'write failed' }, times: Infinity });
    const failed = await get(consent.location);
    h.emu.clearFaults();
    expect(failed.status).toBe(503);
    expect(registryRecord(h, HALF_SCREEN_ONLY.appid)).toBeUndefined();
    expect(queryAuthCalls()).toBe(1);
    // The code is spent (WeChat answers 61010 to it now): only the kept answer can store the account.
    const reloaded = await get(consent.location);
    expect(reloaded.status).toBe(200);
    expect(reloaded.body).toContain(`Account ${HALF_SCREEN_ONLY.appid} has now authorized this third-party platform`);
    expect(queryAuthCalls()).toBe(1);
    expect(registryRecord(h, HALF_SCREEN_ONLY.appid)).toMatchObject({ revoked: false, funcIds: [1, 18], refreshToken: h.emu.openPlatform.refreshToken(HALF_SCREEN_ONLY.appid) });
    const before = JSON.stringify([...h.emu.db.collection('wx_authorizers').entries()]);
    expect(await h.emu.openPlatform.push(consent.pushFields, HALF_SCREEN_ONLY.appid)).toMatchObject({ status: 200, answer: 'success' });
    expect(queryAuthCalls()).toBe(1);
    expect(JSON.stringify([...h.emu.db.collection('wx_authorizers').entries()])).toBe(before);
  });

  it('an expired code: a 4xx page that says what to do, and nothing stored', async () => {
    const { pcUrl } = await createLink();
    const params = linkParams(pcUrl);
    const consent = await h.emu.openPlatform.consent(params.preAuthCode, params.redirectUri, HALF_SCREEN_ONLY.appid, { push: 'lost' });
    h.emu.clock.advance(3700); // past the code's life on WeChat's side
    await h.emu.openPlatform.pushTicket(); // the component token outlives this; a fresh ticket anyway
    const page = await get(consent.location);
    expect(page.status).toBe(400);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('授权码已过期、已被使用或格式不正确');
    expect(page.body).toContain('get a new authorization link');
    expect(queryAuthCalls()).toBe(1);
    expect(registryRecord(h, HALF_SCREEN_ONLY.appid)).toBeUndefined();
  });

  it('a code WeChat never issued (validly signed redirect): one refused exchange, a 400 page, nothing stored', async () => {
    const { pcUrl } = await createLink();
    const redirect = new URL(linkParams(pcUrl).redirectUri);
    redirect.searchParams.set('auth_code', 'queryauthcode@@@made-up-code-0123456789');
    redirect.searchParams.set('expires_in', '600');
    const page = await get(redirect.toString());
    expect(page.status).toBe(400);
    expect(queryAuthCalls()).toBe(1);
    expect(h.emu.db.collection('wx_authorizers').size).toBe(0);
  });

  describe('a forged request costs nothing: no database read, no WeChat call', () => {
    const forged = (query: Record<string, string>) => {
      const url = new URL(eventUrl());
      for (const [name, value] of Object.entries({ auth_code: 'queryauthcode@@@whatever-0123456789', expires_in: '600', ...query })) url.searchParams.set(name, value);
      return url.toString();
    };
    const component = () => ({ secret: h.emu.accounts.component.secret, appid: h.emu.accounts.component.appid });

    it.each([
      ['without the signed parameter', () => ({}), 'not reached through an authorization link'],
      ['with a malformed one', () => ({ wxpl_link: 'abc' }), 'not reached through an authorization link'],
      ['with one signed by another secret', () => ({ wxpl_link: signLink('another-secret-0123456789abcdef0', component().appid, h.clock.now()).value }), 'not reached through an authorization link'],
      ['with one for another platform', () => ({ wxpl_link: signLink(component().secret, 'wx00000000000000aa', h.clock.now()).value }), 'not reached through an authorization link'],
      ['with an expired one', () => ({ wxpl_link: signLink(component().secret, component().appid, h.clock.now() - 3 * 3600_000).value }), 'has expired'],
    ])('%s: a 403 page', async (_what, query, says) => {
      const before = h.emu.calls.length;
      const page = await get(forged(query()));
      expect(page.status).toBe(403);
      expect(page.type).toBe('text/html; charset=utf-8');
      expect(page.body).toContain(says);
      expect(page.body).toContain('授权链接无效');
      expect(h.emu.calls.length).toBe(before);
    });

    it('a valid signature with a tampered expiry is forged too', async () => {
      const signed = signLink(component().secret, component().appid, h.clock.now()).value;
      const [expires, nonce, mac] = signed.split('.') as [string, string, string];
      const before = h.emu.calls.length;
      const page = await get(forged({ wxpl_link: `${Number(expires) + 86400}.${nonce}.${mac}` }));
      expect(page.status).toBe(403);
      expect(h.emu.calls.length).toBe(before);
    });
  });

  it('a GET without auth_code is still refused as a push would be (405), and a POST with auth_code is a push', async () => {
    expect((await get(eventUrl())).status).toBe(405);
    const response = await fetch(`${eventUrl()}?auth_code=x`, { method: 'POST', body: '<xml/>' });
    expect(response.status).toBe(400);
    expect(h.emu.count({ kind: 'https' })).toBe(0);
  });

  it('no code, token, refresh token, ticket or secret in the page or the log', async () => {
    const lines: string[] = [];
    h.configure({ ...h.pushVars(), LOG_LEVEL: 'info' });
    const restore = captureOutput(lines);
    let page;
    let consent;
    try {
      const { pcUrl } = await createLink();
      const params = linkParams(pcUrl);
      consent = await h.emu.openPlatform.consent(params.preAuthCode, params.redirectUri, HALF_SCREEN_ONLY.appid, { push: 'lost' });
      page = await get(consent.location);
      await get(consent.location);
    } finally {
      restore();
    }
    expect(page.status).toBe(200);
    const seen = [page.body, ...lines].join('\n');
    const accessToken = h.emu.db.collection('wx_tokens').get(`component:${h.emu.accounts.component.appid}`)?.token as string;
    for (const secret of [consent.code, h.emu.openPlatform.refreshToken(HALF_SCREEN_ONLY.appid), h.emu.tokens.verifyTicket(), h.emu.accounts.component.secret, accessToken]) {
      expect(typeof secret).toBe('string');
      expect(seen.includes(secret)).toBe(false);
    }
    expect(lines.some((line) => line.includes('"redirect"') || line.includes('redirect'))).toBe(true);
  });
});
