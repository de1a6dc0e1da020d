import { DOCUMENT_EXAMPLE_APPLICANT, DEFAULT_ENV_ID, startEmulator, type Emulator } from '../../emulator';
import {
  DEMO_ADMIN_OPENID,
  DEMO_USER_OPENID,
  EXECUTE_FAIL,
  RESULT_TOO_LARGE,
  startLocalCloud,
  TIMEOUT,
  type InvokeResult,
  type LocalCloud,
} from '../../localcloud';
import { buildIntoTempDist, fixture, REPO } from './helpers/builtRoot';

// The local CloudBase running the BUILT functions (dist/functions/<name>/index.js) in child
// processes, against the emulator. Timing is never asserted, only what happened.

type Envelope = Record<string, unknown> & { errCode: number; errMsg: string };
interface Probe {
  wxContext: Record<string, unknown>;
  env: Record<string, string | null>;
  event: Record<string, unknown>;
  context: Record<string, unknown>;
  invocations: number;
  pid: number;
}

let emulator: Emulator;
let cloud: LocalCloud;
let built: Awaited<ReturnType<typeof buildIntoTempDist>>;

beforeAll(async () => {
  built = await buildIntoTempDist();
  emulator = await startEmulator({ applicantCount: 60, embeddedCount: 40 });
  cloud = await startLocalCloud({
    emulator,
    root: REPO,
    distDir: built.distDir,
    functions: [fixture('sleepy', 1), fixture('probe', 20, { PROBE_MARK: 'configured' }), fixture('faulty', 20)],
  });
}, 120_000);

afterAll(async () => {
  await cloud?.close();
  await emulator?.close();
  built?.remove();
});

const envelope = (outcome: InvokeResult): Envelope => outcome.result as Envelope;
/** A delivery's sealed parts, to look for. */
const sealedParts = (delivery: { body: string; query: Record<string, string> } | undefined) => ({ body: delivery?.body ?? '?', signature: delivery?.query.msg_signature ?? '?' });
const probe = (outcome: InvokeResult): Probe => outcome.result as Probe;
const upstreamText = (outcome: InvokeResult): string => JSON.stringify(outcome.upstream);

describe('getPluginDevApplyList, built, on the local cloud', () => {
  test('an admin gets the first page over the cloud path', async () => {
    const outcome = await cloud.invoke('getPluginDevApplyList', { action: 'dev_apply_list', page: 1, num: 10 }, { kind: 'admin' });
    expect(outcome.outcome).toBe('returned');
    const result = envelope(outcome);
    expect(result.errCode).toBe(0);
    expect(result.via).toBe('cloud');
    expect(result.fallback).toBeUndefined();
    const applicants = result.applicants as Array<Record<string, unknown>>;
    expect(applicants).toHaveLength(10);
    expect(applicants[0]).toMatchObject({ appid: DOCUMENT_EXAMPLE_APPLICANT.appid, nickname: '名称', reason: 'polo has gone', status: 1 });
    expect(outcome.upstream.map((call) => [call.kind, call.api, call.wxCloudApiToken])).toEqual([
      ['openapi', 'pluginManager.getPluginDevApplyList', true],
    ]);
  });

  test('a Mini Program user who is not an admin is refused before any upstream call', async () => {
    const outcome = await cloud.invoke('getPluginDevApplyList', { page: 1, num: 10 }, { kind: 'user', openid: DEMO_USER_OPENID });
    const result = envelope(outcome);
    expect(result.errCode).toBe(-910002);
    expect((result.error as { hint: unknown }).hint).toEqual({ en: expect.stringContaining('ADMIN_OPENIDS'), zh: expect.stringContaining('ADMIN_OPENIDS') });
    expect(outcome.upstream).toEqual([]);
  });

  test('a console test run has no cloud token: -501007, then HTTPS with the component token', async () => {
    const outcome = await cloud.invoke('getPluginDevApplyList', { action: 'dev_apply_list', page: 1, num: 10 }, { kind: 'console' });
    const result = envelope(outcome);
    expect(result.errCode).toBe(0);
    expect(result.via).toBe('https');
    expect(result.fallback).toMatchObject({ from: -501007, tokenProvider: 'component' });
    expect((result.applicants as unknown[]).length).toBe(10);
    const apis = outcome.upstream.map((call) => call.api);
    expect(outcome.upstream[0]).toMatchObject({ kind: 'openapi', wxCloudApiToken: false });
    expect(apis).toContain('/wxa/devplugin');
  });

  test('a timer falls back to HTTPS unless it was set up from DevTools; DevTools uses the cloud path', async () => {
    const timer = envelope(await cloud.invoke('getPluginDevApplyList', { page: 1, num: 5 }, { kind: 'timer' }));
    expect(timer).toMatchObject({ errCode: 0, via: 'https', fallback: { from: -501007 } });
    const devtoolsTimer = envelope(await cloud.invoke('getPluginDevApplyList', { page: 1, num: 5 }, { kind: 'timer', fromDevtools: true }));
    expect(devtoolsTimer).toMatchObject({ errCode: 0, via: 'cloud' });
    const devtools = envelope(await cloud.invoke('getPluginDevApplyList', { page: 1, num: 5 }, { kind: 'devtools' }));
    expect(devtools).toMatchObject({ errCode: 0, via: 'cloud' });
  });

  test('upstream records never show a credential', async () => {
    const outcome = await cloud.invoke('getPluginDevApplyList', { page: 2, num: 5 }, { kind: 'console' });
    const text = upstreamText(outcome);
    const { app, component, authorizer } = emulator.accounts;
    for (const secret of [app.secret, component.secret, authorizer.refreshToken, emulator.tokens.refreshToken(), emulator.tokens.verifyTicket()]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/\b\d{2}_[A-Za-z0-9_-]{32,}/); // issued access tokens
    const devplugin = outcome.upstream.find((call) => call.api === '/wxa/devplugin');
    expect(devplugin?.query?.access_token).toBe('***');
  });
});

