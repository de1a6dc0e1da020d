import { context, useHarness, type CloudFunctionMain } from './helpers/harness';

const OWN_LIST = '/wxaapi/wxaembedded/get_own_list';

describe('all: true on getOwnList (every page, counted)', () => {
  let main: CloudFunctionMain;
  const h = useHarness({ embeddedCount: 2000, applicantCount: 2500 }, (harness) => {
    harness.asCaller('admin');
    harness.configure(harness.componentVars());
    main = harness.loadFunction('getOwnList');
  });

  it('answers the whole list when it fits, with counts per status, in one call beyond the pages it holds (an exact multiple)', async () => {
    const result = await main({ all: true }, context(20_000));
    expect(result.errCode).toBe(0);
    expect(result.authorizations).toHaveLength(2000);
    expect(new Set(result.authorizations.map((a: { appid: string }) => a.appid)).size).toBe(2000);
    expect(result.paging).toMatchObject({ all: true, total: 2000, returned: 2000, nextPage: null, calls: 3 });
    expect(h.emu.count({ kind: 'https', api: OWN_LIST })).toBe(3);
    const seededPending = h.emu.data.embedded.filter((r) => Number(r.status) === 1).length;
    expect(result.counts.byStatus['1']).toEqual({ label: 'pending', count: seededPending });
    const sum = Object.values(result.counts.byStatus as Record<string, { count: number }>).reduce((n, s) => n + s.count, 0);
    expect(sum).toBe(2000);
    expect(result.rest).toBeUndefined();
  });

  it('fails cleanly when one page fails after its retries: no partial list', async () => {
    h.emu.inject({ kind: 'https', api: OWN_LIST, errcode: 89409, times: 1 });
    const result = await main({ all: true }, context(20_000));
    expect(result.errCode).toBe(89409);
    expect(result.authorizations).toBeUndefined();
  });
});

describe('all: true on getPluginDevApplyList over the 1 MB result limit', () => {
  let main: CloudFunctionMain;
  const h = useHarness({ applicantCount: 4200 }, (harness) => {
    harness.asCaller('admin');
    harness.configure({});
    main = harness.loadFunction('getPluginDevApplyList');
  });

  it('answers the first page, the counts over the whole list, and where the rest is', async () => {
    const result = await main({ all: true }, context(30_000));
    expect(result.errCode).toBe(0);
    expect(result.via).toBe('cloud');
    expect(result.applicants).toHaveLength(1000);
    expect(result.paging).toMatchObject({ all: true, total: 4200, returned: 1000, nextPage: 2, calls: 5 });
    expect(result.counts.total).toBe(4200);
    expect(result.rest).toMatchObject({ total: 4200, returned: 1000 });
    expect(result.rest.where).toMatch(/plugin_applicants/);
    expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThan(1_000_000);
    expect(h.emu.count({ kind: 'openapi', api: 'pluginManager.getPluginDevApplyList' })).toBe(5);
  });
});
