import { cloudCollection, type CloudCollection } from '../database/cloudDatabase';
import { toWxError, UPSTREAM } from '../errors';
import type { Deadline } from '../core/deadline';
import type { Logger } from '../core/logger';
import { registerSecret } from '../secrets/redact';
import { fingerprint, grantFields, REMOVE, type AuthorizerInfo, type AuthorizerRecord, type Decision } from './authorizerRegistry';
import { authorizerTokenKey } from './authorizerTokenKey';
import type { ComponentSetup } from './componentSetup';

/**
 * The registry operations of a third-party platform's recovery (docs/third-party-lifecycle.md):
 * what reconcile does with WeChat's authorizer list (add, repair, revoke, names and avatars),
 * what the authorization redirect page looks up, and the mark a failed token refresh leaves.
 * Every change to a record's tokens or grant goes through `registry.change` (authorizerRegistry.ts):
 * a compare-and-set on the record's `generation`, decided again on what it finds when another
 * writer (a push, a refresh saving a rotated token, a lease) got there first
 * (docs/authorizer-lifecycle.md).
 */

export type { AuthorizerInfo };

/** A record as this file reads it (the registry's record: `info` and `attention` are its fields). */
export type LifecycleRecord = AuthorizerRecord;

/** CloudBase's "duplicate key" (an add() whose _id exists) is among -502001's causes, as in shared/sync/lease.ts. */
export const DUPLICATE_KEY = UPSTREAM.DATABASE_REQUEST_FAILED;

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
  registerSecret(record.accessToken);
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

/** The mark on this record concerns the refresh token it still holds: that token is known to fail. */
export function holdsFailingToken(record: LifecycleRecord): boolean {
  return record.attention !== undefined && !record.revoked && record.refreshToken !== '' && record.attention.token === fingerprint(record.refreshToken);
}

/** One entry of WeChat's authorizer list. */
export interface ListedToken {
  authorizerAppid: string;
  refreshToken: string;
  /** auth_time, epoch ms. */
  authTime: number;
}

/**
 * What reconcile does with one account WeChat lists, page requested at `listedAt`, given the
 * record as it is now (the compare-and-set's decision: run again on the newer record whenever
 * another writer got there first). New: added with the listed refresh token. Held with another
 * token, or revoked: WeChat's list wins when
 * - the record holds a token a refresh found failing (61003 / 61023: the mark's fingerprint is
 *   the held token's), whatever else; or
 * - the record last changed before the page was requested, and no instance holds its refresh
 *   lease now.
 * A record changed after that (a push, a rotation saved, a lease taken) is newer than the list and
 * kept; so is one an instance is refreshing right now: its save decides, and if its token fails
 * the mark asks for the next reconcile. So an older token never replaces a newer one.
 */
export function listedTokenDecision(
  current: LifecycleRecord | undefined,
  listed: ListedToken,
  listedAt: number,
  now: number,
  created: () => Omit<AuthorizerRecord, '_id' | 'generation' | 'updatedAt'>,
): Decision<AdoptOutcome> {
  if (!current) return { create: created(), outcome: 'added' };
  if (!current.revoked && current.refreshToken === listed.refreshToken) return { keep: 'unchanged' };
  if (!holdsFailingToken(current) && (current.updatedAt >= listedAt || (current.leaseUntil ?? 0) > now)) return { keep: 'unchanged' };
  return {
    set: {
      ...grantFields({ refreshToken: listed.refreshToken }),
      revokedAt: REMOVE,
      attention: REMOVE,
      source: 'reconcile',
      // Authorized again after a revocation whose push arrived (and whose re-authorization push
      // did not): the old unauthorized push, redelivered, is older than the list and changes
      // nothing; a push sent after the page was requested is newer and still applies.
      ...(current.revoked ? { authorizedAt: listed.authTime, lastEventAt: Math.max(current.lastEventAt + 1, listedAt) } : {}),
    },
    outcome: 'repaired',
  };
}

/**
 * One account WeChat lists (api_get_authorizer_list), decided by `listedTokenDecision` in a
 * compare-and-set on the record's generation (`registry.change`); `read` is the record as
 * reconcile read it after the page came (the first compare-and-set is tried on it). A rotated
 * token saved in between makes the write miss, and the decision is made again on that newer
 * record, which keeps it.
 */
