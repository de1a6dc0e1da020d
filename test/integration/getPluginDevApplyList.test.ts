import { CATALOG } from '../../shared/errors/catalog';
import { context, useHarness, type CloudFunctionMain } from './helpers/harness';

const API = 'pluginManager.getPluginDevApplyList';
let main: CloudFunctionMain;
// On virtual time (docs/testing.md): slow answers and deadlines count on the functions' clock.
const h = useHarness({ virtualTime: true }, (harness) => {
  harness.asCaller('admin');
  harness.configure({});
  main = harness.loadFunction('getPluginDevApplyList');
});

describe('getPluginDevApplyList through the real wx-server-sdk and the emulator', () => {
  it('answers the document request body with the document example applicant, normalized', async () => {
    const result = await main({ action: 'dev_apply_list', page: 1, num: 10 }, context());
    expect(result).toMatchObject({
      errCode: 0,
      errMsg: 'getPluginDevApplyList:ok',
      via: 'cloud',
      paging: { page: 1, num: 10, returned: 10, nextPage: 2 },
    });
    expect(result.applicants[0]).toEqual({
      appid: 'xxxxxxxxxxxxx', status: 1, statusLabel: 'pending', nickname: '名称', headimgurl: '**********',
      reason: 'polo has gone', applyUrl: '*******', createTime: 1536305096, categories: [{ first: 'IT科技', second: '硬件与设备' }],
    });
    expect(h.emu.count({ kind: 'openapi', api: API })).toBe(1);
    const call = h.emu.calls.find((c) => c.kind === 'openapi');
    expect(call?.params).toMatchObject({ action: 'dev_apply_list', page: 1, num: 10 });
  });

  it('fills defaults for a missing action, page and num', async () => {
    const result = await main({}, context());
    expect(result).toMatchObject({ errCode: 0, paging: { page: 1, num: 10, returned: 10 } });
  });

  it('returns every seeded applicant exactly once when walking the pages', async () => {
    const seen: string[] = [];
    let page: number | null = 1;
    while (page !== null) {
      const result = await main({ page, num: 700 }, context());
      expect(result.errCode).toBe(0);
      seen.push(...result.applicants.map((a: { appid: string }) => a.appid));
      page = result.paging.nextPage;
    }
    expect(seen).toHaveLength(h.emu.data.applicants.length);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(h.emu.data.applicants.map((a) => a.appid)));
  });

  it('keeps unknown fields, unknown statuses and big integers through the SDK', async () => {
    const all: Array<Record<string, unknown>> = [];
    for (let page = 1; page <= 3; page++) all.push(...(await main({ page, num: 1000 }, context())).applicants);
    const seeded = h.emu.data.applicants;
    const bigIndex = seeded.findIndex((a) => typeof a.apply_seq === 'bigint');
    expect(bigIndex).toBeGreaterThanOrEqual(0);
    expect(all[bigIndex]?.applySeq).toBe(String(seeded[bigIndex]?.apply_seq));
    const unknownStatus = all.filter((a) => a.statusLabel === 'unknown');
    expect(unknownStatus.length).toBeGreaterThan(0);
    for (const a of unknownStatus) expect([1, 2, 3, 4]).not.toContain(a.status);
    const extraKeys = new Set(all.flatMap((a) => Object.keys(a)));
    expect(extraKeys).toContain('applySource');
    const labels = new Set(all.map((a) => a.statusLabel));
    expect(labels).toEqual(new Set(['pending', 'approved', 'rejected', 'expired', 'unknown']));
  });

  describe('bad events make no upstream call', () => {
    it.each([
      [{ page: 0 }, 'page'],
      [{ page: -1 }, 'page'],
      [{ num: 0 }, 'num'],
      [{ num: 100000 }, 'num'],
      [{ page: '1' }, 'page'],
      [{ num: [10] }, 'num'],
      [{ action: 'dev_delete' }, 'action'],
      [JSON.parse('{"__proto__":{"x":1}}'), '__proto__'],
      [[{ page: 1 }], 'event'],
      ['{"page":1}', 'event'],
      [null, 'event'],
    ])('%j -> INVALID_EVENT naming %s', async (event, field) => {
      const result = await main(event, context());
      expect(result.errCode).toBe(-910001);
      expect(result.errMsg).toMatch(/^getPluginDevApplyList:fail /);
      expect(result.error.issues[0].field).toBe(field);
      expect(result.error.message.zh).toBeTruthy();
      expect(h.emu.calls).toHaveLength(0);
    });
  });

  it('refuses a Mini Program user who is not an admin, with no upstream call', async () => {
    h.asCaller('user', 'oNotAnAdmin');
    const result = await main({ page: 1, num: 10 }, context());
    expect(result.errCode).toBe(-910002);
    expect(result.error.name).toBe('CALLER_NOT_ALLOWED');
    expect(result.error.hint.en).toContain('ADMIN_OPENIDS');
    expect(h.emu.calls).toHaveLength(0);
  });

  describe('each catalog code injected upstream comes back as its structured envelope', () => {
    const wechatCodes = [89236, 89237, 89238, 89239, 89240, 89241, 89242, 89243, 89044, 89409, 45009, 40001];
    it.each(wechatCodes)('errcode %i', async (code) => {
      h.emu.inject({ kind: 'openapi', api: API, errcode: code, errmsg: `emulated ${code}`, times: Infinity });
      const result = await main({ page: 1, num: 10 }, context());
      const entry = CATALOG[code];
      expect(result).toMatchObject({ errCode: code, error: { code, name: entry?.name, message: { zh: entry?.zh, en: entry?.en }, retryable: entry?.retry !== 'never' } });
      expect(result.error.hint.en.length).toBeGreaterThan(10);
      expect(result.error.upstreamMessage).toContain(`emulated ${code}`);
      expect(h.emu.count({ kind: 'openapi' })).toBe(1);
    });

    it.each([-604101, -604100, -604104])('platform errorCode %i (not retried)', async (code) => {
      h.emu.inject({ kind: 'openapi', api: API, platformErrorCode: code, times: Infinity });
      const result = await main({ page: 1, num: 10 }, context());
      expect(result).toMatchObject({ errCode: code, error: { code, name: CATALOG[code]?.name, retryable: false, source: 'platform' } });
      expect(h.emu.count({ kind: 'openapi' })).toBe(1);
    });

    it('-604101 names the config.json line to add and the 10-minute refresh', async () => {
      h.emu.inject({ kind: 'openapi', api: API, platformErrorCode: -604101 });
      const result = await main({ page: 1, num: 10 }, context());
      expect(result.error.hint.en).toContain('"pluginManager.getPluginDevApplyList"');
      expect(result.error.hint.en).toContain('dist/functions/getPluginDevApplyList/config.json');
      expect(result.error.hint.en).toContain('10 minutes');
    });

    it.each([-1, -604102, -604103])('transient %i is retried with backoff and then answers', async (code) => {
      const fault = code === -1 ? { errcode: -1, errmsg: 'system error' } : { platformErrorCode: code };
      h.emu.inject({ kind: 'openapi', api: API, times: 2, ...fault });
      const result = await main({ page: 1, num: 10 }, context());
      expect(result.errCode).toBe(0);
      expect(h.emu.count({ kind: 'openapi' })).toBe(3);
    });

    it('a transient code that persists ends as that code, retryable, after bounded attempts', async () => {
      h.emu.inject({ kind: 'openapi', api: API, errcode: -1, errmsg: 'system error', times: Infinity });
      const result = await main({ page: 1, num: 10 }, context());
      expect(result).toMatchObject({ errCode: -1, error: { name: 'SYSTEM_BUSY', retryable: true } });
      expect(h.emu.count({ kind: 'openapi' })).toBe(4);
    });

    it('-501007 from a caller without wxCloudApiToken, with no HTTPS provider, explains what to configure', async () => {
      h.asCaller('timer');
      const result = await main({ page: 1, num: 10 }, context());
      expect(result).toMatchObject({ errCode: -501007, error: { name: 'MISSING_WX_CLOUD_API_TOKEN', retryable: false } });
      expect(result.error.detail).toMatch(/AUTHORIZER_ACCESS_TOKEN/);
      expect(h.emu.count({ kind: 'openapi' })).toBe(1);
      expect(h.emu.count({ kind: 'https' })).toBe(0);
    });
  });

  describe('faults on the wire end in clean envelopes', () => {
    it('a malformed reply body', async () => {
      h.emu.inject({ kind: 'openapi', api: API, malformed: true, times: Infinity });
      const result = await main({ page: 1, num: 10 }, context());
      expect(result.errCode).not.toBe(0);
      expect(result.error).toMatchObject({ code: expect.any(Number), message: { zh: expect.any(String), en: expect.any(String) }, hint: { zh: expect.any(String), en: expect.any(String) } });
    });

    it('a dropped connection is retried, then answers', async () => {
      h.emu.inject({ kind: 'openapi', api: API, drop: true, times: 1 });
      const result = await main({ page: 1, num: 10 }, context());
      expect(result.errCode).toBe(0);
      expect(h.emu.count({ kind: 'openapi' })).toBe(2);
    });

    it('latency beyond the time limit returns DEADLINE_EXCEEDED before the limit', async () => {
      h.emu.inject({ kind: 'openapi', api: API, latencyMs: 8000, times: Infinity });
      const started = h.clock.now();
      const result = await main({ page: 1, num: 10 }, context(3000));
      expect(h.clock.now() - started).toBeLessThan(3000);
      expect(result).toMatchObject({ errCode: -910008, error: { name: 'DEADLINE_EXCEEDED' } });
    });
  });
});
