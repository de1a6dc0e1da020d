import { cloudCollection, type CloudCollection } from '../database/cloudDatabase';
import { toWxError, UPSTREAM } from '../errors';
import type { Deadline } from '../core/deadline';
import type { Logger } from '../core/logger';
import { registerSecret } from '../secrets/redact';
import { fingerprint, type AuthorizerRecord } from './authorizerRegistry';
import { authorizerTokenKey } from './authorizerTokenKey';
import type { ComponentSetup } from './componentSetup';

/**
 * The registry operations of a third-party platform's recovery (docs/third-party-lifecycle.md):
 * what reconcile does with WeChat's authorizer list (add, repair, revoke, names and avatars),
 * what the authorization redirect page looks up, and the mark a failed token refresh leaves.
 * They work on the registry's documents (authorizerRegistry.ts: one per component and
 * authorizer, `_id` `<component>:<authorizer>`), each change a compare-and-set on what was read,
 * so that a push or a token rotation that lands meanwhile is never overwritten.
 */

/** What this file adds to a registry document. */
export interface LifecycleFields {
  /** api_get_authorizer_info's account details, when last read. */
  info?: AuthorizerInfo;
  /** A call met 61003 or 61023 for this account: the next reconcile repairs or revokes it. */
  attention?: { code: number; at: number };
}

export type LifecycleRecord = AuthorizerRecord & LifecycleFields;

/** What api_get_authorizer_info says about an account (no token of any kind). */
export interface AuthorizerInfo {
  nickName?: string;
  headImg?: string;
  principalName?: string;
  /** The original ID (`gh_…`). */
  userName?: string;
  serviceType?: number;
  verifyType?: number;
  /** Epoch ms. */
  fetchedAt: number;
}

/** CloudBase's "duplicate key" (an add() whose _id exists): the compare-and-set of a creation lost, as in shared/sync/lease.ts. */
export const DUPLICATE_KEY = -502001;

/** The registry document of one account (as authorizerRegistry.ts names it). */
export const authorizerDocId = (componentAppid: string, authorizerAppid: string): string => `${componentAppid}:${authorizerAppid}`;

/** Where reconcile keeps its progress, lease and last result, and where marks ask for a run: the token collection. */
export const reconcileStateKey = (componentAppid: string): string => `reconcile:${componentAppid}`;

function registry(setup: ComponentSetup): CloudCollection {
  return cloudCollection(setup.registry.collectionName);
}

function adopt(doc: unknown): LifecycleRecord | undefined {
  if (doc === null || typeof doc !== 'object') return undefined;
  const record = doc as LifecycleRecord;
  registerSecret(record.refreshToken);
  return record;
}

/** The registry's records of these accounts (at most 1000 at once, the most one read returns), by appid. */
export async function readAuthorizers(setup: ComponentSetup, appids: readonly string[], deadline: Deadline): Promise<Map<string, LifecycleRecord>> {
  const found = new Map<string, LifecycleRecord>();
  if (appids.length === 0) return found;
  const ids = appids.map((appid) => authorizerDocId(setup.config.componentAppid, appid));
  const result = await registry(setup).run((c, _) => c.where({ _id: _.in(ids) }).limit(1000).get(), deadline, 'reading the listed authorizers');
  for (const doc of result.data) {
    const record = adopt(doc);
    if (record) found.set(record.authorizerAppid, record);
  }
  return found;
}

/** The account whose authorization code has this fingerprint, if one was stored (by a push or the redirect page). */
export async function findByCodeFingerprint(setup: ComponentSetup, codeFingerprint: string, deadline: Deadline): Promise<LifecycleRecord | undefined> {
  const result = await registry(setup).run(
    (c) => c.where({ componentAppid: setup.config.componentAppid, codeFingerprint }).limit(1).get(),
    deadline,
    'looking up the authorization code',
  );
  return adopt(result.data[0]);
}

export type AdoptOutcome = 'added' | 'repaired' | 'unchanged';

/**
 * One account WeChat lists (api_get_authorizer_list), against what the registry held when it was
 * read (`read`). New: added with the listed refresh token. Held with another token, or revoked:
 * WeChat's list wins when what is held is older than the list page (`listedAt`) or known to fail
 * (a call met 61003 / 61023 for it); a record changed after the page was read (a push, a
 * rotation) is newer than the list and kept. Every write is conditional on the record still being
 * what was read; one that lost that race is counted unchanged (the winner holds a newer truth).
 */
