import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { buildIntoTempDist } from '../localcloud/helpers/builtRoot';
import { context, useHarness } from './helpers/harness';
import { until } from './helpers/until';

/**
 * An instance that dies mid-refresh holding the refresh lease (docs/authorizer-lifecycle.md, "A
 * refresh, step by step": the lease lapses and the next instance takes it over). The holder is a
 * real process running the built function, killed with SIGKILL while its token request hangs; the
 * lease it left must expire after about one refresh's time (2 x HTTP_ATTEMPT_TIMEOUT_MS + 1 s), and
 * the next instance take it over and fetch the token, instead of failing for 15 s. The holder runs
 * on real time; the instance in this process on the harness's virtual time (docs/testing.md), set
 * to the holder's time once it is dead, so its wait for the lease costs no real time.
 */
const AUTHORIZER_TOKEN = '/cgi-bin/component/api_authorizer_token';
const h = useHarness({ embeddedCount: 40, applicantCount: 20, virtualTime: true }, (harness) => {
  harness.asCaller('admin');
  harness.configure({ ...harness.componentVars(), HTTP_ATTEMPT_TIMEOUT_MS: '1000' });
});

let built: Awaited<ReturnType<typeof buildIntoTempDist>>;
let holder: ChildProcess | undefined;
beforeAll(async () => {
  built = await buildIntoTempDist();
}, 120_000);
afterAll(() => {
  holder?.kill('SIGKILL');
  built?.remove();
});

it('another instance gets a token soon after a killed holder\'s lease expires; one token issued', async () => {
  h.emu.inject({ api: AUTHORIZER_TOKEN, stall: true, times: 1 });
  const entry = path.join(built.distDir, 'functions', 'getOwnList', 'index.js');
  holder = spawn(process.execPath, ['-e', `require(${JSON.stringify(entry)}).main({ num: 5 }, { time_limit_in_ms: 60000 })`], {
    env: { ...process.env },
    stdio: 'ignore',
  });
  await until(() => h.emu.count({ api: AUTHORIZER_TOKEN }) === 1, 'the holder to ask for the authorizer token');
  // The lease lives in the authorizer's record, beside its refresh token (docs/authorizer-lifecycle.md).
  const lease = h.emu.db.collection('wx_authorizers').get(`${h.emu.accounts.component.appid}:${h.emu.accounts.authorizer.appid}`);
  expect(lease).toMatchObject({ leaseOwner: expect.any(String) });
  // Held for about one refresh (2 x 1000 + 1000 ms here), not 15 s, although its limit is 60 s.
  expect(Number(lease?.leaseUntil) - Date.now()).toBeLessThanOrEqual(3000);
  holder.kill('SIGKILL');
  await new Promise((resolve) => holder?.once('exit', resolve));

  // The functions' clock catches up with the real time the holder's lease was set on.
  await h.virtualClock!.advance(Math.max(0, Date.now() - h.clock.now()));
  const started = h.clock.now();
  const result = await h.loadFunction('getOwnList')({ num: 5 }, context(10_000));
  expect(result).toMatchObject({ errCode: 0, paging: { returned: 5 } });
  // Soon: about the lease's remaining life (at most 3 s), far less than the call's 10 s.
  expect(h.clock.now() - started).toBeLessThan(4000);
  // ... and not before the lease lapsed.
  expect(h.clock.now()).toBeGreaterThanOrEqual(Number(lease?.leaseUntil));
  expect(h.emu.count({ api: AUTHORIZER_TOKEN })).toBe(2); // the dead holder's hung request, then the taker's
  expect(h.emu.tokens.issued('authorizer')).toBe(1);
});
