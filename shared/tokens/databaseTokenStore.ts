import { getCloud, type CloudSdk } from '../cloud/sdk';
import { toWxError } from '../errors';
import type { FetchedToken, StoredToken, TokenStore } from './types';

const COLLECTION_NOT_EXIST = -502005;

/** The part of wx-server-sdk's database API used here (its own typings are callback-overloaded). */
interface Query {
  get(): Promise<{ data: unknown[] }>;
  update(options: { data: object }): Promise<{ stats: { updated: number } }>;
}
interface Collection {
  where(query: object): Query;
  add(options: { data: object }): Promise<{ _id: string }>;
}
interface Db {
  collection(name: string): Collection;
  createCollection(name: string): Promise<unknown>;
  command: { lt(value: number): object };
}

/**
 * The token store shared by every instance: one document per token key in a CloudBase
 * collection, through wx-server-sdk's database API (the same real SDK path as the open API).
 * Each method is one database request and the platform applies each atomically, so the
 * conditional update in `acquireLease` is a compare-and-set. The collection is created on first
 * use; give it the "only admins/functions may read and write" permission (README, "Tokens").
 */
export function createDatabaseTokenStore(collectionName: string, sdk: () => CloudSdk = getCloud): TokenStore {
  let ensured = false;
  const db = () => sdk().database() as unknown as Db;

  /** Runs `op`; if the collection does not exist yet, creates it once and runs `op` again. */
  async function withCollection<T>(op: (collection: Collection, command: Db['command']) => Promise<T>): Promise<T> {
    const database = db();
    try {
      return await op(database.collection(collectionName), database.command);
    } catch (thrown) {
      if (ensured || toWxError(thrown).code !== COLLECTION_NOT_EXIST) throw toWxError(thrown);
      ensured = true;
      await database.createCollection(collectionName).catch(() => undefined); // another instance may have created it
      return op(database.collection(collectionName), database.command);
    }
  }

  return {
    async read(key) {
      const result = await withCollection((c) => c.where({ _id: key }).get());
      const doc = result.data[0];
      return doc ? (doc as StoredToken & Record<string, unknown>) : undefined;
    },

    async acquireLease(key, owner, now, until) {
      const updated = await withCollection((c, _) =>
        c.where({ _id: key, leaseUntil: _.lt(now) }).update({ data: { leaseUntil: until, leaseOwner: owner } }),
      );
      if (updated.stats.updated === 1) return true;
      // No document yet, or a live lease: creating the document is the other compare-and-set
      // (a duplicate _id fails for every instance but one).
      try {
        await withCollection((c) => c.add({ data: { _id: key, leaseUntil: until, leaseOwner: owner, refreshAt: 0, expiresAt: 0 } }));
        return true;
      } catch {
        return false;
      }
    },

    async save(key, owner, token: FetchedToken) {
      await withCollection((c) =>
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
      );
    },

    async releaseLease(key, owner) {
      await withCollection((c) => c.where({ _id: key, leaseOwner: owner }).update({ data: { leaseUntil: 0 } }));
    },

    async reject(key, token) {
      await withCollection((c) => c.where({ _id: key, token }).update({ data: { rejected: true, refreshAt: 0 } }));
    },
  };
}
