import { context, useHarness, type CloudFunctionMain } from './helpers/harness';

const PATH = '/wxaapi/wxaembedded/get_own_list';
let main: CloudFunctionMain;
const h = useHarness({}, (harness) => {
  harness.asCaller('admin');
  harness.configure(harness.componentVars());
  main = harness.loadFunction('getOwnList');
});

describe('getOwnList over HTTPS against the emulator', () => {
  it('answers the document query with normalized authorizations', async () => {
    const result = await main({ start: 0, num: 10 }, context());
    expect(result).toMatchObject({
      errCode: 0,
      errMsg: 'getOwnList:ok',
      via: 'https',
      tokenProvider: 'component',
      paging: { start: 0, num: 10, returned: 10, nextStart: 10 },
      embeddedFlag: h.emu.data.embeddedFlag,
    });
    expect(['admin-confirm', 'auto-approve', 'auto-reject']).toContain(result.embeddedFlagLabel);
    const seeded = h.emu.data.embedded.slice(0, 10);
    result.authorizations.forEach((item: Record<string, unknown>, i: number) => {
      const raw = seeded[i] as Record<string, unknown>;
      expect(item.appid).toBe(raw.appid);
      expect(item.status).toBe(Number(raw.status));
      expect(typeof item.createTime).toBe('number');
      expect(item.createTime).toBe(raw.create_time);
    });
    const query = h.emu.calls.find((c) => c.api === PATH)?.query;
    expect(query).toMatchObject({ start: '0', num: '10', access_token: '***' });
  });

  it('walks every authorization exactly once at num=1000, with statuses as numbers and labels', async () => {
    const seen: Array<Record<string, unknown>> = [];
    let start: number | null = 0;
    let pages = 0;
    while (start !== null) {
      const result = await main({ start, num: 1000 }, context());
      expect(result.errCode).toBe(0);
      seen.push(...result.authorizations);
      start = result.paging.nextStart;
      pages += 1;
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen).toHaveLength(h.emu.data.embedded.length);
    expect(new Set(seen.map((s) => s.appid)).size).toBe(seen.length);
    expect(seen.every((s) => typeof s.status === 'number')).toBe(true);
    expect(new Set(seen.map((s) => s.statusLabel))).toEqual(
      new Set(['pending', 'approved', 'rejected', 'timeout', 'withdrawn', 'deauthorized', 'unknown']),
    );
    // Items that carried their own embedded_flag keep it, labelled; the others have none.
    const withFlag = seen.filter((s) => 'embeddedFlag' in s);
    expect(withFlag.length).toBeGreaterThan(0);
    expect(withFlag.length).toBeLessThan(seen.length);
    for (const s of withFlag) expect(s.embeddedFlagLabel).toMatch(/admin-confirm|auto-approve|auto-reject|unknown/);
  });

  it('refuses a bad event naming the field, with no upstream call', async () => {
    for (const [event, field] of [[{ num: 1001 }, 'num'], [{ start: -1 }, 'start'], [{ start: '0' }, 'start'], [{ page: 1 }, 'page']] as const) {
      const result = await main(event, context());
      expect(result.errCode).toBe(-910001);
      expect(result.error.issues[0].field).toBe(field);
    }
    expect(h.emu.calls).toHaveLength(0);
  });

  it('refuses a non-admin Mini Program user with no upstream call', async () => {
    h.asCaller('user', 'oSomeoneElse');
    const result = await main({}, context());
    expect(result.errCode).toBe(-910002);
    expect(h.emu.calls).toHaveLength(0);
  });

  it('without any token provider says exactly what to configure', async () => {
    h.configure({});
    const result = await main({}, context());
    expect(result).toMatchObject({ errCode: -910009, error: { name: 'TOKEN_NOT_CONFIGURED' } });
    expect(result.error.hint.en).toMatch(/AUTHORIZER_ACCESS_TOKEN.*TOKEN_SERVICE_URL.*COMPONENT_APPID.*APPID \+ APPSECRET/s);
    expect(h.emu.calls).toHaveLength(0);
  });

  it('names the missing variable of a half-configured provider', async () => {
    h.configure({ ...h.componentVars(), AUTHORIZER_REFRESH_TOKEN: undefined });
    const result = await main({}, context());
    // Without a seed and with no authorization pushed, the default authorizer is unknown
    // (docs/third-party.md, "Acting for an account").
    expect(result).toMatchObject({ errCode: -910020, error: { name: 'AUTHORIZER_UNKNOWN' } });
    expect(h.emu.count({ kind: 'https' })).toBe(0);
    expect(result.error.detail).toContain('AUTHORIZER_REFRESH_TOKEN');
  });
});
