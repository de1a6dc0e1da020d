import { context, useHarness } from './helpers/harness';

const PATH = '/wxaapi/wxaembedded/get_own_list';
// On virtual time (docs/testing.md): attempt timeouts, backoffs and slow answers count on the
// functions' clock, so "before the deadline" holds however busy the machine is.
const h = useHarness({ embeddedCount: 40, applicantCount: 20, virtualTime: true }, (harness) => {
  harness.asCaller('admin');
  harness.configure({ ...harness.componentVars(), HTTP_ATTEMPT_TIMEOUT_MS: '800' });
});

/** Every fault answers once, then the emulator answers normally: the retry must recover. */
describe.each([
  ['system busy (-1)', { errcode: -1, errmsg: 'system error' }],
  ['half-screen system error (89408)', { errcode: 89408, errmsg: 'system error' }],
  ['HTTP 502 with an HTML page', { httpStatus: 502 }],
  ['HTTP 200 with an HTML page', { html: true }],
  ['malformed JSON', { malformed: true }],
  ['a truncated answer', { truncated: true }],
  ['a dropped connection', { drop: true }],
  ['a stalled answer (attempt timeout)', { stall: true }],
  ['a slow answer (attempt timeout)', { latencyMs: 1500 }],
])('transient fault: %s', (_name, fault) => {
  it('is retried and recovers', async () => {
    const main = h.loadFunction('getOwnList');
    h.emu.inject({ api: PATH, times: 1, ...fault });
    const result = await main({ num: 5 }, context());
    expect(result).toMatchObject({ errCode: 0, paging: { returned: 5 } });
    expect(h.emu.count({ api: PATH })).toBe(2);
  });

  it('ends in a clean, structured envelope before the deadline when it persists', async () => {
    const main = h.loadFunction('getOwnList');
    expect((await main({ num: 1 }, context())).errCode).toBe(0); // warm the token first
    h.emu.inject({ api: PATH, times: Infinity, ...fault });
    const started = h.clock.now();
    const result = await main({ num: 5 }, context(3000));
    expect(h.clock.now() - started).toBeLessThan(3000);
    expect(result.errCode).not.toBe(0);
    expect(result.errMsg).toMatch(/^getOwnList:fail /);
    expect(result.error).toMatchObject({ code: result.errCode, message: { zh: expect.any(String), en: expect.any(String) }, hint: { zh: expect.any(String), en: expect.any(String) } });
    expect(typeof result.error.retryable).toBe('boolean');
  });
});

describe('faults that must not be retried', () => {
  it.each([89409, 45009])('errcode %i is answered once', async (code) => {
    const main = h.loadFunction('getOwnList');
    h.emu.inject({ api: PATH, errcode: code, times: Infinity });
    const result = await main({}, context());
    expect(result).toMatchObject({ errCode: code, error: { retryable: false } });
    expect(h.emu.count({ api: PATH })).toBe(1);
  });

  it('a persistent HTML page is reported as not JSON, described by kind and size (never echoed), not a crash', async () => {
    const main = h.loadFunction('getOwnList');
    h.emu.inject({ api: PATH, html: true, times: Infinity });
    const result = await main({}, context());
    expect(result).toMatchObject({ errCode: -910004, error: { name: 'UPSTREAM_NOT_JSON' } });
    expect(result.error.detail).toMatch(/^Not JSON from \/wxaapi\/wxaembedded\/get_own_list: an HTML page of \d+ bytes\.$/);
  });

  it('an HTTP 502 that persists carries the status', async () => {
    const main = h.loadFunction('getOwnList');
    h.emu.inject({ api: PATH, httpStatus: 502, times: Infinity });
    const result = await main({}, context());
    expect(result).toMatchObject({ errCode: -910005, error: { httpStatus: 502, retryable: true } });
  });

  it('a gzip body the client never asked for is answered once, described without its bytes', async () => {
    const main = h.loadFunction('getOwnList');
    h.emu.inject({ api: PATH, gzip: true, times: Infinity });
    const result = await main({}, context());
    expect(result).toMatchObject({ errCode: -910015, error: { name: 'UPSTREAM_UNREADABLE_BODY', retryable: false } });
    expect(result.error.detail).toMatch(/gzip-encoded body of \d+ bytes/);
    expect(JSON.stringify(result)).not.toMatch(/[\u0000-\u0008\u000e-\u001f\ufffd]/);
    expect(h.emu.count({ api: PATH })).toBe(1);
  });

  it('a token endpoint answering gzip unasked is not retried either', async () => {
    const main = h.loadFunction('getOwnList');
    h.emu.inject({ api: '/cgi-bin/component/api_component_token', gzip: true, times: Infinity });
    const result = await main({}, context());
    expect(JSON.stringify(result)).toMatch(/UPSTREAM_UNREADABLE_BODY/);
    expect(h.emu.count({ api: '/cgi-bin/component/api_component_token' })).toBe(1);
  });
});

describe('a UTF-8 byte-order mark before valid JSON', () => {
  it.each([
    ['the list', PATH],
    ['the component token', '/cgi-bin/component/api_component_token'],
    ['the authorizer token', '/cgi-bin/component/api_authorizer_token'],
  ])('is stripped from %s: read at once, not refused as "not JSON" nor retried', async (_name, api) => {
    const main = h.loadFunction('getOwnList');
    h.emu.inject({ api, bom: true, times: Infinity });
    const result = await main({ num: 5 }, context());
    expect(result).toMatchObject({ errCode: 0, paging: { returned: 5 } });
    expect(h.emu.count({ api })).toBe(1);
  });
});
