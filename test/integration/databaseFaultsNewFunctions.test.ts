import { context, useHarness } from './helpers/harness';
import { quietStalls } from './helpers/quietStalls';

/**
 * The deadline holds whatever the database does (docs/errors.md, "What always holds") for the
 * functions that reach the database beyond the token store: componentEvents (ticket and
 * authorizations), listAuthorizers (registry), syncLists (lease, state, entries) and a read for a
 * named authorizer (registry) all reach the database, and a database that stops answering must
 * not keep any of them past its time limit (the SDK's own timeout is about 15 s).
 */
// On virtual time (docs/testing.md): a stall is given up when the functions' clock reaches the
// deadline, and "within the limit" is counted on that clock, however busy the machine.
const h = useHarness({ embeddedCount: 20, applicantCount: 20, virtualTime: true }, (harness) => {
  harness.asCaller('admin');
  harness.configure(harness.componentVars());
});

// The SDK's "[TCB][WARN]" notices for stalled requests are not armed (its SILENCE switch, helpers/quietStalls.ts).
quietStalls();

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = h.clock.now();
  const result = await run();
  return { result, ms: h.clock.now() - started };
}

function ticketPushEvent(): Record<string, unknown> {
  const sealed = h.emu.openPlatform.seal({
    AppId: h.emu.accounts.component.appid, CreateTime: h.emu.clock.now(), InfoType: 'component_verify_ticket', ComponentVerifyTicket: h.emu.tokens.pushVerifyTicket(),
  });
  return { path: '/componentEvents', httpMethod: 'POST', headers: { 'content-type': 'text/xml' }, queryStringParameters: sealed.query, body: sealed.body, isBase64Encoded: false };
}

describe('a database that stops answering keeps no function past its time limit (pushes, registry, sync, named authorizers)', () => {
  it('componentEvents answers a ticket push 500 within its 5 s limit (WeChat delivers it again), and stores the redelivery once the database is back', async () => {
    h.asCaller('http');
    h.configure(h.pushVars());
    const push = ticketPushEvent();
    const main = h.loadFunction('componentEvents');
    h.emu.inject({ kind: 'database', stall: true, times: Infinity });
    const { result, ms } = await timed(() => main(push, context(5000)));
    expect(ms).toBeLessThan(5000);
    expect(result).toMatchObject({ statusCode: 500 });
    expect(String(result.body)).not.toContain('[TCB]');
    expect(String(result.body)).not.toBe('success');

    h.emu.clearFaults();
    const again = await h.loadFunction('componentEvents')(push, context(5000));
    expect(again).toMatchObject({ statusCode: 200, body: 'success' });
    expect([...h.emu.db.collection('wx_tokens').keys()].some((id) => id.startsWith('verify_ticket:'))).toBe(true);
  });

  it('listAuthorizers: a clean DATABASE_TIMEOUT within a 3 s limit', async () => {
    const main = h.loadFunction('listAuthorizers');
    h.emu.inject({ kind: 'database', stall: true, times: Infinity });
    const { result, ms } = await timed(() => main({}, context(3000)));
    expect(ms).toBeLessThan(3000);
    expect(result).toMatchObject({ errCode: -910013, error: { name: 'DATABASE_TIMEOUT' } });
    expect(JSON.stringify(result)).not.toContain('[TCB]');
  });

  it('syncLists: an envelope within a 3 s limit, a database timeout named as such', async () => {
    h.asCaller('timer');
    const main = h.loadFunction('syncLists');
    h.emu.inject({ kind: 'database', stall: true, times: Infinity });
    const { result, ms } = await timed(() => main({}, context(3000)));
    expect(ms).toBeLessThan(3000);
    // The lease is the first thing a run reads: without it nothing is listed or written.
    expect(result).toMatchObject({ errCode: -910013, error: { name: 'DATABASE_TIMEOUT' } });
    expect(h.emu.calls.filter((c) => c.kind !== 'database')).toEqual([]);
    expect(JSON.stringify(result)).not.toContain('[TCB]');
  });

  it('a read for the configured authorizer named in the event still answers within a 3 s limit (its configured seed stands in for the registry)', async () => {
    const main = h.loadFunction('getOwnList');
    const { result, ms } = await timed(async () => {
      h.emu.inject({ kind: 'database', stall: true, times: Infinity });
      return main({ num: 2, authorizerAppid: h.emu.accounts.authorizer.appid }, context(3000));
    });
    expect(ms).toBeLessThan(3000);
    expect(result).toMatchObject({ errCode: 0, paging: { returned: 2 } });
    expect(JSON.stringify(result)).not.toContain('[TCB]');
  });

  it('a write for the configured authorizer named in the event is done within a 3 s limit, its audit said not recorded', async () => {
    const main = h.loadFunction('manageEmbedded');
    const { result, ms } = await timed(async () => {
      h.emu.inject({ kind: 'database', stall: true, times: Infinity });
      return main({ action: 'set_authorize', flag: 1, authorizerAppid: h.emu.accounts.authorizer.appid }, context(3000));
    });
    expect(ms).toBeLessThan(3000);
    expect(result).toMatchObject({ errCode: 0, outcomes: [{ flag: 1, outcome: 'changed' }], audit: { recorded: false, error: { code: -910033 } } });
    expect(JSON.stringify(result)).not.toContain('[TCB]');
  });
});
