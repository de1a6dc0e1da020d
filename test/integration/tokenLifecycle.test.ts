import { context, startHarness, useHarness } from './helpers/harness';

const PATH = '/wxaapi/wxaembedded/get_own_list';
// On virtual time (docs/testing.md): lease polls and gate waits count on the functions' clock.
const h = useHarness({ embeddedCount: 300, applicantCount: 20, virtualTime: true }, (harness) => {
  harness.asCaller('admin');
  harness.configure(harness.componentVars());
});

describe('one token lifecycle for every instance', () => {
  it('200 concurrent invocations in one instance cause one token refresh', async () => {
    const main = h.loadFunction('getOwnList');
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => main({ start: i % 50, num: 5 }, context(20_000))));
    expect(results.every((r) => r.errCode === 0)).toBe(true);
    expect(h.emu.tokens.issued('component')).toBe(1);
    expect(h.emu.tokens.issued('authorizer')).toBe(1);
    expect(h.emu.count({ api: PATH })).toBe(200);
  });

  it('two instances sharing the emulated database cause one refresh; the loser uses the winner\'s token', async () => {
    const a = h.loadFunction('getOwnList');
    const b = h.loadFunction('getOwnList');
    expect(a).not.toBe(b);
    const results = await Promise.all([
      ...Array.from({ length: 20 }, () => a({ num: 3 }, context(20_000))),
      ...Array.from({ length: 20 }, () => b({ num: 3 }, context(20_000))),
    ]);
    expect(results.every((r) => r.errCode === 0)).toBe(true);
    expect(h.emu.tokens.issued('authorizer')).toBe(1);
    expect(h.emu.count({ api: '/cgi-bin/component/api_authorizer_token' })).toBe(1);
    // A third instance started later reads the shared token instead of fetching.
    expect(await h.loadFunction('getOwnList')({}, context())).toMatchObject({ errCode: 0 });
    expect(h.emu.tokens.issued('authorizer')).toBe(1);
  });

  it('a new instance reads the authorizer\'s record once: it holds the grants and the current token alike', async () => {
    expect(await h.loadFunction('getOwnList')({ num: 3 }, context())).toMatchObject({ errCode: 0 });
    const before = h.emu.calls.length;
    const result = await h.loadFunction('getOwnList')({ num: 3 }, context(20_000));
    expect(result).toMatchObject({ errCode: 0, tokenProvider: 'component' });
    const reads = h.emu.calls.slice(before).filter((c) => c.kind === 'database');
    expect(reads.map((c) => [c.api, (c.params as { collectionName?: string }).collectionName])).toEqual([['database.getDocument', 'wx_authorizers']]);
    // The stored token was used: nothing fetched, one WeChat call.
    expect(h.emu.tokens.issued('authorizer')).toBe(1);
    expect(h.emu.calls.slice(before).filter((c) => c.kind === 'https').map((c) => c.api)).toEqual([PATH]);
  });

  it('a token expiring between two pages recovers with one retry', async () => {
    const main = h.loadFunction('getOwnList');
    expect(await main({ start: 0, num: 100 }, context())).toMatchObject({ errCode: 0 });
    h.emu.clock.advance(7300); // the emulated platform expires the token; our cache does not know yet
    const second = await main({ start: 100, num: 100 }, context());
    expect(second).toMatchObject({ errCode: 0, paging: { start: 100, returned: 100 } });
    expect(h.emu.count({ api: PATH })).toBe(3); // page 1, rejected page 2 (42001), retried page 2
    expect(h.emu.tokens.issued('authorizer')).toBe(2);
  });

  it('a 40001 that persists gives up after one retry with a clear error', async () => {
    const main = h.loadFunction('getOwnList');
    h.emu.inject({ api: PATH, errcode: 40001, errmsg: 'invalid credential', times: Infinity });
    const result = await main({}, context());
    expect(result).toMatchObject({ errCode: 40001, error: { name: 'INVALID_CREDENTIAL', retryable: true } });
    expect(result.error.hint.en).toMatch(/retried once/);
    expect(h.emu.count({ api: PATH })).toBe(2);
    expect(h.emu.tokens.issued('authorizer')).toBe(2);
  });

  it('an instance holding a token another instance already replaced does not throw the newer one away', async () => {
    const a = h.loadFunction('getOwnList');
    const b = h.loadFunction('getOwnList');
    expect((await a({}, context())).errCode).toBe(0);
    expect((await b({}, context())).errCode).toBe(0);
    h.emu.clock.advance(7300);
    expect((await a({}, context())).errCode).toBe(0); // a refreshes: token 2
    expect((await b({}, context())).errCode).toBe(0); // b: 42001 on token 1, adopts token 2 from the store
    expect(h.emu.tokens.issued('authorizer')).toBe(2);
  });

  it('the daily quota (45009) is not retried and says when it resets', async () => {
    const limited = await startHarness({ embeddedCount: 30, applicantCount: 20, dailyQuota: { get_own_list: 2 } });
    try {
      limited.asCaller('admin');
      limited.configure(limited.componentVars());
      const main = limited.loadFunction('getOwnList');
      expect((await main({}, context())).errCode).toBe(0);
      expect((await main({}, context())).errCode).toBe(0);
      const third = await main({}, context());
      expect(third).toMatchObject({ errCode: 45009, error: { name: 'DAILY_QUOTA_REACHED', retryable: false } });
      expect(third.error.hint.en).toMatch(/midnight/);
      expect(limited.emu.count({ api: PATH })).toBe(3);
    } finally {
      await limited.close();
    }
  });
});
