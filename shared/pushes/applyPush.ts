import { findByCodeFingerprint } from '../authorizers/authorizerLifecycle';
import { fingerprint, type RecordOutcome } from '../authorizers/authorizerRegistry';
import { authorizerTokenKey } from '../authorizers/authorizerTokenKey';
import type { ComponentSetup } from '../authorizers/componentSetup';
import { FUNC_SET, FUNC_SET_NAMES } from '../authorizers/funcSets';
import { cloudCollection } from '../database/cloudDatabase';
import { toWxError, UPSTREAM } from '../errors';
import { APPID_PATTERN } from '../schemas/appid';
import type { Logger } from '../core/logger';
import { registerSecret } from '../secrets/redact';
import { ticketKey } from '../tokens/fetchers/componentTokenFetcher';
import type { Deadline } from '../core/deadline';
import { exchangeAuthorizationCode } from './exchangeAuthorizationCode';
import { keepGrant, keptGrant, keptGrantOfCode, saveGrant, saveKeptGrants, type Grant } from './pendingGrants';
import { textField } from './flatXml';
import type { OpenedPush } from './openPush';
import { refusal } from './openPush';

export interface PushResult {
  infoType: string;
  outcome: RecordOutcome | 'ignored';
  authorizerAppid?: string;
}

/**
 * What each InfoType does (docs/platform/pushes.md). WeChat
 * delivers a push again when it did not get `success` in time, so each is idempotent: the
 * same ticket, the same authorization code or a revocation already recorded change nothing,
 * and a push older than what was applied last is skipped. An authorization's exchange cannot be
 * repeated (the code works once), so what it returned is kept in the instance before its write
 * can fail, and written on the redelivery (docs/authorizer-lifecycle.md, "Authorization pushes").
 */
export async function applyPush(push: OpenedPush, setup: ComponentSetup, deadline: Deadline, log: Logger): Promise<PushResult> {
  const { infoType, fields, createdAt } = push;
  switch (infoType) {
    case 'component_verify_ticket': {
      const ticket = textField(fields, 'ComponentVerifyTicket');
      if (!ticket) throw refusal(400, 'no ComponentVerifyTicket');
      registerSecret(ticket);
      await saveKeptGrants(setup, deadline, log);
      return { infoType, outcome: await storeTicket(setup, ticket, createdAt, deadline) };
    }
    case 'authorized':
    case 'updateauthorized': {
      const authorizerAppid = authorizerOf(push);
      const code = textField(fields, 'AuthorizationCode');
      if (!code) throw refusal(400, 'no AuthorizationCode');
      const { outcome } = await storeAuthorization(setup, { code, authorizerAppid, eventAt: createdAt }, deadline, log);
      return { infoType, outcome, authorizerAppid };
    }
    case 'unauthorized': {
      const authorizerAppid = authorizerOf(push);
      await saveKeptGrants(setup, deadline, log);
      const outcome = await setup.registry.revoke(authorizerAppid, createdAt, deadline);
      if (outcome === 'stored') await dropFormerTokenDocument(setup, authorizerAppid, deadline);
      return { infoType, outcome, authorizerAppid };
    }
    default:
      // Acknowledged so WeChat stops delivering it; nothing here needs it (yet).
      return { infoType, outcome: 'ignored' };
  }
}

export interface StoredAuthorization {
  outcome: RecordOutcome;
  authorizerAppid: string;
  /** The permission sets granted, as exchanged now or as the registry holds them (null: unknown). */
  funcIds?: number[] | null;
}

/**
 * One authorization code, exchanged (api_query_auth) and stored in the registry: what an
 * `authorized` / `updateauthorized` push does (it names the account), and what the authorization
 * redirect page does with its `auth_code` (shared/component/redirectPage.ts; it knows only the
 * code). Whichever arrives first stores the account, once: the other finds the code in the
 * registry (`codeFingerprint`) and changes nothing. The exchange uses the code up, so what it
 * returned is kept in the instance before its write can fail (pendingGrants.ts), and the write is
 * a compare-and-set tried again inside the deadline (docs/authorizer-lifecycle.md,
 * "Authorization pushes"). `61010` for a code already stored, or for an account the registry
 * holds, is done; otherwise it is thrown (the push answers 500, the redirect page waits a moment
 * for a concurrent push and then says so).
 */
