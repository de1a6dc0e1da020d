import { holdsFailingToken, listedTokenDecision } from '../../../shared/authorizers/authorizerLifecycle';
import { fingerprint, REMOVE, type AuthorizerRecord } from '../../../shared/authorizers/authorizerRegistry';

/**
 * What reconcile decides for one account WeChat lists, against the record as it is when the
 * compare-and-set runs (docs/third-party-lifecycle.md, "Reconcile and recovery"): WeChat's list
 * wins over a token that is older than the list page or known to fail, never over a newer one,
 * and never while an instance refreshes under the lease. The compare-and-set itself (deciding
 * again after another writer) is covered over loopback in test/integration/componentReconcile.test.ts.
 */
const NOW = 1_800_000_000_000;
const LISTED_AT = NOW - 5_000;
const listed = { authorizerAppid: 'wx1a2b3c4d5e6f7081', refreshToken: 'refreshtoken@@@listed', authTime: NOW - 86_400_000 };
const created = () => ({ componentAppid: 'wxcomponent000001', authorizerAppid: listed.authorizerAppid, refreshToken: listed.refreshToken, funcIds: null, authorizedAt: listed.authTime, revoked: false, lastEventAt: 0, source: 'reconcile' as const });

function record(fields: Partial<AuthorizerRecord> = {}): AuthorizerRecord {
  return {
    _id: `wxcomponent000001:${listed.authorizerAppid}`, componentAppid: 'wxcomponent000001', authorizerAppid: listed.authorizerAppid,
    refreshToken: 'refreshtoken@@@held', generation: 3, funcIds: [1, 18], authorizedAt: NOW - 90 * 86_400_000, revoked: false,
    lastEventAt: NOW - 90 * 86_400_000, source: 'push', updatedAt: LISTED_AT - 60_000, ...fields,
  };
}
const decide = (current: AuthorizerRecord | undefined) => listedTokenDecision(current, listed, LISTED_AT, NOW, created);
const failingMark = (token: string) => ({ attention: { code: 61023, at: NOW - 1000, token: fingerprint(token) } });

describe('reconcile\'s decision for one listed account', () => {
  it('adds an account the registry does not hold', () => {
    expect(decide(undefined)).toEqual({ create: created(), outcome: 'added' });
  });

  it('keeps a record that holds the listed token', () => {
    expect(decide(record({ refreshToken: listed.refreshToken }))).toEqual({ keep: 'unchanged' });
  });

  it('repairs a record last changed before the page was requested, dropping its access token and any mark', () => {
    const decision = decide(record({ accessToken: 'access-old', expiresAt: NOW + 1000 }));
    expect(decision).toMatchObject({ outcome: 'repaired', set: { refreshToken: listed.refreshToken, accessToken: '', expiresAt: 0, leaseUntil: 0, revoked: false, source: 'reconcile', attention: REMOVE, revokedAt: REMOVE } });
    // Not revoked: the push ordering is left alone.
    expect('lastEventAt' in (decision as { set: object }).set).toBe(false);
  });

  it('keeps a record changed after the page was requested (a rotation or a push saved meanwhile): the list is older', () => {
    expect(decide(record({ updatedAt: LISTED_AT }))).toEqual({ keep: 'unchanged' });
    expect(decide(record({ updatedAt: NOW }))).toEqual({ keep: 'unchanged' });
  });

  it('keeps a record whose refresh lease is held: the refresh in flight decides', () => {
    expect(decide(record({ leaseUntil: NOW + 5000, leaseOwner: 'instance-b' }))).toEqual({ keep: 'unchanged' });
    // A lapsed lease does not protect it.
    expect(decide(record({ leaseUntil: NOW - 1, leaseOwner: 'instance-b' }))).toMatchObject({ outcome: 'repaired' });
  });

  it('a mark on the token the record holds lets the list win, even over a later change or a held lease', () => {
    const held = 'refreshtoken@@@held';
    expect(holdsFailingToken(record(failingMark(held)))).toBe(true);
    expect(decide(record({ ...failingMark(held), updatedAt: NOW, leaseUntil: NOW + 5000 }))).toMatchObject({ outcome: 'repaired', set: { refreshToken: listed.refreshToken } });
  });

  it('a mark made on another token (the record has moved on since) is no reason: a newer token is never replaced', () => {
    const marked = record({ ...failingMark('refreshtoken@@@older'), refreshToken: 'refreshtoken@@@newer', updatedAt: NOW });
    expect(holdsFailingToken(marked)).toBe(false);
    expect(decide(marked)).toEqual({ keep: 'unchanged' });
  });

  it('brings back a revoked account WeChat lists again, after the revocation that was recorded', () => {
    const revoked = record({ revoked: true, refreshToken: '', revokedAt: LISTED_AT - 10_000, lastEventAt: LISTED_AT - 10_000, updatedAt: LISTED_AT - 10_000 });
    expect(decide(revoked)).toMatchObject({ outcome: 'repaired', set: { refreshToken: listed.refreshToken, revoked: false, authorizedAt: listed.authTime, lastEventAt: LISTED_AT } });
    // A revoked record holds no token: a mark cannot make it "failing".
    expect(holdsFailingToken({ ...revoked, ...failingMark('') })).toBe(false);
  });
});