describe('getOwnList, built, on the local cloud', () => {
  test('an admin gets the half-screen authorizations over HTTPS', async () => {
    const outcome = await cloud.invoke('getOwnList', { start: 0, num: 10 }, { kind: 'admin' });
    const result = envelope(outcome);
    expect(result).toMatchObject({ errCode: 0, via: 'https', tokenProvider: 'component' });
    expect((result.authorizations as unknown[]).length).toBe(10);
    expect(outcome.upstream.some((call) => call.api === '/wxaapi/wxaembedded/get_own_list')).toBe(true);
  });

  test('a non-admin Mini Program user is refused with no upstream call', async () => {
    const outcome = await cloud.invoke('getOwnList', { start: 0, num: 10 }, { kind: 'user', openid: 'oSomebodyElse0000000000000x' });
    expect(envelope(outcome).errCode).toBe(-910002);
    expect(outcome.upstream).toEqual([]);
  });
});

describe('the platform around the function', () => {
  test('getWXContext of the unmodified SDK sees the Mini Program caller; the event gets userInfo', async () => {
    const outcome = await cloud.invoke('probe', { hello: 'world' }, { kind: 'admin' });
    const seen = probe(outcome);
    expect(seen.wxContext).toMatchObject({ OPENID: DEMO_ADMIN_OPENID, APPID: emulator.accounts.app.appid, SOURCE: 'wx_client', ENV: DEFAULT_ENV_ID });
    expect(Object.keys(seen.wxContext)).not.toContain('API_TOKEN');
    expect(seen.env.WX_API_TOKEN).toEqual(expect.any(String));
    expect(seen.event).toEqual({ hello: 'world', userInfo: { appId: emulator.accounts.app.appid, openId: DEMO_ADMIN_OPENID } });
    expect(seen.context).toMatchObject({
      request_id: outcome.requestId,
      function_name: 'probe',
      time_limit_in_ms: 20_000,
      memory_limit_in_mb: 128,
      namespace: DEFAULT_ENV_ID,
    });
    expect(seen.context.environ).toEqual(expect.stringContaining('TCB_SOURCE=wx_client'));
    expect(seen.env).toMatchObject({ WECHAT_API_BASE_URL: emulator.wechatBaseUrl, PROBE_MARK: 'configured', ADMIN_OPENIDS: DEMO_ADMIN_OPENID });
    expect(outcome.logs).toContainEqual({ stream: 'stdout', text: expect.stringMatching(/^probe invocation \d+$/) });
  });

  test('a console test run: no context keys, no SOURCE, no token; the event as typed', async () => {
    const seen = probe(await cloud.invoke('probe', { typed: true }, { kind: 'console' }));
    expect(seen.wxContext).toEqual({});
    expect(seen.env).toMatchObject({ WX_CONTEXT_KEYS: null, TCB_SOURCE: null, WX_API_TOKEN: null, WX_OPENID: null });
    expect(seen.event).toEqual({ typed: true });
  });

  test('a timer: SOURCE wx_trigger, TRIGGER_SRC timer, no token', async () => {
    const seen = probe(await cloud.invoke('probe', {}, { kind: 'timer' }));
    expect(seen.wxContext).toEqual({ ENV: DEFAULT_ENV_ID, SOURCE: 'wx_trigger' });
    expect(seen.env).toMatchObject({ TRIGGER_SRC: 'timer', WX_API_TOKEN: null, WX_TRIGGER_API_TOKEN_V0: null });
  });

  test('nothing leaks from one invocation to the next on a warm instance', async () => {
    const first = await cloud.invoke('probe', {}, { kind: 'user', openid: 'oLeakCheckUser00000000000001' });
    const second = await cloud.invoke('probe', {}, { kind: 'console' });
    expect(second.instance).toEqual({ id: first.instance.id, cold: false });
    expect(probe(second).pid).toBe(probe(first).pid);
    expect(probe(second).invocations).toBe(probe(first).invocations + 1); // module state survives
    // What the function put into process.env, and the previous caller's identity, are gone.
    expect(probe(second).env).toMatchObject({ LEFT_BY_PREVIOUS_CALL: null, WX_OPENID: null, WX_API_TOKEN: null });
    expect(probe(second).wxContext).toEqual({});
  });

  test("the developer's shell environment never reaches an instance", async () => {
    process.env.LOCALCLOUD_TEST_SHELL_VAR = 'from the shell';
    try {
      // A fresh instance is forked for the concurrent call below; it must not inherit it either.
      const [a, b] = await Promise.all([cloud.invoke('probe', {}, { kind: 'console' }), cloud.invoke('probe', {}, { kind: 'console' })]);
      expect(probe(a).env.LOCALCLOUD_TEST_SHELL_VAR).toBeNull();
      expect(probe(b).env.LOCALCLOUD_TEST_SHELL_VAR).toBeNull();
    } finally {
      delete process.env.LOCALCLOUD_TEST_SHELL_VAR;
    }
  });

  test('concurrent invocations run on separate instances; idle ones are reused warm', async () => {
    const both = await Promise.all([cloud.invoke('probe', {}, { kind: 'console' }), cloud.invoke('probe', {}, { kind: 'console' })]);
    expect(both[0]?.instance.id).not.toBe(both[1]?.instance.id);
    expect(both[0]?.upstreamShared && both[1]?.upstreamShared).toBe(true);
    const later = await cloud.invoke('probe', {}, { kind: 'console' });
    expect(later.instance.cold).toBe(false);
    expect(both.map((o) => o.instance.id)).toContain(later.instance.id);
  });

  test('the time limit is enforced: the platform answers with a timeout and replaces the instance', async () => {
    const late = await cloud.invoke('sleepy', { sleepMs: 30_000 }, { kind: 'console' });
    expect(late.outcome).toBe('timeout');
    expect(late.result).toMatchObject({ errCode: TIMEOUT, errMsg: expect.stringContaining('timed out after 1 seconds') });
    const next = await cloud.invoke('sleepy', { sleepMs: 0 }, { kind: 'console' });
    expect(next.outcome).toBe('returned');
    expect(next.instance.cold).toBe(true);
    expect(next.instance.id).not.toBe(late.instance.id);
  });

  test('a function that throws, exits or returns over 1 MB gets the platform error', async () => {
    const threw = await cloud.invoke('faulty', { mode: 'throw' }, { kind: 'console' });
    expect(threw.outcome).toBe('error');
    expect(threw.result).toMatchObject({ errCode: EXECUTE_FAIL, errMsg: expect.stringContaining('faulty threw on purpose') });
    const exited = await cloud.invoke('faulty', { mode: 'exit' }, { kind: 'console' });
    expect(exited.outcome).toBe('crashed');
    expect(exited.result).toMatchObject({ errCode: EXECUTE_FAIL });
    const huge = await cloud.invoke('faulty', { mode: 'huge' }, { kind: 'console' });
    expect(huge.result).toMatchObject({ errCode: RESULT_TOO_LARGE });
    const fine = await cloud.invoke('faulty', {}, { kind: 'console' });
    expect(fine).toMatchObject({ outcome: 'returned', result: { errCode: 0 } });
  });

  test('unknown functions and non-object Mini Program events are request errors', async () => {
    await expect(cloud.invoke('nope', {}, { kind: 'admin' })).rejects.toMatchObject({ status: 404 });
    await expect(cloud.invoke('probe', [1, 2], { kind: 'admin' })).rejects.toMatchObject({ status: 400 });
  });
});

