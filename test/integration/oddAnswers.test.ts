import { context, useHarness } from './helpers/harness';

/**
 * Answers that are JSON but odd (docs/retries-and-deadlines.md): an errcode that is neither 0 nor
 * a code, nesting far past anything WeChat sends. Each is a named error, asked once, never taken
 * for success and never a crash.
 */
const OWN_LIST = '/wxaapi/wxaembedded/get_own_list';
const h = useHarness({ embeddedCount: 20, applicantCount: 20 }, (harness) => {
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
