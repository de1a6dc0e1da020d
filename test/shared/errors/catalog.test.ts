import { createError, LOCAL, toWxError, UPSTREAM, WxError } from '../../../shared/errors';
import { CATALOG, lookup } from '../../../shared/errors/catalog';
import { registerSecret } from '../../../shared/secrets/redact';

// Every code the plugin manager and get_own_list pages declare, the platform codes of the cloud path, and the global token/quota codes.
const DOCUMENTED = [0, -1, 89236, 89237, 89238, 89239, 89240, 89241, 89242, 89243, 89044, 89408, 89409];
const PLATFORM = [-604101, -501007, -604100, -604102, -604103, -604104];
const GLOBAL = [40001, 40014, 42001, 45009];
// The half-screen family, every code (docs/platform/half-screen.md, "Codes 89408–89432": set_authorize, del_authorize,
// add_embedded, del_embedded, get_list).
const HALF_SCREEN_FAMILY = Array.from({ length: 89432 - 89408 + 1 }, (_, i) => 89408 + i);

describe('error catalog', () => {
  it.each([...new Set([...DOCUMENTED, ...PLATFORM, ...GLOBAL, ...HALF_SCREEN_FAMILY])])('has a complete entry for %i', (code) => {
    const entry = CATALOG[code];
    expect(entry).toBeDefined();
    expect(entry?.name).toMatch(/^[A-Z_]+$/);
    expect(entry?.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(entry?.en).toMatch(/[A-Za-z]/);
    expect(['backoff', 'token', 'never']).toContain(entry?.retry);
    const error = createError(code, { apiName: 'pluginManager.getPluginDevApplyList', functionName: 'getPluginDevApplyList' });
    expect(error.body.hint.en.length).toBeGreaterThan(15);
    // Every hint in Chinese as well: the admin app and the console show the admin's language.
    expect(error.body.hint.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(error.body.hint.zh.length).toBeGreaterThan(3);
  });

  it('names every code of the half-screen family differently (no copy-pasted entry)', () => {
    const names = HALF_SCREEN_FAMILY.map((code) => CATALOG[code]?.name);
    expect(new Set(names).size).toBe(HALF_SCREEN_FAMILY.length);
  });

  it('classifies retryability: transient codes back off, token codes refresh, parameters and quota never', () => {
    expect([-1, 89408, -604102, -604103].map((c) => lookup(c).retry)).toEqual(['backoff', 'backoff', 'backoff', 'backoff']);
    expect([40001, 40014, 42001].map((c) => lookup(c).retry)).toEqual(['token', 'token', 'token']);
    expect([89409, 45009, -604101, -501007, 89239].map((c) => lookup(c).retry)).toEqual(['never', 'never', 'never', 'never', 'never']);
  });

  it('tells a developer which line to add to which config.json for -604101, and about the 10-minute refresh', () => {
    const both = createError(-604101, { apiName: 'pluginManager.getPluginDevApplyList', functionName: 'getPluginDevApplyList' }).body.hint;
    const hint = both.en;
    // The Chinese hint names the same API and files.
    expect(both.zh).toContain('"pluginManager.getPluginDevApplyList"');
    expect(both.zh).toContain('dist/functions/getPluginDevApplyList/config.json');
    expect(hint).toContain('"pluginManager.getPluginDevApplyList"');
    expect(hint).toContain('functions.getPluginDevApplyList.permissions.openapi');
    // The file users edit is the top-level config.json; the build writes the function's own.
    expect(hint).toContain('top-level config.json');
    expect(hint).toContain('dist/functions/getPluginDevApplyList/config.json');
    expect(hint).not.toContain('cloudfunctions/');
    // Only a DevTools upload applies permissions.openapi; the CLI does not.
    expect(hint).toContain('WeChat DevTools');
    expect(hint).toMatch(/CLI .*does not apply permissions/);
    expect(hint).toMatch(/10 minutes/);
  });

  it('still builds a well-formed, non-retryable error for an unknown code', () => {
    const body = createError(123456, { upstreamMessage: 'something new' }).body;
    expect(body).toMatchObject({ code: 123456, name: 'UNKNOWN', source: 'wechat', retryable: false, upstreamMessage: 'something new' });
    expect(body.message.zh).toContain('123456');
    expect(body.message.en).toContain('123456');
    expect(createError(-600123).body.source).toBe('platform');
  });

  it('maps what wx-server-sdk throws (CloudSDKError or { errCode, errMsg }) by its code', () => {
    const fromSdk = toWxError({ errCode: -604101, errMsg: 'WX_SYSTEM_ERROR: error code: -604101' }, { apiName: 'x.y', functionName: 'f' });
    expect(fromSdk.code).toBe(-604101);
    expect(fromSdk.body.upstreamMessage).toContain('-604101');
    expect(toWxError(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } })).code).toBe(LOCAL.NETWORK_ERROR);
    expect(toWxError(new Error('boom')).code).toBe(LOCAL.INTERNAL);
    const same = createError(89239);
    expect(toWxError(same)).toBe(same);
  });

  it('redacts credentials when the error is built', () => {
    registerSecret('secret-refresh-token-123456');
    const error = createError(61023, {
      detail: 'refresh with secret-refresh-token-123456 failed',
      upstreamMessage: 'GET /x?access_token=ACCESS_TOKEN_VALUE_9 {"component_appsecret":"abc12345"}',
    });
    const text = JSON.stringify(error.body) + error.message + String(error.stack);
    expect(text).not.toContain('secret-refresh-token-123456');
    expect(text).not.toContain('ACCESS_TOKEN_VALUE_9');
    expect(text).not.toContain('abc12345');
    expect(error).toBeInstanceOf(WxError);
  });
});

describe('codes named in code', () => {
  it('UPSTREAM gives each code the name the catalog gives it', () => {
    for (const [name, code] of Object.entries(UPSTREAM)) expect([code, CATALOG[code]?.name]).toEqual([code, name]);
  });
});