describe('the JSON API', () => {
  test('GET /api/functions lists the functions with their example events and the caller kinds', async () => {
    const body = (await (await fetch(`${cloud.url}/api/functions`)).json()) as {
      functions: Array<{ name: string; timeoutSeconds: number; exampleEvent: unknown }>;
      callers: Array<{ kind: string }>;
    };
    expect(body.functions).toContainEqual(expect.objectContaining({ name: 'getPluginDevApplyList', timeoutSeconds: 10, exampleEvent: { action: 'dev_apply_list', page: 1, num: 10 } }));
    expect(body.functions).toContainEqual(expect.objectContaining({ name: 'getOwnList', exampleEvent: { start: 0, num: 10 } }));
    expect(body.callers.map((c) => c.kind)).toEqual(['admin', 'user', 'console', 'timer', 'devtools']);
    // What "default" means in the authorizer picker, and where pushes go.
    expect(body.functions).toContainEqual(expect.objectContaining({ name: 'getOwnList', defaultAuthorizerAppid: emulator.accounts.authorizer.appid, httpPath: null }));
    expect(body.functions).toContainEqual(expect.objectContaining({ name: 'componentEvents', httpPath: '/componentEvents' }));
  });

  test('the page asks nothing of any other host: its CSP allows images from itself only', async () => {
    const csp = (await fetch(`${cloud.url}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("img-src 'self' data:;");
    expect(csp).not.toMatch(/https:/);
  });

  test('POST /api/pushes/test has the open platform push a signed ticket to componentEvents, accepted; GET /api/pushes lists it without its sealed body', async () => {
    for (const method of ['GET', 'PUT']) expect((await fetch(`${cloud.url}/api/pushes/test`, { method })).status).toBe(405);
    const sent = await fetch(`${cloud.url}/api/pushes/test`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(sent.status).toBe(200);
    const { delivery } = (await sent.json()) as { delivery: Record<string, unknown> };
    expect(delivery).toMatchObject({ infoType: 'component_verify_ticket', path: '/componentEvents', status: 200, answer: 'success' });
    const log = (await (await fetch(`${cloud.url}/api/pushes`)).json()) as { deliveries: Array<Record<string, unknown>>; eventPath: string };
    expect(log.eventPath).toBe('/componentEvents');
    expect(log.deliveries[0]).toEqual(delivery);
    // The sealed push (its encrypted body and signatures) is the platform's: the page never gets it.
    const sealed = sealedParts(emulator.openPlatform.deliveries.at(-1));
    expect(JSON.stringify(log)).not.toContain(sealed.body);
    expect(JSON.stringify(log)).not.toContain(sealed.signature);
  });

  test('POST /api/invoke runs a function; only as application/json', async () => {
    const request = { function: 'getOwnList', event: { start: 0, num: 3 }, caller: { kind: 'admin' } };
    const response = await fetch(`${cloud.url}/api/invoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as InvokeResult;
    expect(body.result).toMatchObject({ errCode: 0 });
    const asText = await fetch(`${cloud.url}/api/invoke`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(request) });
    expect(asText.status).toBe(415);
    const badCaller = await fetch(`${cloud.url}/api/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...request, caller: { kind: 'root' } }),
    });
    expect(badCaller.status).toBe(400);
  });

  test('the console\'s actions take only a JSON POST: 405 for another method, 415 for another type, nothing done', async () => {
    for (const api of ['/api/invoke', '/api/sync/step']) {
      expect((await fetch(`${cloud.url}${api}`)).status).toBe(405);
      expect((await fetch(`${cloud.url}${api}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(405);
      expect((await fetch(`${cloud.url}${api}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    }
    const step = await fetch(`${cloud.url}/api/sync/step`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(step.status).toBe(200);
    expect(await step.json()).toHaveProperty('steps');
  });
});

describe('instance pool limits', () => {
  let small: LocalCloud;

  beforeAll(async () => {
    small = await startLocalCloud({
      emulator,
      root: REPO,
    distDir: built.distDir,
      functions: [fixture('probe', 20)],
      replaceFunctions: true,
      maxInstancesPerFunction: 1,
      idleReclaimMs: 50,
    });
  });

  afterAll(async () => {
    await small?.close();
  });

  test('beyond the instance limit, callers wait for the busy instance', async () => {
    const [a, b] = await Promise.all([small.invoke('probe', {}, { kind: 'console' }), small.invoke('probe', {}, { kind: 'console' })]);
    expect(a.instance.id).toBe(b.instance.id);
    expect([a.instance.cold, b.instance.cold].sort()).toEqual([false, true]);
  });

  test('an idle instance is reclaimed: the next call is a cold start', async () => {
    const before = await small.invoke('probe', {}, { kind: 'console' });
    // Timers never fire early: the 50 ms reclaim has run once this longer wait is over.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await small.invoke('probe', {}, { kind: 'console' });
    expect(after.instance.cold).toBe(true);
    expect(after.instance.id).not.toBe(before.instance.id);
  });

  test('only the listed functions are deployed', () => {
    expect(small.functions().map((spec) => spec.name)).toEqual(['probe']);
  });
});
