import { getCloud, type CloudSdk } from '../cloud/sdk';
import { createError, LOCAL, toWxError, UPSTREAM } from '../errors';
import type { Deadline } from '../core/deadline';
import { boundedByDeadline } from './boundedByDeadline';

/** The part of wx-server-sdk's database API this package uses (its own typings are callback-overloaded). */
export interface Query {
  get(): Promise<{ data: unknown[] }>;
  update(options: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
  count(): Promise<{ total: number }>;
  orderBy(field: string, order: 'asc' | 'desc'): Query;
  skip(n: number): Query;
  limit(n: number): Query;
  field(projection: Record<string, boolean>): Query;
}
export interface DocumentRef {
  get(): Promise<{ data: unknown }>;
  set(options: { data: object }): Promise<{ stats: { updated: number }; _id?: string }>;
  update(options: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}
export interface Collection extends Query {
  where(query: object): Query;
  doc(id: string): DocumentRef;
  add(options: { data: object }): Promise<{ _id: string }>;
}
export interface Command {
  lt(value: number | string): object;
  lte(value: number | string): object;
  gt(value: number | string): object;
  gte(value: number | string): object;
  eq(value: unknown): object;
  neq(value: unknown): object;
  in(values: unknown[]): object;
  nin(values: unknown[]): object;
  exists(value: boolean): object;
  inc(value: number): object;
  remove(): object;
  push(value: unknown): object;
  or(...conditions: object[]): object;
  and(...conditions: object[]): object;
}
export interface Db {
  collection(name: string): Collection;
  createCollection(name: string): Promise<unknown>;
  command: Command;
  serverDate(): object;
}

export type CollectionOp<T> = (collection: Collection, command: Command) => Promise<T>;

/**
 * One CloudBase collection, reached through wx-server-sdk's database API (the same real SDK path
 * as the open API). Every operation is bounded by the invocation's deadline (a stalled database
 * must not outlive the function: the SDK's own timeout is about 15 s), and a collection that
 * does not exist yet is created once on first use and the operation run again.
 *
 * Collections created from code get the default access rule (creator and admins:
 * docs/platform/deploy-tools.md, "The database"); docs/database.md, "Security rules", says which
 * rule each collection needs.
 */
export interface CloudCollection {
  readonly name: string;
  run<T>(op: CollectionOp<T>, deadline: Deadline, what: string, options?: RunOptions): Promise<T>;
}

export interface RunOptions {
  /**
   * Run even when an earlier operation of this invocation ran out of time: for the one or two
   * closing steps that are worth what is left of the deadline (a sync releasing its lease, saving
   * where it got to). Still bounded by the deadline, so a dead database costs no more than that.
   */
  evenIfStalled?: boolean;
}

export function cloudCollection(name: string, sdk: () => CloudSdk = getCloud): CloudCollection {
  // Shared by concurrent operations of the instance: they all wait for the one creation, rather
  // than the second failing while the first is still creating the collection.
  let creating: Promise<unknown> | undefined;
  const db = () => sdk().database() as unknown as Db;

  async function attempt<T>(op: CollectionOp<T>): Promise<T> {
    const database = db();
    try {
      return await op(database.collection(name), database.command);
    } catch (thrown) {
      if (toWxError(thrown).code !== UPSTREAM.DATABASE_COLLECTION_NOT_EXIST) throw toWxError(thrown);
      // Another instance may have created it meanwhile (the failure is then ignored); once settled,
      // a later "does not exist" (the collection was deleted) creates it again.
      creating ??= database.createCollection(name).catch(() => undefined).finally(() => (creating = undefined));
      await creating;
      return op(database.collection(name), database.command);
    }
  }

  return {
    name,
    async run(op, deadline, what, options) {
      const label = `${what} (collection ${name})`;
      // One invocation may touch several collections in a row (authorizer registry, token store,
      // ticket); once one operation ran out of its time, the later ones of the same invocation fail
      // at once instead of each waiting out its own budget, so a stalled database cannot take the
      // call past its deadline (docs/authorizer-lifecycle.md, "Deadlines: which database steps end
      // a call in -910013"). Every caller already treats a failing store as unavailable and carries
      // on without it where it can. The next invocation tries the database afresh.
      if (deadline.signals.databaseStalled && !options?.evenIfStalled) {
        throw createError(LOCAL.DATABASE_TIMEOUT, { detail: `${label} was skipped: the database did not answer earlier in this call.` });
      }
      const budget = deadline.remaining();
      try {
        return await boundedByDeadline(attempt(op), deadline, label);
      } catch (thrown) {
        // Only an operation that had a fair chance says the database is stalled; one started in
        // the last moments of a deadline simply ran out of time (and the work after it, such as
        // saving a sync's progress in its reserved time, must still be tried).
        if (budget >= FAIR_CHANCE_MS && toWxError(thrown).code === LOCAL.DATABASE_TIMEOUT) deadline.signals.databaseStalled = true;
        throw thrown;
      }
    },
  };
}

/**
 * A healthy CloudBase database answers in tens of milliseconds: an operation given less than this
 * had no fair chance, and its timeout says nothing about the database.
 */
const FAIR_CHANCE_MS = 250;
