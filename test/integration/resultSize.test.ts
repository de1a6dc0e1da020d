import { context, useHarness } from './helpers/harness';

/**
 * The platform refuses a function result over 1 MB (-604001, docs/platform/limits.md, "The
 * result: at most 1 MB"). A 1000-item page with 2 KB reasons is about 2.1 MB: the envelope must
 * never exceed the limit (docs/errors.md, "What always holds").
 */
const PATH = '/wxaapi/wxaembedded/get_own_list';
const LIMIT = 1_000_000;
const h = useHarness({ embeddedCount: 1000, applicantCount: 20 }, (harness) => {
  harness.asCaller('admin');
  harness.configure(harness.componentVars());
});

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
// 700 CJK characters: 2.1 KB of UTF-8 per reason (3 bytes each), 700 UTF-16 units.
const longReason = (i: number) => `${i}:${'长'.repeat(700)}`;

function longEmbeddedBody(offset: number): Record<string, unknown> {
  return {
    errcode: 0,
    errmsg: 'ok',
    embedded_flag: 1,
    wxa_embedded_list: h.emu.data.embedded.slice(offset, offset + 1000).map((item, i) => ({ ...item, reason: longReason(offset + i) })),
  };
}

describe('getOwnList: a page too large for one result is shortened, and paging says where to continue', () => {
  it('returns the longest leading part that fits, under 1 MB, with returned and nextStart consistent', async () => {
    const main = h.loadFunction('getOwnList');
    h.emu.inject({ api: PATH, body: longEmbeddedBody(0), times: 1 });
    expect(bytesOf(longEmbeddedBody(0))).toBeGreaterThan(2_000_000);
    const result = await main({ start: 0, num: 1000 }, context());
    expect(result.errCode).toBe(0);
    expect(bytesOf(result)).toBeLessThan(LIMIT);
    const { returned } = result.paging;
    expect(returned).toBeGreaterThan(300);
    expect(returned).toBeLessThan(1000);
    expect(result.paging).toEqual({ start: 0, num: 1000, returned, nextStart: returned });
    expect(result.authorizations).toHaveLength(returned);
    expect(result.authorizations.map((a: { reason: string }) => a.reason)).toEqual(Array.from({ length: returned }, (_, i) => longReason(i)));
    // Nearly all of the budget is used: one more item would not have fitted.
    expect(bytesOf(result) + 2200).toBeGreaterThan(LIMIT - 24_000);
  });

  it('a caller following nextStart gets every item exactly once', async () => {
    const main = h.loadFunction('getOwnList');
    const seen: string[] = [];
    let start: number | null = 0;
    while (start !== null && seen.length < 1000) {
      h.emu.inject({ api: PATH, body: longEmbeddedBody(start), times: 1 });
      const page = await main({ start, num: 1000 }, context());
      expect(page.errCode).toBe(0);
      expect(bytesOf(page)).toBeLessThan(LIMIT);
      seen.push(...page.authorizations.map((a: { appid: string }) => a.appid));
      start = page.paging.nextStart;
    }
    expect(seen).toEqual(h.emu.data.embedded.map((item) => item.appid));
  });

  it('an ordinary page is returned whole and untouched', async () => {
    const result = await h.loadFunction('getOwnList')({ start: 0, num: 1000 }, context());
    expect(result).toMatchObject({ errCode: 0, paging: { start: 0, num: 1000, returned: 1000, nextStart: 1000 } });
  });
});

describe('getPluginDevApplyList: a page too large is a clear error saying which num fits', () => {
  const applicants = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      appid: `wx${String(i).padStart(16, '0')}`,
      status: 1,
      nickname: `applicant ${i}`,
      headimgurl: 'https://wx.qlogo.cn/mmhead/x/0',
      reason: longReason(i),
      apply_url: 'https://example.com/apply',
      create_time: '1536305096',
      categories: [{ first: 'IT科技', second: '硬件与设备' }],
    }));

  it('refuses the 2 MB page with RESULT_WOULD_EXCEED_LIMIT naming num; that num then fits', async () => {
    const main = h.loadFunction('getPluginDevApplyList');
    h.emu.inject({ kind: 'openapi', body: { errcode: 0, errmsg: 'ok', apply_list: applicants(1000) }, times: 1 });
    const refused = await main({ page: 1, num: 1000 }, context());
    expect(refused).toMatchObject({ errCode: -910014, error: { name: 'RESULT_WOULD_EXCEED_LIMIT', retryable: false, issues: [{ field: 'num' }] } });
    expect(bytesOf(refused)).toBeLessThan(10_000);
    const fits = Number(/num <= (\d+)/.exec(refused.error.detail)?.[1]);
    expect(fits).toBeGreaterThan(300);
    expect(fits).toBeLessThan(1000);

    h.emu.inject({ kind: 'openapi', body: { errcode: 0, errmsg: 'ok', apply_list: applicants(fits) }, times: 1 });
    const page = await main({ page: 1, num: fits }, context());
    expect(page).toMatchObject({ errCode: 0, paging: { returned: fits } });
    expect(bytesOf(page)).toBeLessThan(LIMIT);
  });
});
