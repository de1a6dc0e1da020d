import { startEmulator, type Emulator } from '../../../emulator';
import type { CloudSdk } from '../../../shared/cloud/sdk';
import { setEach, SET_CONCURRENCY, updateByIds } from '../../../shared/database/batchUpdates';
import { cloudCollection, type CloudCollection } from '../../../shared/database/cloudDatabase';
import { insertAll } from '../../../shared/database/insertAll';
import { pagesOf, readAll } from '../../../shared/database/pagedRead';
import { Deadline } from '../../../shared/core/deadline';
import { loadCloud, type WxCloud } from '../../emulator/helpers/wx-sdk';

/**
 * The database helpers every collection read and batch write goes through, against the emulated
 * CloudBase database through the unmodified wx-server-sdk; requests counted by the emulator.
 */
let emu: Emulator;
let cloud: WxCloud;
let docs: CloudCollection;
beforeAll(async () => {
  emu = await startEmulator({ applicantCount: 1, embeddedCount: 1 });
  cloud = loadCloud(emu);
  process.env.SILENCE = 'true'; // the SDK's slow-request warning timer, armed on failures
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  docs = cloudCollection(`docs_${Math.random().toString(36).slice(2)}`, () => cloud as unknown as CloudSdk);
});

const deadline = () => new Deadline(Date.now() + 20_000);
const id = (n: number) => `d${String(n).padStart(5, '0')}`;
const seed = (from: number, to: number, extra: object = {}) => {
  const stored = emu.db.collection(docs.name);
  for (let n = from; n < to; n++) stored.set(id(n), { _id: id(n), n, kind: n % 2 === 0 ? 'even' : 'odd', ...extra });
};

describe('pagesOf / readAll', () => {
  it('reads every matching document once, 1000 a read, in _id order', async () => {
    seed(0, 2500);
    let reads = 0;
    const all = await readAll<{ _id: string; n: number }>(docs, { where: () => ({ kind: 'even' }), fields: { n: true }, deadline: deadline(), what: 'test', onRead: () => (reads += 1) });
    expect(all).toHaveLength(1250);
    expect(all.map((d) => d._id)).toEqual([...all.map((d) => d._id)].sort());
    expect(all[0]).toEqual({ _id: id(0), n: 0 });
    expect(reads).toBe(2);
    expect(emu.databaseRequests().reads).toBe(2);
  });

  it('documents written before the cursor while it pages neither shift it nor come back twice (skip/limit would read one twice)', async () => {
    seed(100, 2100);
    const seen: string[] = [];
    let first = true;
    for await (const page of pagesOf<{ _id: string }>(docs, { where: () => ({}), deadline: deadline(), what: 'test' })) {
      seen.push(...page.map((d) => d._id));
      if (first) seed(0, 50); // a writer adds documents that sort before where the reader got to
      first = false;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((s) => s >= id(100))).toHaveLength(2000);
    // What skip/limit paging meets: the second window, 1000 on, starts 50 documents earlier.
    const secondWindow = await docs.run((c) => c.where({}).orderBy('_id', 'asc').skip(1000).limit(1000).get(), deadline(), 'test');
    expect((secondWindow.data as Array<{ _id: string }>).some((d) => seen.slice(0, 1000).includes(d._id))).toBe(true);
  });

  it('a projection leaving fields out keeps the paging key', async () => {
    seed(0, 1200, { big: 'x'.repeat(100) });
    const all = await readAll<{ _id: string; big?: string }>(docs, { where: () => ({}), fields: { big: false }, deadline: deadline(), what: 'test' });
    expect(all).toHaveLength(1200);
    expect(all.every((d) => d.big === undefined && typeof d._id === 'string')).toBe(true);
  });
});

describe('insertAll', () => {
  it('one request per 1000 documents', async () => {
    emu.db.collection(docs.name); // there already
    const since = emu.calls.length;
    const result = await insertAll(docs, Array.from({ length: 1500 }, (_, n) => ({ _id: id(n), n })), { deadline: deadline(), what: 'test' });
    expect(result).toEqual({ inserted: 1500, existing: 0 });
    expect(emu.databaseRequests(since).byCollection[docs.name]).toMatchObject({ writes: 2, reads: 0 });
  });

  it('a batch meeting documents already stored: one read of which exist, the rest in one more insert, never one at a time', async () => {
    seed(0, 600);
    const since = emu.calls.length;
    let writes = 0;
    let reads = 0;
    const result = await insertAll(docs, Array.from({ length: 1000 }, (_, n) => ({ _id: id(n), n, fresh: true })), {
      deadline: deadline(), what: 'test', onWrite: () => (writes += 1), onRead: () => (reads += 1),
    });
    expect(result).toEqual({ inserted: 400, existing: 600 });
    expect(emu.databaseRequests(since).byCollection[docs.name]).toEqual({ writes: 2, reads: 1, other: 0 });
    expect({ writes, reads }).toEqual({ writes: 2, reads: 1 });
    expect(emu.db.collection(docs.name).size).toBe(1000);
    // What was stored stays as it was: the same id is the same document.
    expect(emu.db.collection(docs.name).get(id(0))).not.toHaveProperty('fresh');
  });

  it('a refusal that was not a duplicate is tried again; the same refusal three times is passed on', async () => {
    await insertAll(docs, [{ _id: id(0) }], { deadline: deadline(), what: 'test' }); // creates the collection
    emu.inject({ kind: 'database', api: 'database.insertDocument', cloudbaseError: { code: 'DATABASE_REQUEST_FAILED', message: 'busy' }, times: 1 });
    await expect(insertAll(docs, [{ _id: id(1) }], { deadline: deadline(), what: 'test' })).resolves.toEqual({ inserted: 1, existing: 0 });
    emu.inject({ kind: 'database', api: 'database.insertDocument', cloudbaseError: { code: 'DATABASE_REQUEST_FAILED', message: 'busy' }, times: 3 });
    await expect(insertAll(docs, [{ _id: id(2) }], { deadline: deadline(), what: 'test' })).rejects.toMatchObject({ code: -502001 });
  });
});

describe('batch updates', () => {
  it('the same update for many documents: one request per 1000 ids', async () => {
    seed(0, 1500);
    const since = emu.calls.length;
    const updated = await updateByIds(docs, Array.from({ length: 1500 }, (_, n) => id(n)), (_) => ({ marked: true, n: _.inc(1) }), { deadline: deadline(), what: 'test' });
    expect(updated).toBe(1500);
    expect(emu.databaseRequests(since).writes).toBe(2);
    expect(emu.db.collection(docs.name).get(id(7))).toMatchObject({ marked: true, n: 8 });
  });

  it(`different contents are replaced ${SET_CONCURRENCY} at a time, not one after another`, async () => {
    seed(0, 20);
    await docs.run((c) => c.where({}).limit(1).get(), deadline(), 'warm up');
    emu.inject({ kind: 'database', api: 'database.modifyDocument', gate: SET_CONCURRENCY, latencyMs: 10_000, times: SET_CONCURRENCY });
    await setEach(docs, Array.from({ length: 20 }, (_, n) => ({ _id: id(n), n: n * 10 })), { deadline: deadline(), what: 'test' });
    const gated = emu.calls.filter((c) => c.api === 'database.modifyDocument').map((c) => c.gated).filter(Boolean);
    expect(gated).toEqual(Array(SET_CONCURRENCY).fill('together'));
    expect(emu.db.collection(docs.name).get(id(19))).toEqual({ _id: id(19), n: 190 });
  });
});
