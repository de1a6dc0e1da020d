import type { CloudSdk } from '../cloud/sdk';
import { getCloud } from '../cloud/sdk';
import { cloudCollection } from '../database/cloudDatabase';
import { LOCAL, toWxError } from '../errors';
import type { FetchedToken, StoredToken, TokenStore } from './types';

/**
 * The token store shared by every instance: one document per token key in a CloudBase
 * collection, through wx-server-sdk's database API (shared/database/cloudDatabase.ts: the same
 * real SDK path as the open API, every call bounded by the deadline it is given, the collection
 * created on first use). Each method is one database request and the platform applies each
 * atomically, so the conditional update in `acquireLease` is a compare-and-set. Give the
 * collection the "only admins/functions may read and write" permission (README, "Tokens").
 */
export function createDatabaseTokenStore(collectionName: string, sdk: () => CloudSdk = getCloud): TokenStore {
  const tokens = cloudCollection(collectionName, sdk);

  return {
    async read(key, deadline) {
      const result = await tokens.run((c) => c.where({ _id: key }).get(), deadline, 'token read');
      const doc = result.data[0];
      return doc ? (doc as StoredToken & Record<string, unknown>) : undefined;
    },

    async acquireLease(key, owner, now, until, deadline) {
      const updated = await tokens.run(
        (c, _) => c.where({ _id: key, leaseUntil: _.lt(now) }).update({ data: { leaseUntil: until, leaseOwner: owner } }),
        deadline,
        'token lease',
      );
      if (updated.stats.updated === 1) return true;
      // No document yet, or a live lease: creating the document is the other compare-and-set
      // (a duplicate _id fails for every instance but one).
      try {
        await tokens.run((c) => c.add({ data: { _id: key, leaseUntil: until, leaseOwner: owner, refreshAt: 0, expiresAt: 0 } }), deadline, 'token lease');
        return true;
      } catch (thrown) {
        // A database that stopped answering is not a lost race: the caller falls back without it.
        if (toWxError(thrown).code === LOCAL.DATABASE_TIMEOUT) throw thrown;
        return false;
      }
    },

    async save(key, owner, token: FetchedToken, deadline) {
      await tokens.run(
        (c) =>
          c.where({ _id: key, leaseOwner: owner }).update({
            data: {
              token: token.token,
              expiresAt: token.expiresAt,
              refreshAt: token.refreshAt,
              carry: token.carry ?? {},
              rejected: false,
              leaseUntil: 0,
              updatedAt: Date.now(),
            },
          }),
        deadline,
        'token save',
      );
    },

    async releaseLease(key, owner, deadline) {
      await tokens.run((c) => c.where({ _id: key, leaseOwner: owner }).update({ data: { leaseUntil: 0 } }), deadline, 'token lease release');
    },

    async reject(key, token, deadline) {
      await tokens.run((c) => c.where({ _id: key, token }).update({ data: { rejected: true, refreshAt: 0 } }), deadline, 'token rejection');
    },
  };
}
