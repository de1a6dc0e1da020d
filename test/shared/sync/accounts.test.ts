import type { AuthorizerRecord } from '../../../shared/authorizers/authorizerRegistry';
import type { ComponentSetup } from '../../../shared/authorizers/componentSetup';
import { accountsToSync, planForComponent, type SyncAccount } from '../../../shared/sync/accounts';
import { Deadline } from '../../../shared/core/deadline';
import { createLogger } from '../../../shared/log/logger';

/**
 * Which lists a run walks, per authorizer where several are held (docs/sync.md, "The lists"): the
 * rules of accounts.ts on registry records made here; the integration test (syncAuthorizers) runs
 * them against the emulated platform.
 */
const CONFIGURED = 'wx9b8a7c6d5e4f3a2b';
const A = 'wx1a2b3c4d5e6f7081';
const B = 'wx2b3c4d5e6f708192';

function setupFor(authorizerAppid?: string): ComponentSetup {
  return {
    config: { kind: 'component', componentAppid: 'wx3c0e9f5a1b2d4c6e', componentSecret: 'not-a-real-secret-0001', ...(authorizerAppid ? { authorizerAppid } : {}) },
    http: { baseUrl: 'http://127.0.0.1:9', attemptTimeoutMs: 1000 },
    tokenCollection: 'wx_tokens',
    store: undefined,
    registry: {} as ComponentSetup['registry'],
    id: `accounts-test-${authorizerAppid ?? 'none'}`,
  };
}

function record(authorizerAppid: string, funcIds: number[] | null, revoked = false): AuthorizerRecord {
  return { _id: `c:${authorizerAppid}`, componentAppid: 'c', authorizerAppid, refreshToken: revoked ? '' : 'refreshtoken@@@x', funcIds, authorizedAt: 1, revoked, lastEventAt: 1, source: funcIds === null ? 'environment' : 'push', updatedAt: 1 };
}

const names = (accounts: SyncAccount[]) => accounts.map((a) => `${a.list}:${a.account}:${a.https ? 'https' : 'own path'}`);

describe('accountsToSync', () => {
  it('without the component provider: the environment\'s plugin list, and its half-screen list when a token is configured', async () => {
    const log = createLogger({});
    const deadline = new Deadline(Date.now() + 1000);
    expect(names((await accountsToSync({})(deadline, log)).accounts)).toEqual(['plugin:self:own path']);
    const fixed = await accountsToSync({ AUTHORIZER_ACCESS_TOKEN: 'fixed-token-for-test-0001', APPID: A })(deadline, log);
    expect(names(fixed.accounts)).toEqual([`plugin:${A}:own path`, `embedded:${A}:https`, `applications:${A}:https`]);
    expect(fixed.skipped).toEqual([]);
  });

  it('the lists of each granted set and account, each over HTTPS; the environment\'s own plugin list keeps its path', () => {
    const plan = planForComponent(setupFor(), { list: 'plugin', account: 'self' }, [record(A, [1, 18]), record(B, [1, 17, 18, 40])]);
    // The half-screen set brings both half-screen lists: who may open the account, and whom it applied to open.
    expect(names(plan.accounts)).toEqual([
      'plugin:self:own path', `embedded:${A}:https`, `applications:${A}:https`, `plugin:${B}:https`, `embedded:${B}:https`, `applications:${B}:https`,
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it('skips revoked accounts, accounts with neither set, and accounts whose grants are unknown (an old seed)', () => {
    const plan = planForComponent(setupFor(), { list: 'plugin', account: 'self' }, [record(A, [1, 18], true), record(B, [1, 17]), record('wx00000000000000aa', null)]);
    expect(names(plan.accounts)).toEqual(['plugin:self:own path']);
    expect(plan.skipped).toEqual([
      { account: A, reason: 'revoked' },
      { account: B, reason: 'no list permission' },
      { account: 'wx00000000000000aa', reason: 'grants unknown' },
    ]);
  });

  it('the configured account: first, synced even before the registry holds it (WeChat decides), skipped once revoked', () => {
    const own = { list: 'plugin' as const, account: CONFIGURED };
    expect(names(planForComponent(setupFor(CONFIGURED), own, [record(A, [18])]).accounts)).toEqual([
      `plugin:${CONFIGURED}:own path`, `embedded:${CONFIGURED}:https`, `applications:${CONFIGURED}:https`, `embedded:${A}:https`, `applications:${A}:https`,
    ]);
    // In the registry with both sets: its plugin list is the environment's own (no second copy).
    expect(names(planForComponent(setupFor(CONFIGURED), own, [record(CONFIGURED, [18, 40])]).accounts)).toEqual([
      `plugin:${CONFIGURED}:own path`, `embedded:${CONFIGURED}:https`, `applications:${CONFIGURED}:https`,
    ]);
    const revoked = planForComponent(setupFor(CONFIGURED), own, [record(CONFIGURED, [18, 40], true)]);
    expect(names(revoked.accounts)).toEqual([`plugin:${CONFIGURED}:own path`]);
    expect(revoked.skipped).toEqual([{ account: CONFIGURED, reason: 'revoked' }]);
  });

  it('with APPID naming another Mini Program, the configured account\'s plugin list is its own list too', () => {
    const plan = planForComponent(setupFor(CONFIGURED), { list: 'plugin', account: A }, [record(CONFIGURED, [40])]);
    expect(names(plan.accounts)).toEqual([`plugin:${A}:own path`, `plugin:${CONFIGURED}:https`]);
  });
});
