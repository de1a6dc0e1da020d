import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, useHarness, type CloudFunctionMain } from './helpers/harness';

const PATH = '/wxaapi/wxaembedded/get_own_list';
const h = useHarness({ embeddedCount: 50, applicantCount: 50 }, (harness) => harness.asCaller('admin'));

async function stableToken(): Promise<string> {
  const response = await fetch(`${h.emu.wechatBaseUrl}/cgi-bin/stable_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credential', appid: h.emu.accounts.app.appid, secret: h.emu.accounts.app.secret }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('token providers', () => {
  it('third party: ticket -> component token -> authorizer token -> list, and the rotated refresh token is saved', async () => {
    h.configure(h.componentVars());
    const main = h.loadFunction('getOwnList');
    const result = await main({ start: 0, num: 10 }, context());
    expect(result).toMatchObject({ errCode: 0, tokenProvider: 'component' });
    expect(h.emu.count({ api: '/cgi-bin/component/api_component_token' })).toBe(1);
    expect(h.emu.count({ api: '/cgi-bin/component/api_authorizer_token' })).toBe(1);
    expect(h.emu.tokens.issued('authorizer')).toBe(1);
    // The emulator rotated the refresh token; the old one now answers 61023. The rotated one is
    // in the authorizer's record, so a brand-new instance, after the token expired, still refreshes.
    const stored = h.emu.db.collection('wx_authorizers').get(`${h.emu.accounts.component.appid}:${h.emu.accounts.authorizer.appid}`);
    expect(stored?.refreshToken).toBe(h.emu.tokens.refreshToken());
    h.emu.clock.advance(8000);
    const later = await h.loadFunction('getOwnList')({ start: 10, num: 10 }, context());
    expect(later).toMatchObject({ errCode: 0 });
    expect(h.emu.tokens.issued('authorizer')).toBe(2);
  });

  it('third party: a stored ticket is used when COMPONENT_VERIFY_TICKET is not set', async () => {
    h.configure({ ...h.componentVars(), COMPONENT_VERIFY_TICKET: undefined });
    h.emu.db.collection('wx_tokens').set(`verify_ticket:${h.emu.accounts.component.appid}`, {
      _id: `verify_ticket:${h.emu.accounts.component.appid}`,
      ticket: h.emu.tokens.verifyTicket(),
    });
    const result = await h.loadFunction('getOwnList')({}, context());
    expect(result.errCode).toBe(0);
  });

  it('third party: an invalid refresh token ends in 61023 with a re-authorize hint', async () => {
    h.configure({ ...h.componentVars(), AUTHORIZER_REFRESH_TOKEN: 'refreshtoken@@@not-the-right-one-000' });
    const result = await h.loadFunction('getOwnList')({}, context());
    expect(result).toMatchObject({ errCode: 61023, error: { name: 'REFRESH_TOKEN_INVALID', retryable: false } });
    expect(result.error.hint.en).toMatch(/re-authorize/i);
    expect(h.emu.count({ api: PATH })).toBe(0);
  });

  it('own account: APPID + APPSECRET -> stable_token -> list', async () => {
    h.configure({ APPID: h.emu.accounts.app.appid, APPSECRET: h.emu.accounts.app.secret });
    const result = await h.loadFunction('getOwnList')({}, context());
    expect(result).toMatchObject({ errCode: 0, tokenProvider: 'stable' });
    expect(h.emu.tokens.issued('stable')).toBe(1);
  });

  it('own account: a wrong secret is 40125, not retried', async () => {
    h.configure({ APPID: h.emu.accounts.app.appid, APPSECRET: '0123456789abcdef0123456789abcdef' });
    const result = await h.loadFunction('getOwnList')({}, context());
    expect(result).toMatchObject({ errCode: 40125, error: { name: 'INVALID_APPSECRET' } });
    expect(h.emu.count({ api: '/cgi-bin/stable_token' })).toBe(1);
  });

  it('fixed token: AUTHORIZER_ACCESS_TOKEN is used as given; a rejection is final and says to set a fresh one', async () => {
    const token = await stableToken();
    h.configure({ AUTHORIZER_ACCESS_TOKEN: token });
    const main = h.loadFunction('getOwnList');
    expect(await main({}, context())).toMatchObject({ errCode: 0, tokenProvider: 'fixed' });
    h.emu.tokens.invalidate(token);
    const failed = await main({}, context());
    expect(failed).toMatchObject({ errCode: 40001 });
    expect(failed.error.detail).toMatch(/set a fresh one/);
    expect(h.emu.count({ api: PATH })).toBe(2);
  });

  describe('central token service', () => {
    let server: Server;
    let url: string;
    let served = 0;
    let forced = 0;
    beforeAll(async () => {
      // A real HTTP token service on loopback that fetches from the emulated stable_token.
      server = createServer((req, res) => {
        void (async () => {
          served += 1;
          if (req.headers.authorization !== 'Bearer service-credential-abc123') {
            res.writeHead(401).end('{"errcode":401}');
            return;
          }
          if (req.url?.includes('force_refresh=1')) forced += 1;
          const access_token = await stableToken();
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token, expires_in: 7200 }));
        })();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('uses the service token, and asks it to force a refresh after a rejection', async () => {
      h.configure({ TOKEN_SERVICE_URL: url, TOKEN_SERVICE_AUTH: 'Bearer service-credential-abc123' });
      const main = h.loadFunction('getOwnList');
      served = 0;
      expect(await main({}, context())).toMatchObject({ errCode: 0, tokenProvider: 'service' });
      expect(await main({}, context())).toMatchObject({ errCode: 0 });
      expect(served).toBe(1);
      h.emu.inject({ api: PATH, errcode: 40001, times: 1 });
      expect(await main({}, context())).toMatchObject({ errCode: 0 });
      expect(forced).toBe(1);
    });

    it('a service that refuses is TOKEN_PROVIDER_FAILED with a clear cause', async () => {
      h.configure({ TOKEN_SERVICE_URL: url, TOKEN_SERVICE_AUTH: 'Bearer wrong-credential-000' });
      const result = await h.loadFunction('getOwnList')({}, context());
      expect(result).toMatchObject({ errCode: -910010, error: { name: 'TOKEN_PROVIDER_FAILED', cause: { httpStatus: 401 } } });
    });
  });
});

describe('console test runs of the cloud path fall back to HTTPS', () => {
  it('-501007 on the cloud path, then POST /wxa/devplugin with the configured token; the envelope says so', async () => {
    h.configure({ APPID: h.emu.accounts.app.appid, APPSECRET: h.emu.accounts.app.secret });
    h.asCaller('console');
    const main: CloudFunctionMain = h.loadFunction('getPluginDevApplyList');
    const result = await main({ action: 'dev_apply_list', page: 1, num: 10 }, context());
    expect(result).toMatchObject({ errCode: 0, via: 'https', fallback: { from: -501007, tokenProvider: 'stable' } });
    expect(result.applicants[0]).toMatchObject({ appid: 'xxxxxxxxxxxxx', createTime: 1536305096, statusLabel: 'pending' });
    expect(h.emu.count({ kind: 'openapi' })).toBe(1);
    expect(h.emu.count({ api: '/wxa/devplugin' })).toBe(1);
  });

  it('-604104 (local debugging) falls back too', async () => {
    h.configure({ APPID: h.emu.accounts.app.appid, APPSECRET: h.emu.accounts.app.secret });
    h.emu.inject({ kind: 'openapi', platformErrorCode: -604104 });
    const result = await h.loadFunction('getPluginDevApplyList')({ page: 2, num: 5 }, context());
    expect(result).toMatchObject({ errCode: 0, via: 'https', fallback: { from: -604104 }, paging: { page: 2, num: 5, returned: 5 } });
  });
});