export async function adoptListedRefreshToken(
  setup: ComponentSetup,
  listed: { authorizerAppid: string; refreshToken: string; authTime: number },
  read: LifecycleRecord | undefined,
  listedAt: number,
  deadline: Deadline,
): Promise<AdoptOutcome> {
  const { componentAppid } = setup.config;
  const { authorizerAppid, refreshToken, authTime } = listed;
  registerSecret(refreshToken);
  const collection = registry(setup);
  const now = Date.now();
  if (!read) {
    // The environment's own account keeps its seed's fingerprint, so the variable does not
    // seed over WeChat's token later (authorizerRegistry.ts `seed`).
    const seed = authorizerAppid === setup.config.authorizerAppid ? setup.config.refreshToken : undefined;
    const record: AuthorizerRecord = {
      _id: authorizerDocId(componentAppid, authorizerAppid),
      componentAppid, authorizerAppid, refreshToken, funcIds: null, authorizedAt: authTime, revoked: false,
      lastEventAt: 0, source: 'reconcile', updatedAt: now,
      ...(seed === undefined ? {} : { seedFingerprint: fingerprint(seed) }),
    };
    try {
      // add() with the _id is itself the compare-and-set: it fails if the record appeared meanwhile.
      await collection.run((c) => c.add({ data: record }), deadline, 'adding a listed authorizer');
      return 'added';
    } catch (thrown) {
      if (toWxError(thrown).code !== DUPLICATE_KEY) throw thrown;
      return 'unchanged';
    }
  }
  const holdsIt = !read.revoked && read.refreshToken === refreshToken;
  if (holdsIt) return 'unchanged';
  const listWins = read.updatedAt < listedAt || read.attention !== undefined;
  if (!listWins) return 'unchanged';
  const updated = await collection.run(
    (c, _) =>
      c.where({ _id: read._id, updatedAt: read.updatedAt, refreshToken: read.refreshToken, revoked: read.revoked }).update({
        data: {
          refreshToken,
          revoked: false,
          revokedAt: _.remove(),
          attention: _.remove(),
          // Authorized again after a revocation whose push arrived (and whose re-authorization push
          // did not): the old unauthorized push, redelivered, is older than the list and changes
          // nothing; a push sent after the page was read is newer and still applies.
          ...(read.revoked ? { authorizedAt: authTime, lastEventAt: Math.max(read.lastEventAt + 1, listedAt) } : {}),
          updatedAt: now,
        },
      }),
    deadline,
    'repairing a listed authorizer',
  );
  return updated.stats.updated === 1 ? 'repaired' : 'unchanged';
}

/**
 * An account the registry holds as authorized that a COMPLETE pull of WeChat's list did not
 * contain: marked revoked and its cached access token dropped, as an unauthorized push would.
 * Conditional on the record being what was read; a record changed since the pull began (an
 * authorization meanwhile) is left alone. `pullStartedAt` becomes its last event time, so a push
 * sent after the pull began still wins.
 */
export async function markRevokedUnlisted(setup: ComponentSetup, read: LifecycleRecord, pullStartedAt: number, deadline: Deadline): Promise<boolean> {
  if (read.revoked || read.updatedAt >= pullStartedAt) return false;
  const now = Date.now();
  const updated = await registry(setup).run(
    (c, _) =>
      c.where({ _id: read._id, updatedAt: read.updatedAt, revoked: false }).update({
        data: { revoked: true, revokedAt: now, refreshToken: '', lastEventAt: Math.max(read.lastEventAt, pullStartedAt), attention: _.remove(), updatedAt: now },
      }),
    deadline,
    'revoking an authorizer WeChat no longer lists',
  );
  if (updated.stats.updated !== 1) return false;
  const key = authorizerTokenKey(setup.config.componentAppid, read.authorizerAppid);
  await cloudCollection(setup.tokenCollection).run((c) => c.where({ _id: key }).remove(), deadline, 'dropping the cached authorizer token');
  return true;
}

/**
 * Names, avatar and principal (api_get_authorizer_info), and the permission sets the account
 * grants now. Touches neither the token nor `updatedAt`: these are facts about the account, not
 * about its credentials.
 */
export async function saveInfo(setup: ComponentSetup, authorizerAppid: string, info: AuthorizerInfo, funcIds: number[] | undefined, deadline: Deadline): Promise<void> {
  await registry(setup).run(
    // `set`: the whole object replaces the old one (the SDK would otherwise merge it leaf by leaf).
    (c, _) => c.where({ _id: authorizerDocId(setup.config.componentAppid, authorizerAppid), revoked: false }).update({ data: { info: (_ as unknown as { set(v: unknown): object }).set(info), ...(funcIds ? { funcIds } : {}) } }),
    deadline,
    'saving the authorizer\'s details',
  );
}

