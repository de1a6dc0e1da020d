import { startEmulator, type Emulator } from '../../emulator';
import { loadCloud, sdkFailure, type WxCloud } from './helpers/wx-sdk';

// cloud.database() of the unmodified wx-server-sdk against the emulated CloudBase database.

let emu: Emulator;
let cloud: WxCloud;

beforeAll(async () => {
  emu = await startEmulator({ applicantCount: 10, embeddedCount: 10 });
  cloud = loadCloud(emu);
  // Failed database requests leave the SDK's 3 s slow-request warning timer running (it is
  // only cleared on success); SILENCE=true is the SDK's own switch to not arm it.
  process.env.SILENCE = 'true';
});

afterAll(async () => {
  await emu.close();
});

beforeEach(async () => {
  emu.reset();
  await cloud.database().createCollection('tokens');
});

describe('documents', () => {
  test('add, get by id, and the stored form', async () => {
    const db = cloud.database();
    const added = await db.collection('tokens').add({ data: { _id: 'k1', token: 't', expiresAt: 1700000000, ratio: 0.5, at: new Date(1700000000123) } });
    expect(added).toMatchObject({ _id: 'k1', errMsg: 'collection.add:ok' });
    const got = await db.collection('tokens').doc('k1').get();
    expect(got.data).toEqual({ _id: 'k1', token: 't', expiresAt: 1700000000, ratio: 0.5, at: new Date(1700000000123) });
    expect(emu.db.collection('tokens').get('k1')).toEqual(got.data);
    expect(emu.calls.map((call) => call.api)).toEqual(['database.addCollection', 'database.insertDocument', 'database.getDocument']);
  });

  test('add without _id gets a generated id', async () => {
    const added = await cloud.database().collection('tokens').add({ data: { token: 'x' } });
    expect(added._id).toMatch(/^[0-9a-f]{32}$/);
  });

  test('adding a duplicate _id fails like the platform (-502001, E11000)', async () => {
    const tokens = cloud.database().collection('tokens');
    await tokens.add({ data: { _id: 'k1', token: 'a' } });
    const error = await sdkFailure(tokens.add({ data: { _id: 'k1', token: 'b' } }));
    expect(error.errCode).toBe(-502001);
    expect(error.errMsg).toContain('E11000 duplicate key');
    expect(emu.db.collection('tokens').get('k1')).toEqual({ _id: 'k1', token: 'a' });
  });

  test('a missing collection answers -502005 DATABASE_COLLECTION_NOT_EXIST', async () => {
    const db = cloud.database();
    expect((await sdkFailure(db.collection('nope').doc('x').get())).errCode).toBe(-502005);
    expect((await sdkFailure(db.collection('nope').where({ a: 1 }).get())).errCode).toBe(-502005);
    expect((await sdkFailure(db.collection('nope').add({ data: { a: 1 } }))).errCode).toBe(-502005);
  });

  test('creating an existing collection fails (createCollection does not map codes: errCode -1)', async () => {
    const error = await sdkFailure(cloud.database().createCollection('tokens'));
    expect(error.errCode).toBe(-1);
    expect(error).toMatchObject({ code: 'DATABASE_COLLECTION_ALREADY_EXIST' });
    expect(error.errMsg).toContain('Table exist');
  });

  test('a missing document: the SDK throws its own "does not exist"', async () => {
    const error = await sdkFailure(cloud.database().collection('tokens').doc('nobody').get());
    expect(error.errMsg).toContain('does not exist');
  });

  test('set upserts then replaces the whole document', async () => {
    const doc = cloud.database().collection('tokens').doc('k1');
    await expect(doc.set({ data: { token: 't1', expiresAt: 100, extra: true } })).resolves.toMatchObject({ stats: { updated: 0, created: 1 } });
    await expect(doc.set({ data: { token: 't2', expiresAt: 200 } })).resolves.toMatchObject({ stats: { updated: 1, created: 0 } });
    expect((await doc.get()).data).toEqual({ _id: 'k1', token: 't2', expiresAt: 200 });
  });

  test('update merges with $set, _.inc and _.remove', async () => {
    const db = cloud.database();
    const _ = db.command;
    const doc = db.collection('tokens').doc('k1');
    await doc.set({ data: { token: 't', hits: 1, stale: 'x', nested: { a: 1, b: 2 } } });
    const updated = await doc.update({ data: { hits: _.inc(2), stale: _.remove(), nested: { b: 3 } } });
    expect(updated.stats.updated).toBe(1);
    expect((await doc.get()).data).toEqual({ _id: 'k1', token: 't', hits: 3, nested: { a: 1, b: 3 } });
  });

  test('remove by id and by query', async () => {
    const tokens = cloud.database().collection('tokens');
    await tokens.add({ data: [{ _id: 'a', n: 1 }, { _id: 'b', n: 2 }, { _id: 'c', n: 3 }] });
    await expect(tokens.doc('a').remove()).resolves.toMatchObject({ stats: { removed: 1 } });
    await expect(tokens.where({ n: cloud.database().command.gte(2) }).remove()).resolves.toMatchObject({ stats: { removed: 2 } });
    expect(emu.db.collection('tokens').size).toBe(0);
  });
});