export async function storeAuthorization(
  setup: ComponentSetup,
  authorization: { code: string; authorizerAppid?: string; eventAt: number },
  deadline: Deadline,
  log: Logger,
): Promise<StoredAuthorization> {
  const { code, authorizerAppid: named, eventAt } = authorization;
  registerSecret(code);
  const codeFingerprint = fingerprint(code);
  // This instance exchanged this very code before and could not write what it returned.
  const kept = named !== undefined ? keptGrant(setup, named) : keptGrantOfCode(setup, codeFingerprint);
  if (kept?.codeFingerprint === codeFingerprint) return stored(setup, kept, deadline);
  await saveKeptGrants(setup, deadline, log, named);
  // A push reads its account's record; the redirect page can only look the code up.
  const existing = named !== undefined ? await setup.registry.read(named, deadline) : await findByCodeFingerprint(setup, codeFingerprint, deadline);
  if (existing?.codeFingerprint === codeFingerprint) return { outcome: 'duplicate', authorizerAppid: existing.authorizerAppid, funcIds: existing.funcIds };
  // An older push than the last one applied: its code is not spent on an outdated grant.
  if (named !== undefined && existing && existing.lastEventAt > eventAt) return { outcome: 'stale', authorizerAppid: named, funcIds: existing.funcIds };
  let granted;
  try {
    granted = await exchangeAuthorizationCode(setup, code, deadline);
  } catch (thrown) {
    const error = toWxError(thrown);
    if (error.code === UPSTREAM.AUTHORIZATION_CODE_INVALID) {
      // Used already. Stored meanwhile by whoever exchanged it (the push or the redirect page):
      // done. Or, for an account the registry holds (another instance exchanged it and its write
      // failed, or long ago): there is nothing to add; answering an error would only bring it back.
      const storedMeanwhile = await findByCodeFingerprint(setup, codeFingerprint, deadline).catch(() => undefined);
      if (storedMeanwhile) return { outcome: 'duplicate', authorizerAppid: storedMeanwhile.authorizerAppid, funcIds: storedMeanwhile.funcIds };
      if (named !== undefined && existing && !existing.revoked && existing.refreshToken !== '') {
        log.warn('authorization code already used; the account is held, nothing stored', { authorizerAppid: named, errCode: error.code });
        return { outcome: 'duplicate', authorizerAppid: named, funcIds: existing.funcIds };
      }
    }
    throw error;
  }
  if (named !== undefined && granted.authorizerAppid !== named) throw refusal(400, 'AuthorizationCode belongs to another account');
  const grant = { ...granted, eventAt, codeFingerprint };
  keepGrant(setup, grant);
  for (const id of [FUNC_SET.HALF_SCREEN, FUNC_SET.PLUGIN_MANAGEMENT]) {
    if (!granted.funcIds.includes(id)) log.warn('permission set not granted', { authorizerAppid: granted.authorizerAppid, funcSet: id, name: FUNC_SET_NAMES[id] });
  }
  return stored(setup, grant, deadline);
}

/** Writes a grant (the registry retries inside the deadline); throws, and keeps it, when it cannot. */
async function stored(setup: ComponentSetup, grant: Grant, deadline: Deadline): Promise<StoredAuthorization> {
  const outcome = await saveGrant(setup, grant, deadline);
  if (outcome === 'stored') await dropFormerTokenDocument(setup, grant.authorizerAppid, deadline);
  return { outcome, authorizerAppid: grant.authorizerAppid, funcIds: grant.funcIds };
}

function authorizerOf(push: OpenedPush): string {
  const appid = textField(push.fields, 'AuthorizerAppid');
  if (!appid || !APPID_PATTERN.test(appid)) throw refusal(400, 'AuthorizerAppid expected');
  return appid;
}

/** Where the component token fetcher reads it: `{ _id: "verify_ticket:<appid>", ticket }` in the token collection. */
async function storeTicket(setup: ComponentSetup, ticket: string, createdAt: number, deadline: Deadline): Promise<RecordOutcome> {
  const tokens = cloudCollection(setup.tokenCollection);
  const id = ticketKey(setup.config.componentAppid);
  const existing = (await tokens.run((c) => c.where({ _id: id }).get(), deadline, 'reading the verify ticket')).data[0] as { ticket?: unknown; createdAt?: unknown } | undefined;
  if (existing?.ticket === ticket) {
    // WeChat may push the same ticket again: a newer push still says the pushes arrive (its
    // CreateTime is the ticket's age in componentAdmin status); a redelivery changes nothing.
    if (typeof existing.createdAt === 'number' && createdAt > existing.createdAt) {
      await tokens.run((c) => c.where({ _id: id }).update({ data: { createdAt, updatedAt: deadline.clock.now() } }), deadline, 'noting the verify ticket again');
    }
    return 'duplicate';
  }
  if (typeof existing?.createdAt === 'number' && existing.createdAt > createdAt) return 'stale';
  await tokens.run((c) => c.doc(id).set({ data: { ticket, createdAt, updatedAt: deadline.clock.now() } }), deadline, 'storing the verify ticket');
  return 'stored';
}

/**
 * Drops what the token collection held for this authorizer before its token moved into its
 * record (a grant or a revocation replaces it). Best effort: the record is what counts.
 */
async function dropFormerTokenDocument(setup: ComponentSetup, authorizerAppid: string, deadline: Deadline): Promise<void> {
  const key = authorizerTokenKey(setup.config.componentAppid, authorizerAppid);
  await cloudCollection(setup.tokenCollection).run((c) => c.where({ _id: key }).remove(), deadline, 'dropping the former authorizer token').catch(() => undefined);
}
