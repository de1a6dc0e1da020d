import path from 'node:path';
import { busyPlatformFaults, componentEnv, runTokenRounds } from '../../bench/tokenFetches';
import { buildIntoTempDist } from '../localcloud/helpers/builtRoot';
import { useHarness } from './helpers/harness';

/**
 * Many instances, one authorizer, WeChat rotating the refresh token on every refresh: real
 * processes running the built function against the emulator (database 10-40 ms, token endpoints
 * 50-150 ms), the registry empty and seeded by whichever instance comes first. Over three token
 * lifetimes (virtual time: every clock moves past the refresh time between them), every call
 * succeeds (no 61023: no instance ever refreshes with a retired token, and the seed never rolls
 * the registry back) and each token is fetched once per lifetime (a waiter never refreshes again
 * after the winner). bench/tokenFetches.ts runs the same with 8 processes x 50 calls.
 */
const h = useHarness({ embeddedCount: 20, applicantCount: 20, rotateRefreshToken: true }, (harness) => {
  harness.asCaller('admin');
  harness.configure({ ...componentEnv(harness.emu) } as Record<string, string>);
});

let built: Awaited<ReturnType<typeof buildIntoTempDist>>;
beforeAll(async () => {
  built = await buildIntoTempDist();
}, 120_000);
afterAll(() => built?.remove());

it('4 processes x 25 calls, 3 lifetimes: every call succeeds, each token fetched once per lifetime, the registry holds WeChat\'s refresh token', async () => {
  busyPlatformFaults(h.emu);
  const result = await runTokenRounds(h.emu, {
    functionFile: path.join(built.distDir, 'functions', 'getOwnList', 'index.js'),
    env: { ...process.env },
    processes: 4,
    callsPerProcess: 25,
    rounds: 3,
  });
  expect(result.rounds.map((r) => r.codes)).toEqual([{ 0: 100 }, { 0: 100 }, { 0: 100 }]);
  expect(result.rounds.map((r) => [r.componentFetches, r.authorizerFetches])).toEqual([[1, 1], [1, 1], [1, 1]]);
  const record = h.emu.db.collection('wx_authorizers').get(`${h.emu.accounts.component.appid}:${h.emu.accounts.authorizer.appid}`);
  expect(record?.refreshToken).toBe(h.emu.tokens.refreshToken());
}, 120_000);
