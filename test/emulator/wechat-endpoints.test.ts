import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { startEmulator, type Emulator, type Fault } from '../../emulator';
import { ownList, postJson, stableToken, wechatUrl } from './helpers/wechat-http';

// get_own_list and /wxa/devplugin on the emulated api.weixin.qq.com, and every https fault mode.

let emu: Emulator;
let token: string;

beforeAll(async () => {
  emu = await startEmulator({ applicantCount: 1500 });
});

afterAll(async () => {
  await emu.close();
});

beforeEach(async () => {
  emu.reset();
  token = await stableToken(emu);
});

describe('get_own_list', () => {
  test('paging at num=1000 covers every record exactly once', async () => {
    expect(emu.data.embedded).toHaveLength(2500);
    const seen: unknown[] = [];
    let pages = 0;
    for (let start = 0; ; start += 1000) {
      const body = await ownList(emu, token, { start, num: 1000 });
      expect(body).toMatchObject({ errcode: 0, errmsg: 'ok', embedded_flag: emu.data.embeddedFlag });
      const items = body.wxa_embedded_list as Array<{ appid: string }>;
      if (items.length === 0) break;
      pages += 1;
      seen.push(...items.map((item) => item.appid));
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(emu.data.embedded.map((item) => item.appid));
    expect(new Set(seen).size).toBe(2500);
  });

  test('defaults: start 0, num 10', async () => {
    const body = await ownList(emu, token);
    expect(body.wxa_embedded_list).toEqual(emu.data.embedded.slice(0, 10));
  });

  test.each([
    ['num=1001', { num: 1001 }],
    ['num=0', { num: 0 }],
    ['num=abc', { num: 'abc' }],
    ['start=-1', { start: -1 }],
    ['start=1.5', { start: '1.5' }],
  ])('%s answers 89409', async (_name, query) => {
    expect((await ownList(emu, token, query)).errcode).toBe(89409);
  });

  test('status arrives as numbers and numeric strings; embedded_flag on some items', async () => {
    const items = (await ownList(emu, token, { num: 12 })).wxa_embedded_list as Array<Record<string, unknown>>;
    expect(items.some((item) => typeof item.status === 'number')).toBe(true);
    expect(items.some((item) => typeof item.status === 'string')).toBe(true);
    expect(items.some((item) => 'embedded_flag' in item)).toBe(true);
    expect(items.some((item) => !('embedded_flag' in item))).toBe(true);
    expect(items.every((item) => typeof item.create_time === 'number')).toBe(true);
  });

  test('a component token is refused for business calls (40001)', async () => {
    const component = await postJson(emu, '/cgi-bin/component/api_component_token', {
      component_appid: emu.accounts.component.appid,
      component_appsecret: emu.accounts.component.secret,
      component_verify_ticket: emu.tokens.verifyTicket(),
    });
    expect((await ownList(emu, String(component.component_access_token))).errcode).toBe(40001);
  });

  test('wrong method answers 43001', async () => {
    const response = await fetch(wechatUrl(emu, '/wxaapi/wxaembedded/get_own_list', { access_token: token }), { method: 'POST', body: '{}' });
    expect(((await response.json()) as { errcode: number }).errcode).toBe(43001);
  });
});

describe('/wxa/devplugin dev_apply_list', () => {
  const devplugin = (body: unknown, accessToken = token) => postJson(emu, '/wxa/devplugin', body, { access_token: accessToken });

  test('the same applicants as the cloud path, snake_case, document example first', async () => {
    const body = await devplugin({ action: 'dev_apply_list', page: 1, num: 10 });
    expect(body.errcode).toBe(0);
    const list = body.apply_list as Array<Record<string, unknown>>;
    expect(list[0]).toEqual({
      appid: 'xxxxxxxxxxxxx',
      status: 1,
      nickname: '名称',
      headimgurl: '**********',
      reason: 'polo has gone',
      apply_url: '*******',
      create_time: '1536305096',
      categories: [{ first: 'IT科技', second: '硬件与设备' }],
    });
  });

  test('the big integer is a bare literal in the body text', async () => {
    const response = await fetch(wechatUrl(emu, '/wxa/devplugin', { access_token: token }), {
      method: 'POST',
      body: JSON.stringify({ action: 'dev_apply_list', page: 1, num: 5 }),
    });
    expect(await response.text()).toContain('"apply_seq":9007199254740993');
  });

  test('paging: page beyond the end is empty; 1500 applicants over 3 pages', async () => {
    const pages = await Promise.all([1, 2, 3, 4].map((page) => devplugin({ action: 'dev_apply_list', page, num: 500 })));
    expect(pages.map((body) => (body.apply_list as unknown[]).length)).toEqual([500, 500, 500, 0]);
  });

  test('parameter errors answer 40097; bad JSON 47001', async () => {
    expect((await devplugin({ action: 'dev_apply_list', page: 0, num: 10 })).errcode).toBe(40097);
    expect((await devplugin({ page: 1, num: 10 })).errcode).toBe(40097);
    const response = await fetch(wechatUrl(emu, '/wxa/devplugin', { access_token: token }), { method: 'POST', body: '{oops' });
    expect(((await response.json()) as { errcode: number }).errcode).toBe(47001);
  });

  test('quota per endpoint name', async () => {
    const limited = await startEmulator({ applicantCount: 3, embeddedCount: 3, dailyQuota: { devplugin: 1 } });
    try {
      const own = await stableToken(limited);
      const call = () => postJson(limited, '/wxa/devplugin', { action: 'dev_apply_list', page: 1, num: 1 }, { access_token: own });
      expect((await call()).errcode).toBe(0);
      expect((await call()).errcode).toBe(45009);
      expect((await ownList(limited, own)).errcode).toBe(0);
    } finally {
      await limited.close();
    }
  });
});

test('an unknown path answers 404 with errcode 40066', async () => {
  const response = await fetch(wechatUrl(emu, '/cgi-bin/nope', { access_token: token }));
  expect(response.status).toBe(404);
  expect(await response.json()).toMatchObject({ errcode: 40066 });
  expect(emu.calls.at(-1)).toMatchObject({ kind: 'https', api: '/cgi-bin/nope' });
});

describe('https faults', () => {
  const path = '/wxaapi/wxaembedded/get_own_list';
  const request = (init: RequestInit = {}) => fetch(wechatUrl(emu, path, { access_token: token }), init);
  const inject = (fault: Fault) => emu.inject({ api: path, ...fault });

  test('errcode: a WeChat error body with HTTP 200', async () => {
    inject({ errcode: 89408 });
    const response = await request();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ errcode: 89408 });
  });

  test('httpStatus 502: an HTML error page', async () => {
    inject({ httpStatus: 502 });
    const response = await request();
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('502 Bad Gateway');
  });

  test('html: HTTP 200 that is not JSON', async () => {
    inject({ html: true });
    const response = await request();
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow();
  });

  test('malformed: JSON content type, invalid JSON text', async () => {
    inject({ malformed: true });
    const response = await request();
    expect(response.headers.get('content-type')).toContain('application/json');
    await expect(response.json()).rejects.toThrow();
  });

  test('truncated: the body ends before Content-Length', async () => {
    inject({ truncated: true });
    await expect(request().then((response) => response.text())).rejects.toThrow();
  });

  test('drop: the socket closes without an answer', async () => {
    inject({ drop: true });
    await expect(request()).rejects.toThrow();
  });

  test('stall: no answer until the client gives up', async () => {
    inject({ stall: true });
    await expect(request({ signal: AbortSignal.timeout(200) })).rejects.toThrow();
  });

  test('latency then a normal answer; every request is recorded', async () => {
    inject({ latencyMs: 30 });
    expect(await (await request()).json()).toMatchObject({ errcode: 0 });
    expect(emu.count({ kind: 'https', api: path })).toBe(1);
  });

  test('bom: the normal answer after a UTF-8 byte-order mark', async () => {
    inject({ bom: true });
    const bytes = Buffer.from(await (await request()).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(JSON.parse(bytes.subarray(3).toString('utf8'))).toMatchObject({ errcode: 0 });
  });

  test('gzip: the normal answer compressed, with Content-Encoding: gzip, although not asked for', async () => {
    inject({ gzip: true });
    const raw = await new Promise<{ encoding?: string; bytes: Buffer }>((resolve, reject) => {
      // node:http, which neither asks for nor undoes compression (fetch would decompress).
      http.get(wechatUrl(emu, path, { access_token: token }), (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], bytes: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    expect(raw.encoding).toBe('gzip');
    expect([...raw.bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(JSON.parse(gunzipSync(raw.bytes).toString('utf8'))).toMatchObject({ errcode: 0 });
  });

  test('body: this JSON value answers instead', async () => {
    inject({ body: { errcode: 0, wxa_embedded_list: [{ appid: 'wx1', constructor: 'kept' }] } });
    expect(await (await request()).json()).toEqual({ errcode: 0, wxa_embedded_list: [{ appid: 'wx1', constructor: 'kept' }] });
  });

  test('a fault that names another kind does not match https', async () => {
    emu.inject({ kind: 'openapi', errcode: 40001 });
    expect(await (await request()).json()).toMatchObject({ errcode: 0 });
  });
});