export async function adoptListedRefreshToken(
  setup: ComponentSetup,
  listed: ListedToken,
  read: LifecycleRecord | undefined,
  listedAt: number,
  deadline: Deadline,
): Promise<AdoptOutcome> {
  const { componentAppid } = setup.config;
  const { authorizerAppid, refreshToken, authTime } = listed;
  registerSecret(refreshToken);
  // The environment's own account keeps its seed's fingerprint: the variable is then known to be
  // older than what the record holds (authorizerRecord.ts warns instead of applying it).
  const seed = authorizerAppid === setup.config.authorizerAppid ? setup.config.refreshToken : undefined;
  const created = () => ({
    componentAppid, authorizerAppid, ...grantFields({ refreshToken }), funcIds: null, authorizedAt: authTime, lastEventAt: 0, source: 'reconcile' as const,
    ...(seed === undefined ? {} : { seedFingerprint: fingerprint(seed) }),
  });
  const { outcome } = await setup.registry.change(
    authorizerAppid,
    (current) => listedTokenDecision(current, listed, listedAt, deadline.clock.now(), created),
    deadline,
    read ? 'repairing a listed authorizer' : 'adding a listed authorizer',
    { known: read },
  );
  return outcome;
}

/**
 * An account the registry holds as authorized that a COMPLETE pull of WeChat's list did not
 * contain: revoked, its tokens and lease dropped, as an unauthorized push would. A compare-and-set
 * like every change: a record changed since the pull began (an authorization meanwhile, a
 * refresh) is left alone. `pullStartedAt` becomes its last event time, so a push sent after the
 * pull began still wins.
 */
export async function markRevokedUnlisted(setup: ComponentSetup, read: LifecycleRecord, pullStartedAt: number, deadline: Deadline): Promise<boolean> {
  const { outcome } = await setup.registry.change(
    read.authorizerAppid,
    (current): Decision<boolean> => {
      if (!current || current.revoked || current.updatedAt >= pullStartedAt) return { keep: false };
      const now = deadline.clock.now();
      return {
        set: {
          revoked: true, revokedAt: now, refreshToken: '', accessToken: '', expiresAt: 0, refreshAt: 0, leaseUntil: 0,
          lastEventAt: Math.max(current.lastEventAt, pullStartedAt), attention: REMOVE,
        },
        outcome: true,
      };
    },
    deadline,
    'revoking an authorizer WeChat no longer lists',
    { known: read },
  );
  if (!outcome) return false;
  // What the token collection held for it before its token moved into the record: best effort.
  const key = authorizerTokenKey(setup.config.componentAppid, read.authorizerAppid);
  await cloudCollection(setup.tokenCollection).run((c) => c.where({ _id: key }).remove(), deadline, 'dropping the former authorizer token').catch(() => undefined);
  return true;
}

/**
 * Names, avatar and principal (api_get_authorizer_info), and the permission sets the account
 * grants now. One conditional update that touches neither the tokens, the lease nor
 * `generation` / `updatedAt`: these are facts about the account, not about its credentials, so a
 * refresh or a push that read the record before stays valid, and a record whose details were read
 * during a pull is not taken for one changed since the pull began.
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
  return setup.registry.list(deadline);
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
 * Told when refreshing an authorizer's token with `refreshToken` failed: on 61003 (the account no
 * longer authorizes the platform) or 61023 (the refresh token is invalid) the account is marked
 * and a reconcile is asked for, which syncLists runs soon after (shared/component/recovery.ts).
 * Its own failure is logged only: the caller's error is what matters.
 */
export async function noteFailedRefresh(setup: ComponentSetup, authorizerAppid: string, refreshToken: string, thrown: unknown, deadline: Deadline, log: Logger): Promise<void> {
  const error = toWxError(thrown);
  const code = RECOVERABLE.has(error.code) ? error.code : error.body.cause && RECOVERABLE.has(error.body.cause.code) ? error.body.cause.code : undefined;
  if (code === undefined) return;
  await markForReconcile(setup, authorizerAppid, refreshToken, code, deadline).catch((cause: unknown) =>
    log.warn('authorizer not marked for reconcile', { authorizerAppid, code, reason: toWxError(cause).message }),
  );
}

/**
 * Marks the record, only while it still holds the refresh token that failed (a token saved
 * meanwhile, by a rotation, a push or a reconcile, is not known to fail), bumping its generation
 * as every change does; then, if it was marked, asks for a reconcile.
 */
export async function markForReconcile(setup: ComponentSetup, authorizerAppid: string, refreshToken: string, code: number, deadline: Deadline): Promise<void> {
  const at = deadline.clock.now();
  const attention = { code, at, token: fingerprint(refreshToken) };
  const marked = await setup.registry.updateWhere(
    authorizerAppid,
    () => ({ refreshToken, revoked: false }),
    (_) => ({ attention: (_ as unknown as { set(v: unknown): object }).set(attention), generation: _.inc(1) }),
    deadline,
    'marking the authorizer for reconcile',
  );
  if (marked === 0) return;
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

/** What a caller may see of an account's details: its name, avatar and principal, and a mark (without its fingerprint). */
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
