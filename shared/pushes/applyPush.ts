import { fingerprint, type RecordOutcome } from '../authorizers/authorizerRegistry';
import { authorizerTokenKey } from '../authorizers/authorizerTokenKey';
import type { ComponentSetup } from '../authorizers/componentSetup';
import { FUNC_SET, FUNC_SET_NAMES } from '../authorizers/funcSets';
import { cloudCollection } from '../database/cloudDatabase';
import { toWxError } from '../errors';
import { APPID_PATTERN } from '../schemas/appid';
import type { Logger } from '../core/logger';
import { registerSecret } from '../secrets/redact';
import { ticketKey } from '../tokens/fetchers/componentTokenFetcher';
import type { Deadline } from '../core/deadline';
import { exchangeAuthorizationCode } from './exchangeAuthorizationCode';
import { keepGrant, keptGrant, saveGrant, saveKeptGrants } from './pendingGrants';
import { textField } from './flatXml';
import type { OpenedPush } from './openPush';
import { refusal } from './openPush';

export interface PushResult {
  infoType: string;
  outcome: RecordOutcome | 'ignored';
  authorizerAppid?: string;
}

/** api_query_auth: the authorization code expired or was used already. */
const CODE_USED = 61010;

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
      registerSecret(code);
      const codeFingerprint = fingerprint(code);
      // This instance exchanged this very code before and could not write what it returned.
      const kept = keptGrant(setup, authorizerAppid);
      if (kept?.codeFingerprint === codeFingerprint) return { infoType, outcome: await stored(setup, kept, deadline), authorizerAppid };
      await saveKeptGrants(setup, deadline, log, authorizerAppid);
      const existing = await setup.registry.read(authorizerAppid, deadline);
      if (existing?.codeFingerprint === codeFingerprint) return { infoType, outcome: 'duplicate', authorizerAppid };
      // An older push than the last one applied: its code is not spent on an outdated grant.
      if (existing && existing.lastEventAt > createdAt) return { infoType, outcome: 'stale', authorizerAppid };
      let granted;
      try {
        granted = await exchangeAuthorizationCode(setup, code, deadline);
      } catch (thrown) {
        const error = toWxError(thrown);
        // Used already (by another instance whose write failed, or long ago): for an account the
        // registry holds, there is nothing to add; answering an error would only bring it back.
        if (error.code === CODE_USED && existing && !existing.revoked && existing.refreshToken !== '') {
          log.warn('authorization code already used; the account is held, nothing stored', { authorizerAppid, errCode: error.code });
          return { infoType, outcome: 'duplicate', authorizerAppid };
        }
        throw error;
      }
      if (granted.authorizerAppid !== authorizerAppid) throw refusal(400, 'AuthorizationCode belongs to another account');
      const grant = { ...granted, eventAt: createdAt, codeFingerprint };
      keepGrant(setup, grant);
      for (const id of [FUNC_SET.HALF_SCREEN, FUNC_SET.PLUGIN_MANAGEMENT]) {
        if (!granted.funcIds.includes(id)) log.warn('permission set not granted', { authorizerAppid, funcSet: id, name: FUNC_SET_NAMES[id] });
      }
      return { infoType, outcome: await stored(setup, grant, deadline), authorizerAppid };
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

/** Writes a grant (the registry retries inside the deadline); throws, and keeps it, when it cannot. */
async function stored(setup: ComponentSetup, grant: Parameters<typeof saveGrant>[1], deadline: Deadline): Promise<RecordOutcome> {
  const outcome = await saveGrant(setup, grant, deadline);
  if (outcome === 'stored') await dropFormerTokenDocument(setup, grant.authorizerAppid, deadline);
  return outcome;
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
  if (existing?.ticket === ticket) return 'duplicate';
  if (typeof existing?.createdAt === 'number' && existing.createdAt > createdAt) return 'stale';
  await tokens.run((c) => c.doc(id).set({ data: { ticket, createdAt, updatedAt: Date.now() } }), deadline, 'storing the verify ticket');
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
