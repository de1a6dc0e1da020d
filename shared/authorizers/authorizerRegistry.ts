import { envValue } from '../core/envValue';
import type * as NodeCrypto from 'node:crypto';
import { cloudCollection, type CloudCollection, type Command } from '../database/cloudDatabase';
import { LOCAL, toWxError } from '../errors';
import { readAll } from '../database/pagedRead';
import { registerSecret } from '../secrets/redact';
import type { Deadline } from '../core/deadline';
import { schedule } from '../tokens/refreshSchedule';
import { currentClock } from '../core/clock';

export const DEFAULT_AUTHORIZER_COLLECTION = 'wx_authorizers';

/** AUTHORIZER_COLLECTION, or the default when unset or empty. */
export function authorizerCollectionName(env: NodeJS.ProcessEnv): string {
  return envValue(env, 'AUTHORIZER_COLLECTION') ?? DEFAULT_AUTHORIZER_COLLECTION;
}

/**
 * Everything the platform holds for one account that authorized it: one document per
 * (component, authorizer) in AUTHORIZER_COLLECTION, the single source of truth for the account's
 * refresh token, its current access token and the lease on refreshing it
 * (docs/authorizer-lifecycle.md). Every change is a compare-and-set on `generation`. Never returned
 * to a caller as is (it holds tokens): see `publicView`.
 */
export interface AuthorizerRecord {
  _id: string;
  componentAppid: string;
  authorizerAppid: string;
  /** The newest authorizer_refresh_token WeChat gave; '' once revoked. */
  refreshToken: string;
  /** Bumped by every change; absent only in records written before it existed (merged on first use). */
  generation?: number;
  /** The current authorizer_access_token and its times (epoch ms), when one was fetched. */
  accessToken?: string;
  expiresAt?: number;
  refreshAt?: number;
  /** An instance saw `accessToken` rejected: the next call refreshes. */
  rejected?: boolean;
  /** The refresh lease: one instance refreshes at a time, until `leaseUntil`. */
  leaseUntil?: number;
  leaseOwner?: string;
  /** When `refreshToken` was last written (epoch ms). */
  refreshTokenAt?: number;
  /** Granted permission sets; `null` when unknown (seeded from AUTHORIZER_REFRESH_TOKEN). */
  funcIds: number[] | null;
  /** Epoch ms: the push's CreateTime, or when the environment seeded it. */
  authorizedAt: number;
  revoked: boolean;
  revokedAt?: number;
  /** CreateTime (epoch ms) of the last push applied: older pushes change nothing. */
  lastEventAt: number;
  /** Fingerprint of the last AuthorizationCode exchanged: a redelivered push is not exchanged again. */
  codeFingerprint?: string;
  /** Fingerprint of the AUTHORIZER_REFRESH_TOKEN that created it. */
  seedFingerprint?: string;
  /** Who wrote the refresh token: a push, the environment's seed, or reconcile from WeChat's authorizer list. */
  source: 'push' | 'environment' | 'reconcile';
  /** The account's names, avatar and principal (api_get_authorizer_info), when reconcile last read them. */
  info?: AuthorizerInfo;
  /**
   * A refresh with the refresh token this record still holds met 61003 or 61023: the next
   * reconcile repairs the account from WeChat's list, or revokes it (authorizerLifecycle.ts).
   * `token` is the failing refresh token's fingerprint; a record holding another token is not
   * failing, whatever the mark says.
   */
  attention?: { code: number; at: number; token: string };
  updatedAt: number;
}

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

export type RecordOutcome = 'stored' | 'duplicate' | 'stale';

/** node:crypto on first need, so the fixed-token path never loads it (cold start). */
export const fingerprint = (value: string): string =>
  (require('node:crypto') as typeof NodeCrypto).createHash('sha256').update(value).digest('hex').slice(0, 16);

/** Fields of a change: a value to set, or REMOVE to drop the field. */
export const REMOVE: unique symbol = Symbol('remove');
export type RecordFields = { [K in keyof AuthorizerRecord]?: AuthorizerRecord[K] | typeof REMOVE };

/**
 * What a compare-and-set makes of the record it read: leave it (with an outcome), write these
 * fields over it, or create it (only if it does not exist: a duplicate _id means another instance
 * created it first, and the record is read and decided again).
 */
export type Decision<T> =
  | { keep: T }
  | { set: RecordFields; outcome: T }
  | { create: Omit<AuthorizerRecord, '_id' | 'generation' | 'updatedAt'>; outcome: T };