/** Every record of this platform, however many (pages of 1000): for the revocation after a complete pull. */
export async function listAllAuthorizers(setup: ComponentSetup, deadline: Deadline): Promise<LifecycleRecord[]> {
  return (await setup.registry.list(deadline)) as LifecycleRecord[];
}

/** How many accounts the registry holds as authorized and as revoked, and how many are marked. */
export async function countAuthorizers(setup: ComponentSetup, deadline: Deadline): Promise<{ active: number; revoked: number; marked: number }> {
  const collection = registry(setup);
  const componentAppid = setup.config.componentAppid;
  const [active, revoked, marked] = await Promise.all([
    collection.run((c) => c.where({ componentAppid, revoked: false }).count(), deadline, 'counting the authorizers'),
    collection.run((c) => c.where({ componentAppid, revoked: true }).count(), deadline, 'counting the revoked authorizers'),
    collection.run((c, _) => c.where({ componentAppid, revoked: false, attention: _.exists(true) }).count(), deadline, 'counting the marked authorizers'),
  ]);
  return { active: active.total, revoked: revoked.total, marked: marked.total };
}

/** The codes after which an account's token cannot be refreshed until reconcile repairs (or revokes) it. */
const RECOVERABLE = new Set<number>([UPSTREAM.COMPONENT_NOT_AUTHORIZED, UPSTREAM.REFRESH_TOKEN_INVALID]);

/**
 * Told when refreshing an authorizer's token failed: on 61003 (the account no longer authorizes
 * the platform) or 61023 (the refresh token is invalid) the account is marked and a reconcile is
 * asked for, which syncLists runs soon after (shared/component/recovery.ts). Its own failure is
 * logged only: the caller's error is what matters.
 */
export async function noteFailedRefresh(setup: ComponentSetup, authorizerAppid: string, thrown: unknown, deadline: Deadline, log: Logger): Promise<void> {
  const error = toWxError(thrown);
  const code = RECOVERABLE.has(error.code) ? error.code : error.body.cause && RECOVERABLE.has(error.body.cause.code) ? error.body.cause.code : undefined;
  if (code === undefined) return;
  await markForReconcile(setup, authorizerAppid, code, deadline).catch((cause: unknown) =>
    log.warn('authorizer not marked for reconcile', { authorizerAppid, code, reason: toWxError(cause).message }),
  );
}

export async function markForReconcile(setup: ComponentSetup, authorizerAppid: string, code: number, deadline: Deadline): Promise<void> {
  const at = Date.now();
  const id = authorizerDocId(setup.config.componentAppid, authorizerAppid);
  await registry(setup).run((c) => c.where({ _id: id, revoked: false }).update({ data: { attention: { code, at } } }), deadline, 'marking the authorizer for reconcile');
  // leaseUntil 0 from the start: reconcile's lease is a compare-and-set on it (reconcileState.ts).
  const state = cloudCollection(setup.tokenCollection);
  const key = reconcileStateKey(setup.config.componentAppid);
  const updated = await state.run((c) => c.where({ _id: key }).update({ data: { dueAt: at } }), deadline, 'asking for a reconcile');
  if (updated.stats.updated === 0) {
    // No reconcile ran yet: the first document. Another instance creating it meanwhile is as good.
    await state.run((c) => c.add({ data: { _id: key, dueAt: at, leaseUntil: 0 } }), deadline, 'asking for a reconcile').catch((thrown: unknown) => {
      if (toWxError(thrown).code !== DUPLICATE_KEY) throw thrown;
    });
  }
}

/** What a caller may see of an account's details: its name, avatar and principal. */
export function infoView(record: LifecycleRecord): { nickName?: string; headImg?: string; principalName?: string; infoFetchedAt?: number; attention?: { code: number; at: number } } {
  const info = record.info;
  return {
    ...(info?.nickName ? { nickName: info.nickName } : {}),
    ...(info?.headImg ? { headImg: info.headImg } : {}),
    ...(info?.principalName ? { principalName: info.principalName } : {}),
    ...(info?.fetchedAt ? { infoFetchedAt: info.fetchedAt } : {}),
    ...(record.attention ? { attention: { code: record.attention.code, at: record.attention.at } } : {}),
  };
}