describe('queries', () => {
  beforeEach(async () => {
    const rows = [
      { _id: 'r1', n: 1, kind: 'a', tag: ['x'] },
      { _id: 'r2', n: 5, kind: 'b' },
      { _id: 'r3', n: 3, kind: 'a', flag: true },
      { _id: 'r4', n: 8, kind: 'c', tag: ['x', 'y'] },
    ];
    await cloud.database().collection('tokens').add({ data: rows });
  });

  const ids = (result: { data: Array<{ _id: string }> }) => result.data.map((row) => row._id);

  test.each([
    ['$lt', (_: any) => ({ n: _.lt(3) }), ['r1']],
    ['$lte', (_: any) => ({ n: _.lte(3) }), ['r1', 'r3']],
    ['$gt', (_: any) => ({ n: _.gt(3) }), ['r2', 'r4']],
    ['$gte', (_: any) => ({ n: _.gte(5) }), ['r2', 'r4']],
    ['$eq', (_: any) => ({ kind: _.eq('a') }), ['r1', 'r3']],
    ['$ne', (_: any) => ({ kind: _.neq('a') }), ['r2', 'r4']],
    ['$in', (_: any) => ({ kind: _.in(['b', 'c']) }), ['r2', 'r4']],
    ['$nin', (_: any) => ({ kind: _.nin(['b', 'c']) }), ['r1', 'r3']],
    ['$exists', (_: any) => ({ flag: _.exists(true) }), ['r3']],
    ['plain equality', () => ({ kind: 'a', n: 3 }), ['r3']],
    ['array contains', () => ({ tag: 'y' }), ['r4']],
    ['and/or', (_: any) => _.or([{ n: _.lt(2) }, { n: _.gt(6) }]), ['r1', 'r4']],
  ])('%s', async (_name, build, expected) => {
    const db = cloud.database();
    const result = await db.collection('tokens').where(build(db.command)).get();
    expect(ids(result)).toEqual(expected);
  });

  test('orderBy, skip, limit and count', async () => {
    const tokens = cloud.database().collection('tokens');
    expect(ids(await tokens.orderBy('n', 'desc').skip(1).limit(2).get())).toEqual(['r2', 'r3']);
    await expect(tokens.where({ kind: 'a' }).count()).resolves.toMatchObject({ total: 2 });
  });

  test('field() projects', async () => {
    const result = await cloud.database().collection('tokens').where({ _id: 'r1' }).field({ n: true }).get();
    expect(result.data).toEqual([{ _id: 'r1', n: 1 }]);
  });
});

