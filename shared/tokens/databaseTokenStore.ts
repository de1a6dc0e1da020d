import type { CloudSdk } from '../cloud/sdk';
import { getCloud } from '../cloud/sdk';
import { cloudCollection } from '../database/cloudDatabase';
import { LOCAL, toWxError } from '../errors';
import type { FetchedToken, StoredToken, TokenStore } from './types';

/**
 * The token store shared by every instance for the component and stable tokens: one document per
 * token key in a CloudBase collection, through wx-server-sdk's database API
 * (shared/database/cloudDatabase.ts: the same real SDK path as the open API, every call bounded by
 * the deadline it is given, the collection created on first use). Each method is one database
 * request and the platform applies each atomically, so the conditional update in `acquireLease`
 * is a compare-and-set. Give the collection the "only admins/functions may read and write"
 * permission (README, "Tokens"). Authorizer tokens live with their refresh token in the authorizer
 * registry instead (shared/authorizers/authorizerTokenStore.ts).
 */
export function createDatabaseTokenStore(collectionName: string, sdk: () => CloudSdk = getCloud): TokenStore {
  const tokens = cloudCollection(collectionName, sdk);

  return {
    async read(key, deadline) {
      const result = await tokens.run((c) => c.where({ _id: key }).get(), deadline, 'token read');
      const doc = result.data[0];
      return doc ? (doc as StoredToken & Record<string, unknown>) : undefined;
    },

    async acquireLease(key, owner, now, until, seen, deadline) {
      // Only while no lease is live and the stored token is still the one `seen` read (its
      // refreshAt, unique to each save): once a winner has saved a fresh token, an instance that
      // read before that save cannot take the lease the winner released and fetch a second time.
      const updated = await tokens.run(
        (c, _) =>
          c.where({ _id: key, leaseUntil: _.lt(now), refreshAt: typeof seen?.refreshAt === 'number' ? seen.refreshAt : _.lte(now) }).update({ data: { leaseUntil: until, leaseOwner: owner } }),
        deadline,
        'token lease',
      );
      const leased = { ...seen, leaseUntil: until, leaseOwner: owner };
      if (updated.stats.updated === 1) return leased;
      if (seen !== undefined) return undefined;
      // No document yet: creating it is the other compare-and-set (a duplicate _id fails for
      // every instance but one).
      try {
        await tokens.run((c) => c.add({ data: { _id: key, leaseUntil: until, leaseOwner: owner, refreshAt: 0, expiresAt: 0 } }), deadline, 'token lease');
        return leased;
      } catch (thrown) {
        // A database that stopped answering is not a lost race: the caller falls back without it.
        if (toWxError(thrown).code === LOCAL.DATABASE_TIMEOUT) throw thrown;
        return undefined;
      }
    },

    async save(key, owner, token: FetchedToken, _leased, deadline): Promise<StoredToken> {
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
              updatedAt: deadline.clock.now(),
            },
          }),
        deadline,
        'token save',
      );
      return { ...token, rejected: false, leaseUntil: 0 };
    },

    async releaseLease(key, owner, deadline) {
      await tokens.run((c) => c.where({ _id: key, leaseOwner: owner }).update({ data: { leaseUntil: 0 } }), deadline, 'token lease release');
    },

    async reject(key, token, deadline) {
      await tokens.run((c) => c.where({ _id: key, token }).update({ data: { rejected: true, refreshAt: 0 } }), deadline, 'token rejection');
    },
  };
}
