import type { RecordOutcome } from '../authorizers/authorizerRegistry';
import type { ComponentSetup } from '../authorizers/componentSetup';
import type { Deadline } from '../core/deadline';
import type { Logger } from '../core/logger';
import { toWxError } from '../errors';
import type { Authorization } from './exchangeAuthorizationCode';

export interface Grant extends Authorization {
  eventAt: number;
  codeFingerprint: string;
}

/**
 * Authorizations this instance exchanged but could not write yet. The exchange used the code up
 * (WeChat answers 61010 to it from then on) and its refresh token may have retired the account's
 * previous one, so what it returned is kept here before anything else can fail, and written
 * before this instance handles its next push: WeChat's redelivery of the same push, or any other
 * (docs/authorizer-lifecycle.md, "Authorization pushes").
 */
const pending = new Map<string, Grant>();
const keyOf = (setup: ComponentSetup, authorizerAppid: string) => `${setup.id}|${authorizerAppid}`;

export function keepGrant(setup: ComponentSetup, grant: Grant): void {
  pending.set(keyOf(setup, grant.authorizerAppid), grant);
}

export function keptGrant(setup: ComponentSetup, authorizerAppid: string): Grant | undefined {
  return pending.get(keyOf(setup, authorizerAppid));
}

/** The kept grant of this authorization code, whichever account it is (the redirect page knows only the code). */
export function keptGrantOfCode(setup: ComponentSetup, codeFingerprint: string): Grant | undefined {
  for (const [key, grant] of pending) {
    if (key.startsWith(`${setup.id}|`) && grant.codeFingerprint === codeFingerprint) return grant;
  }
  return undefined;
}

/** Writes a kept grant (compare-and-set with retries inside the deadline); forgotten only once written. */
export async function saveGrant(setup: ComponentSetup, grant: Grant, deadline: Deadline): Promise<RecordOutcome> {
  const outcome = await setup.registry.recordAuthorization(grant, deadline);
  if (pending.get(keyOf(setup, grant.authorizerAppid)) === grant) pending.delete(keyOf(setup, grant.authorizerAppid));
  return outcome;
}

/** Every grant this instance still keeps, written now; one that fails again stays kept (and is logged). */
export async function saveKeptGrants(setup: ComponentSetup, deadline: Deadline, log: Logger, except?: string): Promise<void> {
  for (const [key, grant] of [...pending]) {
    if (!key.startsWith(`${setup.id}|`) || grant.authorizerAppid === except) continue;
    try {
      log.info('kept authorization saved', { authorizerAppid: grant.authorizerAppid, outcome: await saveGrant(setup, grant, deadline) });
    } catch (thrown) {
      const error = toWxError(thrown);
      log.error('kept authorization still not saved', { authorizerAppid: grant.authorizerAppid, errCode: error.code, reason: error.message });
    }
  }
}
