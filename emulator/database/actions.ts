import { randomBytes, randomUUID } from 'node:crypto';
import { DatabaseError, invalidParam } from './errors';
import { EjsonError, fromEjson, parseEjsonText, toEjsonText } from './ejson';
import { matchesQuery } from './query-match';
import type { DocumentStore } from './store';
import { applyMergeUpdate, applyReplacement } from './update-apply';
import { cloneValue, compareValues, deepEqual, getPath, isPlainObject, setPath, unsetPath, type Doc } from './values';

/**
 * The `database.*` actions of POST /admin (application/json), in the request and reply
 * shapes @cloudbase/database 1.4.3 uses (node_modules/@cloudbase/database/src):
 *
 *   addCollection      {collectionName}                               -> data: {}
 *   insertDocument     {collectionName, data: [EJSON text, ...]}      -> data: {insertedIds: [...]}
 *   getDocument        {collectionName, query?, queryType, multi?, order?, offset?, limit?, projection?}
 *                                                                     -> data: {list: [EJSON text, ...], offset, limit}
 *   modifyDocument     {collectionName, query?, queryType, data, multi, merge, upsert}
 *                                                                     -> data: {updated, matched, upsert_id?}
 *   removeDocument     {collectionName, query?, queryType, multi}     -> data: {deleted}
 *   calculateDocument  {collectionName, query?}                       -> data: {total}
 *
 * `addDocument`, `updateDocument`, `deleteDocument`, `queryDocument`, `countDocument` are
 * accepted as aliases. Every action runs synchronously, so each request is atomic and a
 * conditional where(...).update is a compare-and-set. Errors reply {code, message}.
 */

const ACTION_ALIASES: Readonly<Record<string, string>> = {
  'database.addDocument': 'database.insertDocument',
  'database.updateDocument': 'database.modifyDocument',
  'database.deleteDocument': 'database.removeDocument',
  'database.queryDocument': 'database.getDocument',
  'database.countDocument': 'database.calculateDocument',
};

export type DatabaseReply = { requestId: string; data: Record<string, unknown> } | { requestId: string; code: string; message: string };

export function handleDatabaseAction(store: DocumentStore, params: Record<string, unknown>, now: Date): DatabaseReply {
  const requestId = randomUUID();
  try {
    return { requestId, data: runAction(store, params, now) };
  } catch (error) {
    if (error instanceof DatabaseError) return { requestId, code: error.code, message: error.message };
    if (error instanceof EjsonError) return { requestId, code: 'INVALID_PARAM', message: error.message };
    throw error;
  }
}

function runAction(store: DocumentStore, params: Record<string, unknown>, now: Date): Record<string, unknown> {
  const rawAction = String(params.action);
  const action = ACTION_ALIASES[rawAction] ?? rawAction;
  const name = params.collectionName;
  if (typeof name !== 'string' || name === '') throw invalidParam('collectionName is required');
  switch (action) {
    case 'database.addCollection':
      store.create(name);
      return {};
    case 'database.deleteCollection':
      store.drop(name);
      return {};
    case 'database.insertDocument':
      return { insertedIds: insertDocuments(store.get(name), params.data, name) };
    case 'database.getDocument':
      return getDocuments(store.get(name), params);
    case 'database.modifyDocument':
      return modifyDocuments(store.get(name), params, now);
    case 'database.removeDocument':
      return { deleted: removeDocuments(store.get(name), params) };
    case 'database.calculateDocument':
      return { total: selectDocuments(store.get(name), params, true).length };
    default:
      throw invalidParam(`unsupported action ${rawAction}`);
  }
}

function decodeParam(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? parseEjsonText(value) : fromEjson(value);
}

function queryOf(params: Record<string, unknown>): Record<string, unknown> {
  const query = decodeParam(params.query);
  if (query === undefined) return {};
  if (!isPlainObject(query)) throw invalidParam('query must be an object');
  return query;
}

/**
 * The documents a query can match at most: those its `_id` names (an equality or an `$in` list),
 * looked up by key as the `_id` index would (in the order named: without orderBy the database
 * promises no order); otherwise every document, in collection order.
 */
function candidatesOf(collection: Map<string, Doc>, query: Record<string, unknown>): Iterable<Doc> {
  const id = query._id;
  const named = typeof id === 'string' || typeof id === 'number' ? [id]
    : isPlainObject(id) && Object.keys(id).length === 1 && Array.isArray(id.$in) && id.$in.every((v) => typeof v === 'string' || typeof v === 'number') ? id.$in
      : undefined;
  if (!named) return collection.values();
  const found: Doc[] = [];
  for (const key of new Set(named.map(String))) {
    const doc = collection.get(key);
    if (doc) found.push(doc);
  }
  return found;
}

/** Matching documents (candidatesOf says in which order); `multi: false` keeps only the first. */
function selectDocuments(collection: Map<string, Doc>, params: Record<string, unknown>, multi: boolean): Doc[] {
  const query = queryOf(params);
  const matched: Doc[] = [];
  for (const doc of candidatesOf(collection, query)) {
    if (matchesQuery(doc, query)) {
      matched.push(doc);
      if (!multi) break;
    }
  }
  return matched;
}

function newDocumentId(): string {
  return randomBytes(16).toString('hex');
}

