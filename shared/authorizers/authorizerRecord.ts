import { fingerprint, type AuthorizerRecord } from './authorizerRegistry';
import type { ComponentSetup } from './componentSetup';
import { storeDeadline } from '../tokens/storeBudget';
import type { Deadline } from '../core/deadline';

/**
 * The registry's record of one authorizer, read within the store's share of the time
 * (storeBudget.ts) so a stalled database leaves time for the WeChat call. For the account the
 * environment configures (AUTHORIZER_APPID + AUTHORIZER_REFRESH_TOKEN) the variable seeds the
 * record, and stands in for it when the database does not answer: availability over sharing, as
 * for the token store (issue 11). Any other account is known only through the registry, so its
 * failure is passed on.
 */
export async function authorizerRecord(
  setup: ComponentSetup,
  authorizerAppid: string,
  deadline: Deadline,
  onStoreError: (cause: unknown) => void,
): Promise<AuthorizerRecord | undefined> {
  const seed = authorizerAppid === setup.config.authorizerAppid ? setup.config.refreshToken : undefined;
  try {
    const record = await setup.registry.read(authorizerAppid, storeDeadline(deadline));
    return seed === undefined ? record : await setup.registry.seed(authorizerAppid, seed, record, storeDeadline(deadline));
  } catch (thrown) {
    if (seed === undefined) throw thrown;
    onStoreError(thrown);
    return seededRecord(setup.config.componentAppid, authorizerAppid, seed);
  }
}

/** What `seed` would store, kept in memory only: the granted sets are unknown, so WeChat decides. */
function seededRecord(componentAppid: string, authorizerAppid: string, refreshToken: string): AuthorizerRecord {
  const now = Date.now();
  return {
    _id: `${componentAppid}:${authorizerAppid}`,
    componentAppid,
    authorizerAppid,
    refreshToken,
    funcIds: null,
    authorizedAt: now,
    revoked: false,
    lastEventAt: 0,
    seedFingerprint: fingerprint(refreshToken),
    source: 'environment',
    updatedAt: now,
  };
}