describe('conditional update as a lease (compare-and-set)', () => {
  test('of two concurrent callers exactly one wins', async () => {
    const db = cloud.database();
    const _ = db.command;
    await db.collection('tokens').doc('lease').set({ data: { leaseUntil: 100, owner: 'nobody' } });
    const take = (owner: string) =>
      db.collection('tokens').where({ _id: 'lease', leaseUntil: _.lt(150) }).update({ data: { leaseUntil: 500, owner } });
    const [first, second] = await Promise.all([take('A'), take('B')]);
    expect([first.stats.updated, second.stats.updated].sort()).toEqual([0, 1]);
    const winner = first.stats.updated === 1 ? 'A' : 'B';
    expect((await db.collection('tokens').doc('lease').get()).data).toEqual({ _id: 'lease', leaseUntil: 500, owner: winner });
    const modify = emu.calls.filter((call) => call.api === 'database.modifyDocument' && (call.params as { queryType?: string }).queryType === 'WHERE');
    expect(modify).toHaveLength(2);
  });

  test('a condition on a missing field does not match', async () => {
    const db = cloud.database();
    await db.collection('tokens').doc('lease').set({ data: { owner: 'x' } });
    const result = await db.collection('tokens').where({ _id: 'lease', leaseUntil: db.command.lt(150) }).update({ data: { owner: 'y' } });
    expect(result.stats.updated).toBe(0);
  });
});

describe('faults on database calls', () => {
  test('a CloudBase error code maps through TCB_ERR_CODE', async () => {
    emu.inject({ kind: 'database', api: 'database.getDocument', cloudbaseError: { code: 'DATABASE_PERMISSION_DENIED', message: 'denied' } });
    const error = await sdkFailure(cloud.database().collection('tokens').where({}).get());
    expect(error.errCode).toBe(-502003);
  });

  test('drop and malformed JSON surface as SDK errors', async () => {
    const tokens = cloud.database().collection('tokens');
    emu.inject({ kind: 'database', drop: true });
    await expect(tokens.where({}).get()).rejects.toBeDefined();
    emu.inject({ kind: 'database', malformed: true });
    await expect(tokens.where({}).get()).rejects.toBeDefined();
    await expect(tokens.where({}).get()).resolves.toMatchObject({ data: [] });
  });

  test('an errcode fault never matches a database call', async () => {
    emu.inject({ errcode: 40001 });
    await expect(cloud.database().collection('tokens').where({}).get()).resolves.toMatchObject({ data: [] });
  });
});

describe('inspection', () => {
  test('db.collection seeds and exposes documents; reset clears them', async () => {
    emu.db.collection('seeded').set('s1', { _id: 's1', n: 1 });
    const got = await cloud.database().collection('seeded').doc('s1').get();
    expect(got.data).toEqual({ _id: 's1', n: 1 });
    expect(emu.db.collections()).toEqual(expect.arrayContaining(['tokens', 'seeded']));
    emu.reset();
    expect(emu.db.collections()).toEqual([]);
  });
});

describe('counting requests and faults of one collection', () => {
  test('requests are counted by kind (a count is a read), in all and per collection, from a given call on', async () => {
    const tokens = cloud.database().collection('tokens');
    await tokens.add({ data: { _id: 'k1', token: 'a' } });
    const since = emu.calls.length;
    await tokens.add({ data: [{ _id: 'k2' }, { _id: 'k3' }] });
    await tokens.where({ token: 'a' }).get();
    await tokens.where({}).count();
    await tokens.doc('k1').update({ data: { token: 'b' } });
    await cloud.database().createCollection('other');
    await cloud.database().collection('other').add({ data: { _id: 'o1' } });
    expect(emu.databaseRequests(since)).toEqual({
      reads: 2, writes: 3, other: 1,
      byCollection: { tokens: { reads: 2, writes: 2, other: 0 }, other: { reads: 0, writes: 1, other: 1 } },
    });
  });

  test('a fault naming a collection leaves the others alone', async () => {
    await cloud.database().createCollection('other');
    emu.inject({ kind: 'database', collection: 'other', cloudbaseError: { code: 'DATABASE_REQUEST_FAILED', message: 'refused' }, times: 1 });
    await cloud.database().collection('tokens').add({ data: { _id: 'k1' } });
    expect((await sdkFailure(cloud.database().collection('other').add({ data: { _id: 'o1' } }))).errCode).toBe(-502001);
    await cloud.database().collection('other').add({ data: { _id: 'o1' } });
    expect([...emu.db.collection('other').keys()]).toEqual(['o1']);
  });
});