export interface ChangeOptions {
  /** The record as the caller just read it: the first compare-and-set is tried on it without reading again. */
  known?: AuthorizerRecord;
  /** Still tried when an earlier database step of this call ran out of time (a refresh token must be saved). */
  evenIfStalled?: boolean;
  /** How many times a transient failure is tried again (each time after reading again), inside the deadline. */
  retries?: number;
}

/** What WeChat just gave for an account: a fresh authorization, or its entry in the authorizer list. */
export interface WeChatRefreshToken {
  refreshToken: string;
  /** The access token that came with it (api_query_auth), if any, and its life in seconds. */
  accessToken?: string;
  expiresIn?: number;
  /** Granted permission sets, when WeChat said. */
  funcIds?: number[];
  source: AuthorizerRecord['source'];
}

export interface AuthorizerRegistry {
  readonly collectionName: string;
  read(authorizerAppid: string, deadline: Deadline, options?: { evenIfStalled?: boolean }): Promise<AuthorizerRecord | undefined>;
  /** Every record, however many (pages of 1000, the most one database read returns). */
  list(deadline: Deadline): Promise<AuthorizerRecord[]>;
  /** One page in appid order, and how many there are in all. */
  listPage(offset: number, limit: number, deadline: Deadline): Promise<{ records: AuthorizerRecord[]; total: number }>;
  /**
   * The one way a record changes: read it (or take `options.known`), decide, and write with a
   * compare-and-set on the generation read (and on the refresh token read, so a writer that does
   * not know the generation cannot be overwritten either); lost to another writer, read again
   * and decide again. Transient failures are tried again inside the deadline. Resolves to the
   * record as written (or as read, when kept) and the decision's outcome.
   */
  change<T>(authorizerAppid: string, decide: (record: AuthorizerRecord | undefined) => Decision<T>, deadline: Deadline, what: string, options?: ChangeOptions): Promise<{ record: AuthorizerRecord | undefined; outcome: T }>;
  /** One conditional update of the record (no read): how many documents it changed (0 or 1). */
  updateWhere(authorizerAppid: string, condition: (command: Command) => object, fields: (command: Command) => object, deadline: Deadline, what: string, options?: { evenIfStalled?: boolean }): Promise<number>;
  /** An authorized / updateauthorized push, after its code was exchanged. */
  recordAuthorization(
    grant: { authorizerAppid: string; refreshToken: string; accessToken?: string; expiresIn?: number; funcIds: number[]; eventAt: number; codeFingerprint: string },
    deadline: Deadline,
  ): Promise<RecordOutcome>;
  revoke(authorizerAppid: string, eventAt: number, deadline: Deadline): Promise<RecordOutcome>;
  /**
   * Replaces an account's refresh token with one WeChat just gave (a fresh authorization, or its
   * entry in api_get_authorizer_list), creating the record if there is none; a compare-and-set like
   * every change. `ifStoredIs`: only if the record still holds that refresh token (e.g. the one
   * WeChat answered 61023 to), so a token another instance saved meanwhile is never replaced.
   * The access token stored with the old one is dropped unless WeChat gave a new one.
   */
  replaceRefreshToken(authorizerAppid: string, given: WeChatRefreshToken, deadline: Deadline, options?: { ifStoredIs?: string }): Promise<'replaced' | 'created' | 'unchanged' | 'superseded'>;
}

/** How many times a compare-and-set lost to another writer is decided again before giving up. */
const MAX_CONFLICTS = 8;
const RETRY_PAUSE_MS = 100;
const DEFAULT_RETRIES = 2;

/**
 * The authorizer registry, through wx-server-sdk's database API, every call bounded by the
 * deadline it is given (cloudCollection). Give the collection the "admin only" rule: it holds
 * refresh and access tokens (docs/platform/deploy-tools.md).
 */
