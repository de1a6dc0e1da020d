import { HALF_SCREEN_ONLY, NEITHER, PLUGIN_ONLY } from '../../emulator';
import { encryptForPush, pushXml, signPush } from '../../emulator/open-platform/message-crypto';
import { context } from './helpers/harness';
import { usePushHarness } from './helpers/httpAccess';

/**
 * A third-party platform acting for whichever account authorized it (docs/third-party.md, "Acting
 * for an account"), over loopback: the emulated open platform pushes encrypted events through an
 * HTTP access service to componentEvents; getOwnList / getPluginDevApplyList then act for whichever
 * account authorized, with no AUTHORIZER_* variables.
 */
const OWN_LIST = '/wxaapi/wxaembedded/get_own_list';
const QUERY_AUTH = '/cgi-bin/component/api_query_auth';
const { h, events } = usePushHarness({ embeddedCount: 60, applicantCount: 60 });

const authorizers = () => h.emu.db.collection('wx_authorizers');
const tokens = () => h.emu.db.collection('wx_tokens');
const snapshot = () => JSON.stringify([[...authorizers().entries()], [...tokens().entries()]]);
const record = (appid: string) => authorizers().get(`${h.emu.accounts.component.appid}:${appid}`);

describe('componentEvents: pushes to the authorization event URL', () => {
  it('ticket push -> stored where the component token fetcher reads it -> the component token is fetched with it', async () => {
    const delivery = await h.emu.openPlatform.pushTicket();
    expect(delivery).toMatchObject({ status: 200, answer: 'success' });
    const stored = tokens().get(`verify_ticket:${h.emu.accounts.component.appid}`);
    expect(stored?.ticket).toBe(h.emu.tokens.verifyTicket());

    // The default authorizer, seeded from the variables; no COMPONENT_VERIFY_TICKET anywhere.
    h.configure({ ...h.pushVars(), AUTHORIZER_APPID: h.emu.accounts.authorizer.appid, AUTHORIZER_REFRESH_TOKEN: h.emu.accounts.authorizer.refreshToken });
    const result = await h.loadFunction('getOwnList')({ num: 5 }, context());
    expect(result).toMatchObject({ errCode: 0, tokenProvider: 'component', authorizerAppid: h.emu.accounts.authorizer.appid });
    const componentCall = h.emu.calls.find((c) => c.api === '/cgi-bin/component/api_component_token');
    expect((componentCall?.params as Record<string, string>).component_verify_ticket).toBe(h.emu.tokens.verifyTicket());
    // The rotated refresh token went back to the registry.
    expect(record(h.emu.accounts.authorizer.appid)?.refreshToken).toBe(h.emu.tokens.refreshToken());
  });

  it('authorization push -> api_query_auth -> getOwnList for that account with no AUTHORIZER_* variables', async () => {
    await h.emu.openPlatform.pushTicket();
    const warnings: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((line: unknown) => void warnings.push(String(line)));
    h.configure({ ...h.pushVars(), LOG_LEVEL: 'info' });
    const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const delivery = await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid);
    spy.mockRestore();
    quiet.mockRestore();
    h.configure(h.pushVars());
    expect(delivery).toMatchObject({ infoType: 'authorized', status: 200, answer: 'success' });
    expect(h.emu.count({ api: QUERY_AUTH })).toBe(1);
    expect(record(HALF_SCREEN_ONLY.appid)).toMatchObject({ funcIds: [1, 18], revoked: false, source: 'push', refreshToken: h.emu.openPlatform.refreshToken(HALF_SCREEN_ONLY.appid) });
    // Set 40 (plugin management) was not granted: said in the log, by number.
    expect(warnings.some((w) => w.includes('permission set not granted') && w.includes('"funcSet":40'))).toBe(true);

    const result = await h.loadFunction('getOwnList')({ num: 5, authorizerAppid: HALF_SCREEN_ONLY.appid }, context());
    expect(result).toMatchObject({ errCode: 0, tokenProvider: 'component', authorizerAppid: HALF_SCREEN_ONLY.appid, paging: { returned: 5 } });
    expect(h.emu.count({ api: OWN_LIST })).toBe(1);
  });

  it('an account without the permission set the call needs gets its own code and no WeChat call', async () => {
    await h.emu.openPlatform.pushTicket();
    await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid);
    await h.emu.openPlatform.authorize(NEITHER.appid);
    const before = h.emu.count({ kind: 'https' });
    const plugins = await h.loadFunction('getPluginDevApplyList')({ page: 1, num: 3, authorizerAppid: HALF_SCREEN_ONLY.appid }, context());
    expect(plugins).toMatchObject({ errCode: -910022, error: { name: 'AUTHORIZER_PERMISSION_MISSING' } });
    expect(plugins.error.detail).toMatch(/permission set 40 \(plugin management\)/);
    const ownList = await h.loadFunction('getOwnList')({ authorizerAppid: NEITHER.appid }, context());
    expect(ownList).toMatchObject({ errCode: -910022 });
    expect(h.emu.count({ kind: 'https' })).toBe(before);
  });

  it('getPluginDevApplyList lists a plugin account\'s applicants over HTTPS when it names it', async () => {
    await h.emu.openPlatform.pushTicket();
    await h.emu.openPlatform.authorize(PLUGIN_ONLY.appid);
    const result = await h.loadFunction('getPluginDevApplyList')({ page: 1, num: 4, authorizerAppid: PLUGIN_ONLY.appid }, context());
    expect(result).toMatchObject({ errCode: 0, via: 'https', authorizerAppid: PLUGIN_ONLY.appid, paging: { returned: 4 } });
    expect(h.emu.count({ kind: 'openapi' })).toBe(0);
  });

  it('revocation -> a clear error, the cached token dropped, no WeChat call', async () => {
    await h.emu.openPlatform.pushTicket();
    await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid);
    const main = h.loadFunction('getOwnList');
    expect(await main({ authorizerAppid: HALF_SCREEN_ONLY.appid }, context())).toMatchObject({ errCode: 0 });
    // The account's token lives in its record, beside its refresh token.
    expect(typeof record(HALF_SCREEN_ONLY.appid)?.accessToken).toBe('string');

    expect(await h.emu.openPlatform.revoke(HALF_SCREEN_ONLY.appid)).toMatchObject({ infoType: 'unauthorized', status: 200, answer: 'success' });
    expect(record(HALF_SCREEN_ONLY.appid)).toMatchObject({ revoked: true, refreshToken: '', accessToken: '' });
    const before = h.emu.count({ kind: 'https' });
    // The same warm instance, whose memory still holds the old token.
    const refused = await main({ authorizerAppid: HALF_SCREEN_ONLY.appid }, context());
    expect(refused).toMatchObject({ errCode: -910021, error: { name: 'AUTHORIZER_REVOKED', retryable: false } });
    expect(h.emu.count({ kind: 'https' })).toBe(before);

    // Authorizing again brings it back.
    expect(await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid)).toMatchObject({ infoType: 'authorized', answer: 'success' });
    expect(await main({ authorizerAppid: HALF_SCREEN_ONLY.appid }, context())).toMatchObject({ errCode: 0 });
  });

  it('an unknown account gets its own code and no WeChat call', async () => {
    const result = await h.loadFunction('getOwnList')({ authorizerAppid: 'wx0123456789abcdef' }, context());
    expect(result).toMatchObject({ errCode: -910020, error: { name: 'AUTHORIZER_UNKNOWN' } });
    expect(h.emu.count({ kind: 'https' })).toBe(0);
  });

  it('a malformed authorizerAppid is refused naming the field; naming one without the component provider is refused too', async () => {
    const bad = await h.loadFunction('getOwnList')({ authorizerAppid: 'WX12' }, context());
    expect(bad).toMatchObject({ errCode: -910001, error: { issues: [{ field: 'authorizerAppid' }] } });
    expect(bad.error.issues[0].expected).toMatch(/"wx" followed by 16 lowercase hex digits/);
    h.configure({ APPID: h.emu.accounts.app.appid, APPSECRET: h.emu.accounts.app.secret });
    const other = await h.loadFunction('getOwnList')({ authorizerAppid: HALF_SCREEN_ONLY.appid }, context());
    expect(other).toMatchObject({ errCode: -910023, error: { name: 'AUTHORIZER_NEEDS_COMPONENT' } });
    expect(h.emu.count({ kind: 'https' })).toBe(0);
  });

  it('the same push delivered twice changes nothing the second time', async () => {
    const ticket = await h.emu.openPlatform.pushTicket();
    const granted = await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid);
    const before = snapshot();
    expect(await h.emu.openPlatform.redeliver(granted)).toMatchObject({ status: 200, answer: 'success' });
    expect(await h.emu.openPlatform.redeliver(ticket)).toMatchObject({ status: 200, answer: 'success' });
    expect(h.emu.count({ api: QUERY_AUTH })).toBe(1); // the code was not exchanged again
    expect(snapshot()).toBe(before);

    const revoked = await h.emu.openPlatform.revoke(HALF_SCREEN_ONLY.appid);
    const afterRevoke = snapshot();
    expect(await h.emu.openPlatform.redeliver(revoked)).toMatchObject({ status: 200, answer: 'success' });
    // A late redelivery of the older authorization does not bring the account back either.
    expect(await h.emu.openPlatform.redeliver(granted)).toMatchObject({ status: 200, answer: 'success' });
    expect(snapshot()).toBe(afterRevoke);
  });

  it('an unknown InfoType is acknowledged and nothing is stored', async () => {
    const delivery = await h.emu.openPlatform.push({ AppId: h.emu.accounts.component.appid, CreateTime: h.emu.clock.now(), InfoType: 'notify_third_fasteregister', Extra: 'x' });
    expect(delivery).toMatchObject({ status: 200, answer: 'success' });
    expect(authorizers().size).toBe(0);
    expect(tokens().size).toBe(0);
  });

  describe('bad pushes: a 4xx with a short reason, nothing stored, no WeChat call', () => {
    const ticketFields = () => ({ AppId: h.emu.accounts.component.appid, CreateTime: h.emu.clock.now(), InfoType: 'component_verify_ticket', ComponentVerifyTicket: h.emu.tokens.pushVerifyTicket() });
    const now = () => String(Math.floor(Date.now() / 1000));

    it.each([
      ['a bad signature', () => {
        const sealed = h.emu.openPlatform.seal(ticketFields());
        return { ...sealed, query: { ...sealed.query, msg_signature: '0'.repeat(40) } };
      }, 401, 'bad signature'],
      ['a signature made with another token', () => {
        const sealed = h.emu.openPlatform.seal(ticketFields());
        const encrypt = /<Encrypt><!\[CDATA\[(.*)\]\]><\/Encrypt>/.exec(sealed.body)?.[1] as string;
        return { ...sealed, query: { ...sealed.query, msg_signature: signPush('AnotherToken123', sealed.query.timestamp as string, sealed.query.nonce as string, encrypt) } };
      }, 401, 'bad signature'],
      ['an undecryptable body (encrypted with another key, correctly signed)', () => {
        const encrypt = encryptForPush('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', h.emu.accounts.component.appid, pushXml(ticketFields()));
        const timestamp = now();
        return { query: { timestamp, nonce: '42', encrypt_type: 'aes', msg_signature: signPush(h.emu.openPlatform.settings.token, timestamp, '42', encrypt) }, body: pushXml({ AppId: h.emu.accounts.component.appid, Encrypt: encrypt }) };
      }, 400, 'undecryptable body'],
      ['another AppId inside the ciphertext', () => {
        const encrypt = encryptForPush(h.emu.openPlatform.settings.encodingAesKey, 'wx00000000000000aa', pushXml(ticketFields()));
        const timestamp = now();
        return { query: { timestamp, nonce: '42', encrypt_type: 'aes', msg_signature: signPush(h.emu.openPlatform.settings.token, timestamp, '42', encrypt) }, body: pushXml({ Encrypt: encrypt }) };
      }, 403, 'wrong AppId'],
      ['a stale timestamp (a replay)', () => h.emu.openPlatform.seal(ticketFields(), String(Math.floor(Date.now() / 1000) - 3600)), 403, 'stale timestamp'],
      ['malformed XML', () => ({ ...h.emu.openPlatform.seal(ticketFields()), body: '<xml><Encrypt>abc</xml>' }), 400, 'malformed XML'],
      ['an XML entity declaration', () => ({ ...h.emu.openPlatform.seal(ticketFields()), body: '<!DOCTYPE xml [<!ENTITY x "y">]><xml><Encrypt>&x;</Encrypt></xml>' }), 400, 'malformed XML'],
      ['no encryption', () => {
        const sealed = h.emu.openPlatform.seal(ticketFields());
        return { ...sealed, query: { ...sealed.query, encrypt_type: 'raw' } };
      }, 400, 'encrypt_type=aes expected'],
    ])('%s', async (_what, make, status, reason) => {
      const delivery = await h.emu.openPlatform.send(make());
      expect(delivery.status).toBe(status);
      expect(delivery.answer).toContain(reason);
      expect(authorizers().size).toBe(0);
      expect(tokens().size).toBe(0);
      expect(h.emu.count({ kind: 'https' })).toBe(0);
    });

    it('a GET', async () => {
      const delivery = await h.emu.openPlatform.send(h.emu.openPlatform.seal(ticketFields()), 'GET');
      expect(delivery).toMatchObject({ status: 405, answer: 'use POST' });
      expect(tokens().size).toBe(0);
    });

    it('a console test run with an ordinary event gets a 400, and a function without its settings a 500', async () => {
      h.asCaller('console');
      expect(await events()({}, context())).toMatchObject({ statusCode: 400, body: 'not an HTTP access event' });
      h.asCaller('admin');
      h.configure({ COMPONENT_APPID: h.emu.accounts.component.appid });
      const delivery = await h.emu.openPlatform.pushTicket();
      expect(delivery.status).toBe(500);
      expect(tokens().size).toBe(0);
    });
  });

  it('two authorizers in parallel keep separate tokens', async () => {
    await h.emu.openPlatform.pushTicket();
    await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid);
    await h.emu.openPlatform.authorize(h.emu.accounts.authorizer.appid);
    const main = h.loadFunction('getOwnList');
    const apps = [HALF_SCREEN_ONLY.appid, h.emu.accounts.authorizer.appid];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => main({ num: 2, authorizerAppid: apps[i % 2] }, context(20_000))));
    expect(results.map((r) => r.errCode)).toEqual(Array(20).fill(0));
    expect(results.map((r) => r.authorizerAppid)).toEqual(Array.from({ length: 20 }, (_, i) => apps[i % 2]));
    // One token per account: the one api_query_auth gave, kept in its record; nothing refreshed.
    expect(h.emu.count({ api: '/cgi-bin/component/api_authorizer_token' })).toBe(0);
    const stored = apps.map((appid) => record(appid)?.accessToken);
    expect(stored.every((t) => typeof t === 'string')).toBe(true);
    expect(stored[0]).not.toBe(stored[1]);
    for (const appid of apps) expect(record(appid)?.refreshToken).toBe(h.emu.openPlatform.refreshToken(appid));
  });

  it('listAuthorizers shows every account, its sets and revocations, and no token', async () => {
    await h.emu.openPlatform.pushTicket();
    await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid);
    await h.emu.openPlatform.authorize(PLUGIN_ONLY.appid);
    await h.emu.openPlatform.revoke(PLUGIN_ONLY.appid);
    h.configure({ COMPONENT_APPID: h.emu.accounts.component.appid });
    const result = await h.loadFunction('listAuthorizers')({}, context());
    expect(result).toMatchObject({
      errCode: 0,
      componentAppid: h.emu.accounts.component.appid,
      total: 2,
      authorizers: [
        { authorizerAppid: HALF_SCREEN_ONLY.appid, funcIds: [1, 18], halfScreen: true, pluginManagement: false, revoked: false, source: 'push' },
        { authorizerAppid: PLUGIN_ONLY.appid, revoked: true },
      ],
    });
    expect(typeof result.authorizers[0].authorizedAt).toBe('number');
    expect(JSON.stringify(result)).not.toMatch(/refreshtoken@@@|refreshToken|token"/i);
    h.asCaller('user');
    expect(await h.loadFunction('listAuthorizers')({}, context())).toMatchObject({ errCode: -910002 });
  });
});