function duplicateKey(collectionName: string, id: unknown): DatabaseError {
  return new DatabaseError(
    'DATABASE_REQUEST_FAILED',
    `[FailedOperation] E11000 duplicate key error collection: ${collectionName} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
  );
}

/** All-or-nothing: a duplicate _id anywhere rejects the whole batch before anything is written. */
function insertDocuments(collection: Map<string, Doc>, data: unknown, collectionName: string): unknown[] {
  const texts = Array.isArray(data) ? data : [data];
  if (texts.length === 0) throw invalidParam('data is required');
  const docs = texts.map((text) => {
    const doc = decodeParam(text);
    if (!isPlainObject(doc)) throw invalidParam('each document must be an object');
    if (doc._id === undefined) doc._id = newDocumentId();
    if (typeof doc._id !== 'string' && typeof doc._id !== 'number') throw invalidParam('_id must be a string or number');
    return doc;
  });
  const seen = new Set<string>();
  for (const doc of docs) {
    const key = String(doc._id);
    if (collection.has(key) || seen.has(key)) throw duplicateKey(collectionName, doc._id);
    seen.add(key);
  }
  for (const doc of docs) collection.set(String(doc._id), doc);
  return docs.map((doc) => doc._id);
}

function integerParam(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback;
}

function getDocuments(collection: Map<string, Doc>, params: Record<string, unknown>): Record<string, unknown> {
  const multi = params.multi !== false;
  let docs = selectDocuments(collection, params, true);
  const order = decodeParam(params.order);
  if (isPlainObject(order)) {
    const keys = Object.entries(order);
    // Each document's sort values read once, not once per comparison (a page of a large collection sorts all of it).
    const decorated = docs.map((doc) => ({ doc, values: keys.map(([path]) => getPath(doc, path) ?? null) }));
    decorated.sort((a, b) => {
      for (let i = 0; i < keys.length; i++) {
        const diff = compareValues(a.values[i], b.values[i]);
        if (diff !== 0) return Number(keys[i]![1]) < 0 ? -diff : diff;
      }
      return 0;
    });
    docs = decorated.map((entry) => entry.doc);
  }
  const offset = integerParam(params.offset, 0);
  const limit = multi ? Math.min(integerParam(params.limit, 100), 1000) : 1;
  const projection = decodeParam(params.projection);
  const page = docs.slice(offset, offset + limit).map((doc) => (isPlainObject(projection) ? project(doc, projection) : doc));
  return { list: page.map((doc) => toEjsonText(doc)), offset, limit };
}

/** {a: 1, b: 1} keeps a, b and _id; {a: 0} drops a. */
function project(doc: Doc, projection: Record<string, unknown>): Doc {
  const entries = Object.entries(projection);
  const including = entries.some(([path, flag]) => path !== '_id' && Number(flag) > 0);
  if (!including) {
    const out = cloneValue(doc);
    for (const [path, flag] of entries) if (!(Number(flag) > 0)) unsetPath(out, path);
    return out;
  }
  const out: Doc = {};
  if (projection._id === undefined || Number(projection._id) > 0) out._id = doc._id;
  for (const [path, flag] of entries) {
    if (path === '_id' || !(Number(flag) > 0)) continue;
    const value = getPath(doc, path);
    if (value !== undefined) setPath(out, path, cloneValue(value));
  }
  return out;
}

function modifyDocuments(collection: Map<string, Doc>, params: Record<string, unknown>, now: Date): Record<string, unknown> {
  const data = decodeParam(params.data);
  if (!isPlainObject(data)) throw invalidParam('data must be an object');
  const merge = params.merge !== false;
  const matched = selectDocuments(collection, params, params.multi === true);
  // Compute every new document first: an invalid update must leave the collection untouched.
  const changes = matched.map((doc) => ({ before: doc, after: merge ? applyMergeUpdate(doc, data, now) : applyReplacement(doc, data) }));
  let updated = 0;
  for (const { before, after } of changes) {
    if (deepEqual(before, after)) continue;
    collection.set(String(before._id), after);
    updated += 1;
  }
  if (matched.length === 0 && params.upsert === true) {
    const base = upsertBase(queryOf(params));
    const created = merge ? applyMergeUpdate(base, data, now) : { ...applyReplacement(base, data) };
    if (created._id === undefined) created._id = newDocumentId();
    collection.set(String(created._id), created);
    return { updated: 0, matched: 0, upsert_id: created._id };
  }
  return { updated, matched: matched.length };
}

/** An upsert starts from the query's plain equality fields (e.g. {_id: 'k1'}). */
function upsertBase(query: Record<string, unknown>): Doc {
  const base: Doc = {};
  for (const [path, condition] of Object.entries(query)) {
    if (path.startsWith('$')) continue;
    const isOperator = isPlainObject(condition) && Object.keys(condition).some((key) => key.startsWith('$'));
    if (isOperator) {
      if ('$eq' in condition) setPath(base, path, cloneValue(condition.$eq));
      continue;
    }
    setPath(base, path, cloneValue(condition));
  }
  return base;
}

function removeDocuments(collection: Map<string, Doc>, params: Record<string, unknown>): number {
  const matched = selectDocuments(collection, params, params.multi !== false);
  for (const doc of matched) collection.delete(String(doc._id));
  return matched.length;
}