export function createAuthorizerRegistry(componentAppid: string, collectionName: string, collection: CloudCollection = cloudCollection(collectionName)): AuthorizerRegistry {
  const idOf = (authorizerAppid: string) => `${componentAppid}:${authorizerAppid}`;
  const adopt = (doc: unknown): AuthorizerRecord | undefined => {
    if (doc === null || typeof doc !== 'object') return undefined;
    const record = doc as AuthorizerRecord;
    registerSecret(record.refreshToken);
    registerSecret(record.accessToken);
    return record;
  };
  const toData = (fields: RecordFields, command: Command): Record<string, unknown> =>
    Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, value === REMOVE ? command.remove() : value]));

  const registry: AuthorizerRegistry = {
    collectionName,

    async read(authorizerAppid, deadline, options) {
      const result = await collection.run((c) => c.where({ _id: idOf(authorizerAppid) }).get(), deadline, 'reading the authorizer', options);
      return adopt(result.data[0]);
    },

    async list(deadline) {
      // Paged by _id (`component:authorizer`, so in authorizer order): a push storing an authorizer meanwhile shifts nothing.
      const docs = await readAll(collection, { where: () => ({ componentAppid }), deadline, what: 'listing the authorizers' });
      return docs.map(adopt).filter((record): record is AuthorizerRecord => record !== undefined);
    },

    async listPage(offset, limit, deadline) {
      const [page, counted] = await Promise.all([
        collection.run((c) => c.where({ componentAppid }).orderBy('authorizerAppid', 'asc').skip(offset).limit(limit).get(), deadline, 'listing the authorizers'),
        collection.run((c) => c.where({ componentAppid }).count(), deadline, 'counting the authorizers'),
      ]);
      const records: AuthorizerRecord[] = [];
      for (const doc of page.data) {
        const record = adopt(doc);
        if (record) records.push(record);
      }
      return { records, total: counted.total };
    },

    async change<T>(authorizerAppid: string, decide: (record: AuthorizerRecord | undefined) => Decision<T>, deadline: Deadline, what: string, options: ChangeOptions = {}) {
      const id = idOf(authorizerAppid);
      const run = { evenIfStalled: options.evenIfStalled };
      let known = options.known;
      let failures = 0;
      for (let conflicts = 0; conflicts < MAX_CONFLICTS; conflicts += 1) {
        let attempt: { done: { record: AuthorizerRecord | undefined; outcome: unknown } } | undefined;
        try {
          attempt = await tryOnce(known);
        } catch (thrown) {
          // A write whose answer was lost may have been applied: the next read and decision see it.
          failures += 1;
          if (failures > (options.retries ?? DEFAULT_RETRIES) || toWxError(thrown).code === LOCAL.DATABASE_TIMEOUT) throw thrown;
          const wait = RETRY_PAUSE_MS * 2 ** (failures - 1);
          if (deadline.remaining() <= wait) throw thrown;
          await deadline.clock.sleep(wait);
        }
        known = undefined;
        if (attempt) return attempt.done as { record: AuthorizerRecord | undefined; outcome: T };
        // Otherwise another writer changed or created the record since it was read: read it again.
      }
      throw new Error(`${what}: the record kept changing under ${MAX_CONFLICTS} compare-and-sets in a row`);

      async function tryOnce(given: AuthorizerRecord | undefined) {
        const record = given ?? (await registry.read(authorizerAppid, deadline, run));
        const decision = decide(record);
        if ('keep' in decision) return { done: { record, outcome: decision.keep } };
        const now = deadline.clock.now();
        if ('create' in decision) {
          if (record !== undefined) return undefined;
          const created: AuthorizerRecord = { _id: id, ...decision.create, generation: 1, updatedAt: now };
          try {
            await collection.run((c) => c.add({ data: created }), deadline, what, run);
            return { done: { record: created, outcome: decision.outcome } };
          } catch (thrown) {
            // A duplicate _id (someone created it first) or a lost answer: read again and decide.
            if (toWxError(thrown).code === LOCAL.DATABASE_TIMEOUT) throw thrown;
            return undefined;
          }
        }
        if (record === undefined) return undefined;
        const generation = (record.generation ?? 0) + 1;
        const updated = await collection.run(
          (c, _) =>
            c.where({
              _id: id,
              generation: record.generation === undefined ? _.exists(false) : record.generation,
              ...(typeof record.refreshToken === 'string' ? { refreshToken: record.refreshToken } : {}),
            }).update({ data: { ...toData(decision.set, _), generation, updatedAt: now } }),
          deadline,
          what,
          run,
        );
        if (updated.stats.updated !== 1) return undefined;
        const written = { ...record } as Record<string, unknown>;
        for (const [name, value] of Object.entries(decision.set)) {
          if (value === REMOVE) delete written[name];
          else written[name] = value;
        }
        return { done: { record: adopt({ ...written, generation, updatedAt: now }), outcome: decision.outcome } };
      }
    },

    async updateWhere(authorizerAppid, condition, fields, deadline, what, options) {
      const updated = await collection.run((c, _) => c.where({ _id: idOf(authorizerAppid), ...condition(_) }).update({ data: { ...fields(_), updatedAt: deadline.clock.now() } }), deadline, what, options);
      return updated.stats.updated;
    },

    async recordAuthorization(grant, deadline) {
      registerSecret(grant.refreshToken);
      registerSecret(grant.accessToken);
      const { outcome } = await registry.change(
        grant.authorizerAppid,
        (record): Decision<RecordOutcome> => {
          if (record?.codeFingerprint === grant.codeFingerprint) return { keep: 'duplicate' };
          if (record && record.lastEventAt > grant.eventAt) return { keep: 'stale' };
          const fields = {
            ...grantFields(grant),
            funcIds: grant.funcIds,
            authorizedAt: grant.eventAt,
            lastEventAt: grant.eventAt,
            codeFingerprint: grant.codeFingerprint,
            source: 'push' as const,
          };
          return record
            ? { set: { ...fields, revokedAt: REMOVE, attention: REMOVE }, outcome: 'stored' }
            : { create: { componentAppid, authorizerAppid: grant.authorizerAppid, ...fields }, outcome: 'stored' };
        },
        deadline,
        'storing the authorization',
        { evenIfStalled: true, retries: 4 },
      );
      return outcome;
    },

    async revoke(authorizerAppid, eventAt, deadline) {
      const { outcome } = await registry.change(
        authorizerAppid,
        (record): Decision<RecordOutcome> => {
          if (record?.revoked && record.revokedAt === eventAt) return { keep: 'duplicate' };
          if (record && record.lastEventAt > eventAt) return { keep: 'stale' };
          // Its refresh and access tokens stop working: nothing of them is kept.
          const fields = { revoked: true, revokedAt: eventAt, lastEventAt: eventAt, refreshToken: '', accessToken: '', expiresAt: 0, refreshAt: 0, leaseUntil: 0 };
          // A revocation of an account never heard of is still recorded: an authorized push
          // redelivered late (older CreateTime) must not bring it back.
          return record
            ? { set: { ...fields, attention: REMOVE }, outcome: 'stored' }
            : { create: { componentAppid, authorizerAppid, funcIds: [], authorizedAt: 0, source: 'push', ...fields }, outcome: 'stored' };
        },
        deadline,
        'recording the revocation',
      );
      return outcome;
    },

    async replaceRefreshToken(authorizerAppid, given, deadline, options = {}) {
      registerSecret(given.refreshToken);
      registerSecret(given.accessToken);
      const { outcome } = await registry.change(
        authorizerAppid,
        (record): Decision<'replaced' | 'created' | 'unchanged' | 'superseded'> => {
          if (record && record.refreshToken === given.refreshToken && !record.revoked) return { keep: 'unchanged' };
          if (options.ifStoredIs !== undefined && (record?.refreshToken ?? '') !== options.ifStoredIs) return { keep: 'superseded' };
          const fields = { ...grantFields(given), ...(given.funcIds !== undefined ? { funcIds: given.funcIds } : {}), source: given.source };
          if (record) return { set: { ...fields, revokedAt: REMOVE, attention: REMOVE }, outcome: 'replaced' };
          const now = deadline.clock.now();
          return { create: { componentAppid, authorizerAppid, funcIds: null, authorizedAt: now, lastEventAt: 0, ...fields }, outcome: 'created' };
        },
        deadline,
        'replacing the refresh token',
        { evenIfStalled: true, retries: 4 },
      );
      return outcome;
    },
  };
  return registry;
}

