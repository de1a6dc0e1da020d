import { startEmulator, type Emulator } from '../../emulator';
import { UNREACHED_SDK_PARTS } from '../../tools/sdkStubs';
import { loadCloud, type WxCloud } from '../emulator/helpers/wx-sdk';
import { SDK_BUNDLE } from './helpers/sdkBundle';

// The integration project loads wx-server-sdk from the bundle the functions ship (jest.config.js),
// with the parts no function reaches stubbed. This file proves that mapping is in force and that
// the whole database API the functions use, and the open API, work through that bundle.

let emu: Emulator;
let cloud: WxCloud;

beforeAll(async () => {
  emu = await startEmulator({ applicantCount: 20, embeddedCount: 5 });
  cloud = loadCloud(emu);
  process.env.SILENCE = 'true'; // the SDK's own switch for its slow-request warning timer
});

afterAll(async () => {
  await emu.close();
});

test('wx-server-sdk resolves to the shipped bundle, and the stubbed packages are not in it', () => {
  expect(require.resolve('wx-server-sdk')).toBe(SDK_BUNDLE);
  const source: string = require('node:fs').readFileSync(SDK_BUNDLE, 'utf8');
  for (const part of UNREACHED_SDK_PARTS) {
    // Booleans, so a failure does not print 750 KiB of bundle.
    expect([part.name, source.includes(`${part.name} is not in this function's bundle`)]).toEqual([part.name, true]);
    expect([part.name, source.includes(`node_modules/${part.name}/`)]).toEqual([part.name, false]);
  }
});

test('the open API through the bundle', async () => {
  const page = await cloud.openapi.pluginManager.getPluginDevApplyList({ action: 'dev_apply_list', page: 1, num: 5 });
  expect(page.errCode).toBe(0);
  expect(page.applyList).toHaveLength(5);
});

test('the database API through the bundle: every operation the token store uses', async () => {
  const db = cloud.database();
  const _ = db.command;
  await db.createCollection('bundle_check');
  const items = db.collection('bundle_check');
  await items.add({ data: { _id: 'a', n: 1, kind: 'x', at: db.serverDate() } });
  await items.add({ data: { _id: 'b', n: 5, kind: 'x', drop: true } });
  await items.doc('c').set({ data: { n: 9, kind: 'y' } });

  expect((await items.doc('a').get()).data).toMatchObject({ _id: 'a', n: 1, kind: 'x' });
  expect((await items.doc('a').get()).data.at).toBeTruthy(); // the server's date, whatever form the emulator stores
  await items.doc('b').update({ data: { n: _.inc(2), drop: _.remove() } });
  expect((await items.doc('b').get()).data).toEqual({ _id: 'b', n: 7, kind: 'x' });

  const found = await items.where({ kind: 'x', n: _.gt(0) }).orderBy('n', 'desc').skip(0).limit(10).field({ n: true }).get();
  expect(found.data.map((d: { _id: string; n: number }) => [d._id, d.n])).toEqual([['b', 7], ['a', 1]]);
  expect((await items.where({ n: _.in([1, 9]) }).count()).total).toBe(2);
  expect((await items.where(_.or([{ n: _.lt(2) }, { kind: 'y' }])).update({ data: { seen: true } })).stats.updated).toBe(2);
  expect((await items.where({ seen: true }).remove()).stats.removed).toBe(2);
  expect((await items.count()).total).toBe(1);
});
