import { DatabaseError, collectionNotExist } from './errors';
import type { Doc } from './values';

/**
 * The emulated document database: collections of documents keyed by String(_id), in
 * insertion order. One database serves every env name (envs are not separated).
 */
export class DocumentStore {
  private readonly collections = new Map<string, Map<string, Doc>>();

  has(name: string): boolean {
    return this.collections.has(name);
  }

  /** database.addCollection: fails when the collection already exists. */
  create(name: string): void {
    if (this.collections.has(name)) {
      // wx-server-sdk has no mapping for this code, so createCollection rejects with -501001.
      throw new DatabaseError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] Table exist: ${name}`);
    }
    this.collections.set(name, new Map());
  }

  drop(name: string): void {
    if (!this.collections.delete(name)) throw collectionNotExist(name);
  }

  /** The collection a request addresses; a missing one is the platform's collection-not-exist error. */
  get(name: string): Map<string, Doc> {
    const collection = this.collections.get(name);
    if (!collection) throw collectionNotExist(name);
    return collection;
  }

  /** For tests: the live collection, created if absent (so it can be seeded directly). */
  ensure(name: string): Map<string, Doc> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new Map();
      this.collections.set(name, collection);
    }
    return collection;
  }

  names(): string[] {
    return [...this.collections.keys()];
  }

  clear(): void {
    this.collections.clear();
  }
}
