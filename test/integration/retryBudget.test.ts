import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, useHarness } from './helpers/harness';

/**
 * One retry budget per invocation and per upstream, shared by every layer
 * (docs/retries-and-deadlines.md): an upstream that keeps failing is asked at most 4 times in one
 * invocation, however deep the call that needs it sits (a token fetch inside an API call inside
 * `all: true` inside `syncLists`). Counted by the emulator, with no timing in the assertions:
 * a hanging upstream is an emulator `stall`, cut by the attempt timer, against a 60 s limit. On
 * virtual time (docs/testing.md): the attempt timers and the backoff between retries end on the
 * functions' clock, so a stall costs no real time and the count never depends on the machine.
 */
const STABLE = '/cgi-bin/stable_token';
const COMPONENT = '/cgi-bin/component/api_component_token';
const AUTHORIZER = '/cgi-bin/component/api_authorizer_token';
const OWN_LIST = '/wxaapi/wxaembedded/get_own_list';
const PLUGIN_LIST = '/wxa/devplugin';
const APPLICATIONS_LIST = '/wxaapi/wxaembedded/get_list';
/** Requests for the three lists syncLists walks per account, all on api.weixin.qq.com. */
const listRequests = () => h.emu.count({ api: OWN_LIST }) + h.emu.count({ api: PLUGIN_LIST }) + h.emu.count({ api: APPLICATIONS_LIST });

const h = useHarness({ embeddedCount: 30, applicantCount: 30, virtualTime: true }, (harness) => harness.asCaller('admin'));

const stableVars = () => ({ APPID: h.emu.accounts.app.appid, APPSECRET: h.emu.accounts.app.secret });

describe.each([
  ['HTTP 502', { httpStatus: 502 }],
  ['a hanging answer', { stall: true }],
])('a token endpoint answering %s is asked at most 4 times per invocation', (_name, fault) => {
  const ATTEMPT = { HTTP_ATTEMPT_TIMEOUT_MS: '100' };

  it.each([
    ['the stable provider', STABLE, () => stableVars()],
    ['the component token', COMPONENT, () => h.componentVars()],
    ['the authorizer token', AUTHORIZER, () => h.componentVars()],
  ])('%s, one page', async (_provider, api, vars) => {
    h.configure({ ...vars(), ...ATTEMPT });
    h.emu.inject({ api, times: Infinity, ...fault });
    const result = await h.loadFunction('getOwnList')({ num: 5 }, context(60_000));
    expect(result.errCode).not.toBe(0);
    expect(result.error.name).toBe('TOKEN_PROVIDER_FAILED');
    expect(h.emu.count({ api })).toBe(4);
    expect(h.emu.count({ api: OWN_LIST })).toBe(0);
  });

  it('the stable provider under `all: true`', async () => {
    h.configure({ ...stableVars(), ...ATTEMPT });
    h.emu.inject({ api: STABLE, times: Infinity, ...fault });
    const result = await h.loadFunction('getOwnList')({ all: true }, context(60_000));
    expect(result.errCode).not.toBe(0);
    expect(h.emu.count({ api: STABLE })).toBe(4);
  });

  it('the authorizer token under syncLists, whose three lists all need it', async () => {
    h.asCaller('timer'); // both lists over HTTPS, each through the authorizer token
    h.configure({ ...h.componentVars(), ...ATTEMPT });
    h.emu.inject({ api: AUTHORIZER, times: Infinity, ...fault });
    const result = await h.loadFunction('syncLists')({}, context(60_000));
    expect(JSON.stringify(result)).toMatch(/TOKEN_PROVIDER_FAILED/);
    expect(h.emu.count({ api: AUTHORIZER })).toBe(4);
    expect(listRequests()).toBe(0);
  });
});

describe("the API's own budget", () => {
  it('an API answering 502 to every page of syncLists is asked at most 4 times in the invocation', async () => {
    h.asCaller('timer');
    h.configure({ ...h.componentVars(), LIST_CONCURRENCY: '1' });
    h.emu.inject({ api: OWN_LIST, times: Infinity, httpStatus: 502 });
    h.emu.inject({ api: PLUGIN_LIST, times: Infinity, httpStatus: 502 });
    h.emu.inject({ api: APPLICATIONS_LIST, times: Infinity, httpStatus: 502 });
    const result = await h.loadFunction('syncLists')({}, context(60_000));
    expect(JSON.stringify(result)).toMatch(/UPSTREAM_HTTP_ERROR/);
    expect(result.lists.filter((l: { complete: boolean }) => !l.complete)).toHaveLength(3);
    expect(listRequests()).toBe(4);
  });

  it('an answer restores the budget: lists that each recover within 3 retries all complete', async () => {
    h.asCaller('timer');
    h.configure({ ...h.componentVars(), LIST_CONCURRENCY: '1' });
    h.emu.inject({ api: OWN_LIST, times: 2, httpStatus: 502 });
    h.emu.inject({ api: PLUGIN_LIST, times: 3, httpStatus: 502 });
    const result = await h.loadFunction('syncLists')({}, context(60_000));
    expect(result.errCode).toBe(0);
    expect(result.lists.every((l: { complete: boolean }) => l.complete)).toBe(true);
    expect(result.lists).toHaveLength(3);
    // 3 and 4 for the lists that failed 2 and 3 times, 1 for the applications list.
    expect(listRequests()).toBe(3 + 4 + 1);
  });

  it('an upstream given up by one list is not asked by the next', async () => {
    h.asCaller('timer');
    h.configure({ ...h.componentVars(), LIST_CONCURRENCY: '1' });
    // Whichever list runs first meets 4 failures in a row; the other two are refused without a request.
    h.emu.inject({ times: 4, httpStatus: 502, api: OWN_LIST });
    h.emu.inject({ times: 4, httpStatus: 502, api: PLUGIN_LIST });
    h.emu.inject({ times: 4, httpStatus: 502, api: APPLICATIONS_LIST });
    const result = await h.loadFunction('syncLists')({}, context(60_000));
    const failed = result.lists.filter((l: { complete: boolean }) => !l.complete);
    expect(failed).toHaveLength(3);
    expect(failed.filter((l: { error: { cause: { detail: string } } }) => /Not sent: the WeChat API/.test(l.error.cause.detail))).toHaveLength(2);
    expect(listRequests()).toBe(4);
  });
});

describe('a token service', () => {
  let service: Server;
  let requests = 0;
  beforeAll(async () => {
    service = createServer((req, res) => {
      requests += 1;
      req.resume();
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => service.close(resolve));
  });

  it('answering 502 is asked 4 times per invocation, under `all: true` too', async () => {
    h.configure({ TOKEN_SERVICE_URL: `http://127.0.0.1:${(service.address() as AddressInfo).port}/token` });
    requests = 0;
    const result = await h.loadFunction('getOwnList')({ all: true }, context(60_000));
    expect(result.error.name).toBe('TOKEN_PROVIDER_FAILED');
    expect(requests).toBe(4);
  });
});
