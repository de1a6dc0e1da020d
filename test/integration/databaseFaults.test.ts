import { context, useHarness } from './helpers/harness';
import { quietStalls } from './helpers/quietStalls';

/**
 * The database token store (the default) against a database that stops answering or answers slowly:
 * every database call is bounded by the deadline (docs/errors.md, "What always holds").
 * wx-server-sdk's own request timeout is about 15 s; the function must still answer within its time
 * limit, fetching the token without the store.
 */
const PATH = '/wxaapi/wxaembedded/get_own_list';
// On virtual time: a stall is given up when the clock reaches the deadline, not seconds later,
// and "within the limit" is counted on the functions' own clock, however busy the machine.
const h = useHarness({ embeddedCount: 40, applicantCount: 20, virtualTime: true }, (harness) => {
  harness.asCaller('admin');
  harness.configure(harness.componentVars());
});

// The SDK's "[TCB][WARN]" notices for stalled requests are not armed (its SILENCE switch, helpers/quietStalls.ts).
quietStalls();

describe('a stalled or slow database does not break the deadline', () => {
  it.each([
    ['stops answering', { stall: true }],
    ['answers after 20 s', { latencyMs: 20_000 }],
  ])('the database %s: the page still comes back within a 3 s limit, the token fetched without the store', async (_name, fault) => {
    const main = h.loadFunction('getOwnList');
    h.emu.inject({ kind: 'database', times: Infinity, ...fault });
    const started = h.clock.now();
    const result = await main({ num: 5 }, context(3000));
    expect(h.clock.now() - started).toBeLessThan(3000);
    expect(result).toMatchObject({ errCode: 0, paging: { returned: 5 } });
    expect(h.emu.count({ api: PATH })).toBe(1);
    expect(JSON.stringify(result)).not.toContain('[TCB]');
  });

  it('with a 10 s limit it answers long before the SDK\'s own 15 s timeout', async () => {
    const main = h.loadFunction('getOwnList');
    h.emu.inject({ kind: 'database', stall: true, times: Infinity });
    const started = h.clock.now();
    const result = await main({ num: 5 }, context(10_000));
    expect(h.clock.now() - started).toBeLessThan(10_000);
    expect(result.errCode).toBe(0);
  });

  it('a stored ticket that cannot be read in time is a clean DATABASE_TIMEOUT, not a 15 s hang', async () => {
    h.configure({ ...h.componentVars(), COMPONENT_VERIFY_TICKET: undefined });
    const main = h.loadFunction('getOwnList');
    h.emu.inject({ kind: 'database', stall: true, times: Infinity });
    const started = h.clock.now();
    const result = await main({ num: 5 }, context(3000));
    expect(h.clock.now() - started).toBeLessThan(3000);
    expect(result.errCode).not.toBe(0);
    expect(JSON.stringify(result)).toMatch(/-910013|DATABASE_TIMEOUT/);
    expect(JSON.stringify(result)).not.toContain('[TCB]');
    expect(h.emu.count({ api: PATH })).toBe(0);
  });

  it('once the database answers again, the token is shared through it as before', async () => {
    const main = h.loadFunction('getOwnList');
    expect((await main({ num: 5 }, context())).errCode).toBe(0);
    expect((await h.loadFunction('getOwnList')({ num: 5 }, context())).errCode).toBe(0);
    expect(h.emu.tokens.issued('authorizer')).toBe(1);
  });
});
