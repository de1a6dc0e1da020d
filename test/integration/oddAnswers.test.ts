import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, useHarness } from './helpers/harness';

/**
 * Answers that are JSON but odd (docs/retries-and-deadlines.md): an errcode that is neither 0 nor
 * a code, nesting far past anything WeChat sends. Each is a named error, asked once, never taken
 * for success and never a crash. On virtual time (docs/testing.md): "asked once" counts requests,
 * and no attempt timer of a busy machine may add a retry to the count.
 */
const OWN_LIST = '/wxaapi/wxaembedded/get_own_list';
const h = useHarness({ embeddedCount: 20, applicantCount: 20, virtualTime: true }, (harness) => {
  harness.asCaller('admin');
  harness.configure(harness.componentVars());
});

describe('an errcode that is neither 0 nor a code', () => {
  it.each([
    ['null', null],
    ['an empty string', ''],
    ['false', false],
    ['an empty array', []],
    ['the string "0"', '0'],
  ])('%s is UPSTREAM_INVALID_BODY naming errcode, not an empty success', async (_name, errcode) => {
    h.emu.inject({ api: OWN_LIST, times: Infinity, body: { errcode, errmsg: 'OK' } });
    const result = await h.loadFunction('getOwnList')({}, context());
    expect(result).toMatchObject({ errCode: -910003, error: { name: 'UPSTREAM_INVALID_BODY', retryable: false, upstreamMessage: 'OK' } });
    expect(result.error.issues).toEqual([expect.objectContaining({ field: 'errcode', expected: expect.stringContaining('the number 0') })]);
    expect(result.errMsg).toMatch(/^getOwnList:fail -910003 /);
    expect(h.emu.count({ api: OWN_LIST })).toBe(1);
  });

  it('a numeric string code is that code', async () => {
    h.emu.inject({ api: OWN_LIST, times: Infinity, body: { errcode: '89409', errmsg: 'invalid args' } });
    const result = await h.loadFunction('getOwnList')({}, context());
    expect(result).toMatchObject({ errCode: 89409, error: { name: 'EMBEDDED_LIST_PARAM_ERROR' } });
  });

  it('the number 0 with the list is success, and no errcode with the list too', async () => {
    const list = h.emu.data.embedded.slice(0, 2);
    h.emu.inject({ api: OWN_LIST, body: { errcode: 0, errmsg: 'ok', wxa_embedded_list: list, embedded_flag: 1 } });
    expect(await h.loadFunction('getOwnList')({}, context())).toMatchObject({ errCode: 0, paging: { returned: 2 } });
    h.emu.inject({ api: OWN_LIST, body: { wxa_embedded_list: list, embedded_flag: 1 } });
    expect(await h.loadFunction('getOwnList')({}, context())).toMatchObject({ errCode: 0, paging: { returned: 2 } });
  });
});

describe('on the cloud path', () => {
  // wx-server-sdk throws a truthy errcode as its error's errCode, and drops a falsy one before we
  // see the answer (docs/retries-and-deadlines.md, "What counts as success").
  it.each([
    ['an array', [1], 'UPSTREAM_INVALID_BODY'],
    ['a word', 'busy', 'UPSTREAM_INVALID_BODY'],
    ['a numeric string', '89239', 'PLUGIN_NOT_EXIST'],
  ])('an errcode that is %s is a named error, not INTERNAL', async (_name, errcode, name) => {
    h.configure({});
    h.emu.inject({ kind: 'openapi', times: Infinity, body: { errcode, errmsg: 'odd' } });
    const result = await h.loadFunction('getPluginDevApplyList')({ page: 1, num: 5 }, context());
    expect(result.error).toMatchObject({ name, retryable: false });
    expect(h.emu.count({ kind: 'openapi' })).toBe(1);
  });
});

