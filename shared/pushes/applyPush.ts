import { fingerprint, type RecordOutcome } from '../authorizers/authorizerRegistry';
import { authorizerTokenKey } from '../authorizers/authorizerTokenKey';
import type { ComponentSetup } from '../authorizers/componentSetup';
import { FUNC_SET, FUNC_SET_NAMES } from '../authorizers/funcSets';
import { cloudCollection } from '../database/cloudDatabase';
import { APPID_PATTERN } from '../schemas/appid';
import type { Logger } from '../core/logger';
import { registerSecret } from '../secrets/redact';
import { ticketKey } from '../tokens/fetchers/componentTokenFetcher';
import type { Deadline } from '../core/deadline';
import { exchangeAuthorizationCode } from './exchangeAuthorizationCode';
import { textField } from './flatXml';
import type { OpenedPush } from './openPush';
import { refusal } from './openPush';

export interface PushResult {
  infoType: string;
  outcome: RecordOutcome | 'ignored';
  authorizerAppid?: string;
}


/**
 * What each InfoType does (platform-notes.md, "Pushes to a third-party platform"). WeChat
 * delivers a push again when it did not get `success` in time, so each is idempotent: the
 * same ticket, the same authorization code or a revocation already recorded change nothing,
 * and a push older than what was applied last is skipped.
 */
export async function applyPush(push: OpenedPush, setup: ComponentSetup, deadline: Deadline, log: Logger): Promise<PushResult> {
  const { infoType, fields, createdAt } = push;
  switch (infoType) {
    case 'component_verify_ticket': {
      const ticket = textField(fields, 'ComponentVerifyTicket');
      if (!ticket) throw refusal(400, 'no ComponentVerifyTicket');
      registerSecret(ticket);
      return { infoType, outcome: await storeTicket(setup, ticket, createdAt, deadline) };
    }
    case 'authorized':
    case 'updateauthorized': {
      const authorizerAppid = authorizerOf(push);
      const code = textField(fields, 'AuthorizationCode');
      if (!code) throw refusal(400, 'no AuthorizationCode');
      const stored = await storeAuthorization(setup, { code, authorizerAppid, eventAt: createdAt }, deadline, log);
      return { infoType, outcome: stored.outcome, authorizerAppid };
    }
    case 'unauthorized': {
      const authorizerAppid = authorizerOf(push);
      const outcome = await setup.registry.revoke(authorizerAppid, createdAt, deadline);
      if (outcome === 'stored') await dropAuthorizerToken(setup, authorizerAppid, deadline);
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
  /** The permission sets granted, when the code was exchanged now (not for a duplicate). */
  funcIds?: number[];
}

/**
 * One authorization code, exchanged (api_query_auth) and stored in the registry: what an
 * `authorized` / `updateauthorized` push does, and what the authorization redirect page does with
 * its `auth_code` (shared/component/redirectPage.ts), so that an account is stored once whichever
 * arrives first. With `authorizerAppid` (a push names it), a code already exchanged for that
 * account is not exchanged again, and a code of another account is refused.
 */
export async function storeAuthorization(
  setup: ComponentSetup,
  grant: { code: string; authorizerAppid?: string; eventAt: number },
  deadline: Deadline,
  log: Logger,
): Promise<StoredAuthorization> {
  const { code, authorizerAppid: expected, eventAt } = grant;
  registerSecret(code);
  const codeFingerprint = fingerprint(code);
  if (expected !== undefined && (await setup.registry.alreadyExchanged(expected, codeFingerprint, deadline))) return { outcome: 'duplicate', authorizerAppid: expected };
  const granted = await exchangeAuthorizationCode(setup, code, deadline);
  if (expected !== undefined && granted.authorizerAppid !== expected) throw refusal(400, 'AuthorizationCode belongs to another account');
  const authorizerAppid = granted.authorizerAppid;
  for (const id of [FUNC_SET.HALF_SCREEN, FUNC_SET.PLUGIN_MANAGEMENT]) {
    if (!granted.funcIds.includes(id)) log.warn('permission set not granted', { authorizerAppid, funcSet: id, name: FUNC_SET_NAMES[id] });
  }
  const outcome = await setup.registry.recordAuthorization({ ...granted, eventAt, codeFingerprint }, deadline);
  // A new grant replaces whatever token the old one had.
  if (outcome === 'stored') await dropAuthorizerToken(setup, authorizerAppid, deadline);
  return { outcome, authorizerAppid, funcIds: granted.funcIds };
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
      await tokens.run((c) => c.where({ _id: id }).update({ data: { createdAt, updatedAt: Date.now() } }), deadline, 'noting the verify ticket again');
    }
    return 'duplicate';
  }
  if (typeof existing?.createdAt === 'number' && existing.createdAt > createdAt) return 'stale';
  await tokens.run((c) => c.doc(id).set({ data: { ticket, createdAt, updatedAt: Date.now() } }), deadline, 'storing the verify ticket');
  return 'stored';
}

/** Drops the shared cached authorizer token: the next call refreshes with what the registry holds now. */
async function dropAuthorizerToken(setup: ComponentSetup, authorizerAppid: string, deadline: Deadline): Promise<void> {
  const key = authorizerTokenKey(setup.config.componentAppid, authorizerAppid);
  await cloudCollection(setup.tokenCollection).run((c) => c.where({ _id: key }).remove(), deadline, 'dropping the cached authorizer token');
}
