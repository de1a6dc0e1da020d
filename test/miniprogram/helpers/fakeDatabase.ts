/**
 * A stand-in for `wx.cloud.database()` over documents held in memory: the query shapes the pages
 * use (where with plain fields, db.RegExp, command.and / command.or; orderBy, skip, limit, get,
 * count; doc(id).get()). Anything else throws, so a page that starts using more fails its test
 * instead of reading an answer this fake made up. A read returns at most 20 documents, as a Mini
 * Program read does; `failWith` makes every read of a collection fail as the platform does (e.g.
 * -502003 when the security rule refuses the caller).
 */
/** A copy, as a real read or call hands over (jsdom has no structuredClone). */
export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export type Doc = Record<string, unknown> & { _id: string };

interface RegExpMarker { $regexp: RegExp }
type Condition = Record<string, unknown> | { $and: Condition[] } | { $or: Condition[] };

export interface DatabaseLog { collection: string; where: unknown; orderBy?: [string, string]; skip: number; limit: number; kind: 'get' | 'count' | 'doc' }

const MINI_PROGRAM_READ_LIMIT = 20;

function isRegExpMarker(value: unknown): value is RegExpMarker {
  return typeof value === 'object' && value !== null && '$regexp' in value;
}

function matches(doc: Doc, condition: Condition): boolean {
  if ('$and' in condition && Array.isArray(condition.$and)) return (condition.$and as Condition[]).every((c) => matches(doc, c));
  if ('$or' in condition && Array.isArray(condition.$or)) return (condition.$or as Condition[]).some((c) => matches(doc, c));
  return Object.entries(condition).every(([field, wanted]) => {
    const value = doc[field];
    if (isRegExpMarker(wanted)) return typeof value === 'string' && wanted.$regexp.test(value);
    if (typeof wanted === 'object' && wanted !== null) throw new Error(`fake database: unsupported condition on ${field}: ${JSON.stringify(wanted)}`);
    return value === wanted;
  });
}

export function createFakeDatabase(collections: Record<string, Doc[]>, failWith: Record<string, { errCode: number; errMsg: string }> = {}) {
  const log: DatabaseLog[] = [];

  function query(collection: string, where: Condition = {}, orderBy?: [string, string], skip = 0, limit = MINI_PROGRAM_READ_LIMIT) {
    const run = (kind: 'get' | 'count') => {
      log.push({ collection, where, orderBy, skip, limit, kind });
      if (failWith[collection]) return Promise.reject({ ...failWith[collection] });
      let docs = (collections[collection] ?? []).filter((d) => matches(d, where));
      if (kind === 'count') return Promise.resolve({ total: docs.length, errMsg: 'collection.count:ok' });
      if (orderBy) {
        const [field, direction] = orderBy;
        const sign = direction === 'desc' ? -1 : 1;
        docs = [...docs].sort((a, b) => ((a[field] as number) > (b[field] as number) ? sign : (a[field] as number) < (b[field] as number) ? -sign : 0));
      }
      return Promise.resolve({ data: docs.slice(skip, skip + Math.min(limit, MINI_PROGRAM_READ_LIMIT)).map((d) => clone(d)), errMsg: 'collection.get:ok' });
    };
    return {
      where: (next: Condition) => query(collection, next, orderBy, skip, limit),
      orderBy: (field: string, direction: string) => query(collection, where, [field, direction], skip, limit),
      skip: (n: number) => query(collection, where, orderBy, n, limit),
      limit: (n: number) => query(collection, where, orderBy, skip, n),
      get: () => run('get'),
      count: () => run('count'),
    };
  }

  const db = {
    command: {
      and: (conditions: Condition[]) => ({ $and: conditions }),
      or: (conditions: Condition[]) => ({ $or: conditions }),
    },
    RegExp: ({ regexp, options }: { regexp: string; options?: string }): RegExpMarker => ({ $regexp: new RegExp(regexp, options) }),
    collection: (name: string) => ({
      ...query(name),
      doc: (id: string) => ({
        get: () => {
          log.push({ collection: name, where: { _id: id }, skip: 0, limit: 1, kind: 'doc' });
          if (failWith[name]) return Promise.reject({ ...failWith[name] });
          const found = (collections[name] ?? []).find((d) => d._id === id);
          return found ? Promise.resolve({ data: clone(found) }) : Promise.reject({ errCode: -502004, errMsg: `document.get:fail document with _id ${id} does not exist` });
        },
      }),
    }),
  };
  return { db, log };
}
