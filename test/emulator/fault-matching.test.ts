import { startEmulator, type Emulator } from '../../emulator';
import { loadCloud, sdkFailure, type WxCloud } from './helpers/wx-sdk';

/**
 * Which requests a fault matches (several API names, one collection) and the `hold` field, which
 * lets a test process one request after others without any timing.
 */
let emu: Emulator;
let cloud: WxCloud;

beforeAll(async () => {
  emu = await startEmulator({ applicantCount: 5, embeddedCount: 5 });
  cloud = loadCloud(emu);
  process.env.SILENCE = 'true';
});
afterAll(() => emu.close());
beforeEach(async () => {
  emu.reset();
  await cloud.database().createCollection('a');
  await cloud.database().createCollection('b');
});

const WRITES = ['database.insertDocument', 'database.modifyDocument'];

describe('fault matching', () => {
  it('a collection fault touches only requests naming that collection', async () => {
    emu.inject({ kind: 'database', collection: 'b', cloudbaseError: { code: 'DATABASE_REQUEST_FAILED', message: 'b fails' }, times: Infinity });
    await cloud.database().collection('a').add({ data: { _id: 'x', v: 1 } });
    expect((await sdkFailure(cloud.database().collection('b').add({ data: { _id: 'x', v: 1 } }))).errCode).toBe(-502001);
    expect(emu.db.collection('a').get('x')).toEqual({ _id: 'x', v: 1 });
    expect(emu.db.collection('b').has('x')).toBe(false);
  });

  it('a fault may name several APIs: here every write, not the reads', async () => {
    await cloud.database().collection('a').add({ data: { _id: 'x', v: 1 } });
    emu.inject({ kind: 'database', api: WRITES, cloudbaseError: { code: 'DATABASE_REQUEST_FAILED', message: 'no writes' }, times: 2 });
    expect((await sdkFailure(cloud.database().collection('a').where({ _id: 'x' }).update({ data: { v: 2 } }))).errCode).toBe(-502001);
    expect((await cloud.database().collection('a').where({ _id: 'x' }).get()).data).toEqual([{ _id: 'x', v: 1 }]);
    expect((await sdkFailure(cloud.database().collection('a').add({ data: { _id: 'y' } }))).errCode).toBe(-502001);
    await cloud.database().collection('a').where({ _id: 'x' }).update({ data: { v: 3 } });
    expect(emu.db.collection('a').get('x')).toEqual({ _id: 'x', v: 3 });
  });

  it('a held request is processed when released, after requests sent later', async () => {
    let release: () => void = () => undefined;
    emu.inject({ kind: 'database', api: WRITES, collection: 'a', hold: new Promise<void>((resolve) => (release = resolve)), times: 1 });
    const first = cloud.database().collection('a').add({ data: { _id: 'x', by: 'first' } });
    while (emu.count({ api: 'database.insertDocument' }) < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await cloud.database().collection('a').add({ data: { _id: 'x', by: 'second' } });
    release();
    expect((await sdkFailure(first)).errMsg).toContain('E11000 duplicate key');
    expect(emu.db.collection('a').get('x')).toEqual({ _id: 'x', by: 'second' });
  });
});