/**
 * The token fields of a record that a new grant starts afresh: the refresh token, its access token
 * if any, no lease. (A mark for reconcile concerned the token replaced: writers drop it with these.)
 */
export function grantFields(given: { refreshToken: string; accessToken?: string; expiresIn?: number }) {
  const now = currentClock().now();
  const access = given.accessToken ? { accessToken: given.accessToken, ...schedule(now, given.expiresIn ?? 7200) } : { accessToken: '', expiresAt: 0, refreshAt: 0 };
  return { refreshToken: given.refreshToken, refreshTokenAt: now, ...access, rejected: false, revoked: false, leaseUntil: 0, leaseOwner: '' };
}

/** What a caller may see of a record: no token of any kind. */
export function publicView(record: AuthorizerRecord) {
  const funcIds = record.funcIds;
  return {
    authorizerAppid: record.authorizerAppid,
    funcIds,
    halfScreen: funcIds === null ? null : funcIds.includes(18),
    pluginManagement: funcIds === null ? null : funcIds.includes(40),
    authorizedAt: record.authorizedAt > 0 ? Math.floor(record.authorizedAt / 1000) : null,
    revoked: record.revoked,
    ...(record.revokedAt !== undefined ? { revokedAt: Math.floor(record.revokedAt / 1000) } : {}),
    source: record.source,
  };
}