describe('a token answer with an unusable expires_in', () => {
  const STABLE = '/cgi-bin/stable_token';
  const stableVars = () => ({ APPID: h.emu.accounts.app.appid, APPSECRET: h.emu.accounts.app.secret });

  it.each([['a word', 'abc'], ['zero', 0], ['a negative number', -5], ['an object', { s: 1 }]])(
    'from the stable endpoint (%s) is a bad answer named by its field, fetched once per call',
    async (_name, expiresIn) => {
      h.configure(stableVars());
      h.emu.inject({ api: STABLE, times: Infinity, body: { access_token: 'stable-token-with-odd-life-0001', expires_in: expiresIn } });
      const main = h.loadFunction('getOwnList');
      const result = await main({}, context(60_000));
      expect(result.error).toMatchObject({ name: 'TOKEN_PROVIDER_FAILED', retryable: false, cause: { name: 'UPSTREAM_INVALID_BODY' } });
      expect(result.error.cause.issues).toEqual([expect.objectContaining({ field: 'expires_in' })]);
      expect(h.emu.count({ api: STABLE })).toBe(1);
      expect(JSON.stringify(result)).not.toContain('stable-token-with-odd-life-0001');
    },
  );
});

describe('a token service answering expires_in "abc"', () => {
  let service: Server;
  let requests = 0;
  beforeAll(async () => {
    service = createServer((req, res) => {
      requests += 1;
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'svc-token-odd-life-0002', expires_in: 'abc' }));
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => service.close(resolve));
  });

  it('is a bad answer, reported once per call, not a token refetched on every call', async () => {
    h.configure({ TOKEN_SERVICE_URL: `http://127.0.0.1:${(service.address() as AddressInfo).port}/token` });
    requests = 0;
    const main = h.loadFunction('getOwnList');
    for (let call = 1; call <= 2; call++) {
      const result = await main({}, context(60_000));
      expect(result.error).toMatchObject({ name: 'TOKEN_PROVIDER_FAILED', retryable: false });
      expect(result.error.cause.issues).toEqual([expect.objectContaining({ field: 'expires_in', received: '"abc" (string)' })]);
      expect(requests).toBe(call);
    }
  });
});

describe("the database's generic failure", () => {
  it('is named DATABASE_REQUEST_FAILED, not UNKNOWN, with the database\'s message and a hint', async () => {
    h.configure(h.componentVars());
    h.emu.inject({ kind: 'database', times: Infinity, cloudbaseError: { code: 'DATABASE_REQUEST_FAILED', message: '[FailedOperation] write conflict' } });
    const result = await h.loadFunction('syncLists')({}, context(20_000));
    expect(result).toMatchObject({ errCode: -502001, error: { name: 'DATABASE_REQUEST_FAILED', source: 'platform', retryable: false } });
    expect(result.error.upstreamMessage).toContain('write conflict');
    expect(result.error.hint.en).toMatch(/E11000/);
  });
});

describe('data merely named like a credential', () => {
  it('is kept: `?token=` in a CDN headimg and "token=" in a reason come back intact', async () => {
    const item = {
      ...h.emu.data.embedded[0],
      headimg: 'https://wx.qlogo.cn/mmhead/Q3auHgzwzM4fNAPX0/0?token=cdnT0ken123&access_token=cdnAccess456',
      reason: 'please resend token=abc12345 to the admin',
    };
    h.emu.inject({ api: OWN_LIST, body: { errcode: 0, errmsg: 'ok', embedded_flag: 1, wxa_embedded_list: [item] } });
    const result = await h.loadFunction('getOwnList')({}, context());
    expect(result.errCode).toBe(0);
    expect(result.authorizations[0]).toMatchObject({ headimg: item.headimg, reason: item.reason });
  });

  it("while a token of ours in such a field is still masked, and one in the API's own URL too", async () => {
    const main = h.loadFunction('getOwnList');
    expect((await main({ num: 1 }, context())).errCode).toBe(0); // a token is fetched, hence known
    const token = [...h.emu.db.collection('wx_tokens').values()].map((d) => d.token).find((t) => typeof t === 'string' && t.length > 20) as string;
    const item = { ...h.emu.data.embedded[0], headimg: `https://wx.qlogo.cn/mmhead/x/0?token=${token}`, reason: `https://api.weixin.qq.com/cgi-bin/x?access_token=unseen-value-0007` };
    h.emu.inject({ api: OWN_LIST, body: { errcode: 0, errmsg: 'ok', embedded_flag: 1, wxa_embedded_list: [item] } });
    const result = await main({}, context());
    expect(result.authorizations[0].headimg).toBe('https://wx.qlogo.cn/mmhead/x/0?token=***');
    expect(result.authorizations[0].reason).toBe('https://api.weixin.qq.com/cgi-bin/x?access_token=***');
  });
});
