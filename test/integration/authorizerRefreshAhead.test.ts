import { context, useHarness } from './helpers/harness';

/**
 * Refreshing ahead of expiry is not expiry. Tokens live 600 s here, so a refresh is due at 300 s
 * (half their life); WeChat answers 45009 (daily quota) to the refresh. While the token held is
 * valid, the call must use it and try the refresh again later; once it expired, the failure is
 * the call's. Virtual time (docs/testing.md: the functions and the emulator share one clock,
 * moved between calls): nothing waits, and no machine is too slow for the minutes of validity left.
 */
const AUTHORIZER_TOKEN = '/cgi-bin/component/api_authorizer_token';
const h = useHarness({ embeddedCount: 20, applicantCount: 20, tokenTtlSeconds: 600, virtualTime: true }, (harness) => {
  harness.asCaller('admin');
  harness.configure(harness.componentVars());
});
const advance = (ms: number) => h.virtualClock!.advance(ms);
const call = (main = h.loadFunction('getOwnList')) => main({ num: 2 }, context());
const quotaReached = () => h.emu.inject({ kind: 'https', api: AUTHORIZER_TOKEN, errcode: 45009, times: Infinity });

describe('a failed refresh ahead of expiry', () => {
  it('serves the valid token (in the instance that held it, and in a fresh one reading it from the registry), and tries again later', async () => {
    const instance = h.loadFunction('getOwnList');
    expect(await call(instance)).toMatchObject({ errCode: 0 }); // valid to t=600 s, due at t=300 s
    await advance(310_000);
    quotaReached();
    expect(await call(instance)).toMatchObject({ errCode: 0 });
    expect(h.emu.count({ api: AUTHORIZER_TOKEN })).toBe(2); // the first fetch, the refused refresh
    expect(await call(instance)).toMatchObject({ errCode: 0 }); // not tried again at once
    expect(h.emu.count({ api: AUTHORIZER_TOKEN })).toBe(2);
    expect(await call()).toMatchObject({ errCode: 0 }); // a fresh instance
    expect(h.emu.tokens.issued('authorizer')).toBe(1);

    h.emu.clearFaults();
    await advance(60_000); // t=370 s: later (after at most 30 s), still before expiry
    expect(await call(instance)).toMatchObject({ errCode: 0 });
    expect(h.emu.tokens.issued('authorizer')).toBe(2); // refreshed this time
  });

  it('an expired token is not served: the refresh\'s failure is the call\'s', async () => {
    const instance = h.loadFunction('getOwnList');
    expect(await call(instance)).toMatchObject({ errCode: 0 });
    await advance(610_000);
    quotaReached();
    expect(await call(instance)).toMatchObject({ errCode: 45009, error: { name: 'DAILY_QUOTA_REACHED' } });
  });
});
