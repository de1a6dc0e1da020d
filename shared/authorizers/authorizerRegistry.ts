import { envValue } from '../core/envValue';
import type * as NodeCrypto from 'node:crypto';
import { cloudCollection, type CloudCollection } from '../database/cloudDatabase';
import { registerSecret } from '../secrets/redact';
import type { Deadline } from '../core/deadline';

export const DEFAULT_AUTHORIZER_COLLECTION = 'wx_authorizers';

/** AUTHORIZER_COLLECTION, or the default when unset or empty. */
export function authorizerCollectionName(env: NodeJS.ProcessEnv): string {
  return envValue(env, 'AUTHORIZER_COLLECTION') ?? DEFAULT_AUTHORIZER_COLLECTION;
}

/**
 * What the platform holds for one account that authorized it. One document per
 * (component, authorizer) in AUTHORIZER_COLLECTION; never returned to a caller as is (it holds
 * the refresh token): see `publicView`.
 */
export interface AuthorizerRecord {
  _id: string;
  componentAppid: string;
  authorizerAppid: string;
  refreshToken: string;
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
  /** Fingerprint of the AUTHORIZER_REFRESH_TOKEN that seeded it: a changed variable seeds again. */
  seedFingerprint?: string;
  /** `reconcile`: added from WeChat's authorizer list (authorizerLifecycle.ts). */
  source: 'push' | 'environment' | 'reconcile';
  updatedAt: number;
}

export type RecordOutcome = 'stored' | 'duplicate' | 'stale';

/** node:crypto on first need, so the fixed-token path never loads it (cold start, issue 7). */
export const fingerprint = (value: string): string =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('node:crypto') as typeof NodeCrypto).createHash('sha256').update(value).digest('hex').slice(0, 16);

export interface AuthorizerRegistry {
  readonly collectionName: string;
  read(authorizerAppid: string, deadline: Deadline): Promise<AuthorizerRecord | undefined>;
  /** Every record, however many (pages of 1000, the most one database read returns). */
  list(deadline: Deadline): Promise<AuthorizerRecord[]>;
  /** One page in appid order, and how many there are in all. */
  listPage(offset: number, limit: number, deadline: Deadline): Promise<{ records: AuthorizerRecord[]; total: number }>;
  /** An authorized / updateauthorized push, after its code was exchanged. */
  recordAuthorization(
    grant: { authorizerAppid: string; refreshToken: string; funcIds: number[]; eventAt: number; codeFingerprint: string },
    deadline: Deadline,
  ): Promise<RecordOutcome>;
  /** Whether this authorization code was already exchanged (a redelivered push). */
  alreadyExchanged(authorizerAppid: string, codeFingerprint: string, deadline: Deadline): Promise<boolean>;
  revoke(authorizerAppid: string, eventAt: number, deadline: Deadline): Promise<RecordOutcome>;
  /** AUTHORIZER_APPID + AUTHORIZER_REFRESH_TOKEN seed the record (a changed token seeds again). */
  seed(authorizerAppid: string, refreshToken: string, existing: AuthorizerRecord | undefined, deadline: Deadline): Promise<AuthorizerRecord>;
  /** Saves a rotated refresh token, only if the record still holds the one it replaces. */
  saveRotatedRefreshToken(authorizerAppid: string, previous: string, rotated: string, deadline: Deadline): Promise<void>;
}

/** The most documents one read of the server SDK returns. */
const PAGE = 1000;

/**
 * The authorizer registry, through wx-server-sdk's database API, every call bounded by the
 * invocation's deadline (cloudCollection). Give the collection the "admin only" rule: it holds
 * refresh tokens (platform-notes.md, "Deploy tools").
 */
export function createAuthorizerRegistry(componentAppid: string, collectionName: string, collection: CloudCollection = cloudCollection(collectionName)): AuthorizerRegistry {
  const idOf = (authorizerAppid: string) => `${componentAppid}:${authorizerAppid}`;
  const adopt = (doc: unknown): AuthorizerRecord | undefined => {
    if (doc === null || typeof doc !== 'object') return undefined;
    const record = doc as AuthorizerRecord;
    registerSecret(record.refreshToken);
    return record;
  };

  const registry: AuthorizerRegistry = {
    collectionName,

    async read(authorizerAppid, deadline) {
      const result = await collection.run((c) => c.where({ _id: idOf(authorizerAppid) }).get(), deadline, 'reading the authorizer');
      return adopt(result.data[0]);
    },

    async list(deadline) {
      const records: AuthorizerRecord[] = [];
      for (let skip = 0; ; skip += PAGE) {
        const page = await collection.run(
          (c) => c.where({ componentAppid }).orderBy('authorizerAppid', 'asc').skip(skip).limit(PAGE).get(),
          deadline,
          'listing the authorizers',
        );
        for (const doc of page.data) {
          const record = adopt(doc);
          if (record) records.push(record);
        }
        if (page.data.length < PAGE) break;
      }
      return records;
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

    async alreadyExchanged(authorizerAppid, codeFingerprint, deadline) {
      const existing = await registry.read(authorizerAppid, deadline);
      return existing?.codeFingerprint === codeFingerprint;
    },

    async recordAuthorization(grant, deadline) {
      const existing = await registry.read(grant.authorizerAppid, deadline);
      if (existing?.codeFingerprint === grant.codeFingerprint) return 'duplicate';
      if (existing && existing.lastEventAt > grant.eventAt) return 'stale';
      const record: Omit<AuthorizerRecord, '_id'> = {
        componentAppid,
        authorizerAppid: grant.authorizerAppid,
        refreshToken: grant.refreshToken,
        funcIds: grant.funcIds,
        authorizedAt: grant.eventAt,
        revoked: false,
        lastEventAt: grant.eventAt,
        codeFingerprint: grant.codeFingerprint,
        source: 'push',
        updatedAt: Date.now(),
      };
      await collection.run((c) => c.doc(idOf(grant.authorizerAppid)).set({ data: record }), deadline, 'storing the authorization');
      return 'stored';
    },

    async revoke(authorizerAppid, eventAt, deadline) {
      const existing = await registry.read(authorizerAppid, deadline);
      if (existing?.revoked && existing.revokedAt === eventAt) return 'duplicate';
      if (existing && existing.lastEventAt > eventAt) return 'stale';
      if (!existing) {
        // A revocation of an account we never heard of is still recorded: an authorized push
        // redelivered late (older CreateTime) must not bring it back.
        const record: Omit<AuthorizerRecord, '_id'> = {
          componentAppid, authorizerAppid, refreshToken: '', funcIds: [], authorizedAt: 0, revoked: true,
          revokedAt: eventAt, lastEventAt: eventAt, source: 'push', updatedAt: Date.now(),
        };
        await collection.run((c) => c.doc(idOf(authorizerAppid)).set({ data: record }), deadline, 'recording the revocation');
        return 'stored';
      }
      await collection.run(
        (c) => c.where({ _id: idOf(authorizerAppid) }).update({ data: { revoked: true, revokedAt: eventAt, lastEventAt: eventAt, refreshToken: '', updatedAt: Date.now() } }),
        deadline,
        'recording the revocation',
      );
      return 'stored';
    },

    async seed(authorizerAppid, refreshToken, existing, deadline) {
      registerSecret(refreshToken);
      const seedFingerprint = fingerprint(refreshToken);
      // Pushes win over the variable; a variable changed by hand (a re-authorization copied
      // in) wins over what it seeded before.
      if (existing && (existing.source === 'push' || existing.seedFingerprint === seedFingerprint)) return existing;
      const now = Date.now();
      const record: Omit<AuthorizerRecord, '_id'> = {
        componentAppid, authorizerAppid, refreshToken, funcIds: null, authorizedAt: now, revoked: false,
        lastEventAt: existing?.lastEventAt ?? 0, seedFingerprint, source: 'environment', updatedAt: now,
      };
      await collection.run((c) => c.doc(idOf(authorizerAppid)).set({ data: record }), deadline, 'seeding the authorizer');
      return { _id: idOf(authorizerAppid), ...record };
    },

    async saveRotatedRefreshToken(authorizerAppid, previous, rotated, deadline) {
      registerSecret(rotated);
      if (previous === rotated) return;
      await collection.run(
        (c) => c.where({ _id: idOf(authorizerAppid), refreshToken: previous }).update({ data: { refreshToken: rotated, updatedAt: Date.now() } }),
        deadline,
        'saving the rotated refresh token',
      );
    },
  };
  return registry;
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
