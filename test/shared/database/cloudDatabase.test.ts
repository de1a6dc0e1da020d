import type { CloudSdk } from '../../../shared/cloud/sdk';
import { cloudCollection } from '../../../shared/database/cloudDatabase';
import { LOCAL } from '../../../shared/errors';
import { Deadline } from '../../../shared/core/deadline';

/** A fake SDK whose database answers `get` as told; counts the calls that reach it. */
function fakeSdk(answer: () => Promise<unknown>) {
  let calls = 0;
  const collection = { get: () => ((calls += 1), answer()) };
  const sdk = () => ({ database: () => ({ collection: () => collection, command: {}, createCollection: async () => undefined }) }) as unknown as CloudSdk;
  return { sdk, calls: () => calls };
}

const stalled = () => new Promise<never>(() => undefined);

describe('cloudCollection', () => {
  it('after an operation of an invocation runs out of its time, the invocation\'s later ones fail at once without reaching the database', async () => {
    const db = fakeSdk(stalled);
    const tokens = cloudCollection('wx_tokens', db.sdk);
    const registry = cloudCollection('wx_authorizers', db.sdk);
    const invocation = new Deadline(Date.now() + 5000);
    await expect(tokens.run((c) => c.get(), invocation.within(300), 'reading')).rejects.toMatchObject({ code: LOCAL.DATABASE_TIMEOUT });
    expect(db.calls()).toBe(1);

    const started = Date.now();
    await expect(registry.run((c) => c.get(), invocation.within(2000), 'reading')).rejects.toMatchObject({
      code: LOCAL.DATABASE_TIMEOUT,
      body: { detail: expect.stringContaining('skipped') },
    });
    expect(db.calls()).toBe(1);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('another invocation tries the database afresh', async () => {
    let stall = true;
    const db = fakeSdk(() => (stall ? stalled() : Promise.resolve({ data: [] })));
    const tokens = cloudCollection('wx_tokens', db.sdk);
    await expect(tokens.run((c) => c.get(), new Deadline(Date.now() + 300), 'reading')).rejects.toMatchObject({ code: LOCAL.DATABASE_TIMEOUT });
    stall = false;
    await expect(tokens.run((c) => c.get(), new Deadline(Date.now() + 2000), 'reading')).resolves.toEqual({ data: [] });
    expect(db.calls()).toBe(2);
  });

  it('an operation started in the last moments of a deadline ran out of time: later work (saving progress) is still tried', async () => {
    let stall = true;
    const db = fakeSdk(() => (stall ? stalled() : Promise.resolve({ data: [] })));
    const state = cloudCollection('sync_state', db.sdk);
    const invocation = new Deadline(Date.now() + 5000);
    await expect(state.run((c) => c.get(), invocation.within(50), 'a page')).rejects.toMatchObject({ code: LOCAL.DATABASE_TIMEOUT });
    stall = false;
    await expect(state.run((c) => c.get(), invocation, 'saving progress')).resolves.toEqual({ data: [] });
  });

  it('a closing step marked evenIfStalled (releasing the sync lease) still reaches the database after a stall, bounded by the deadline', async () => {
    let stall = true;
    const db = fakeSdk(() => (stall ? stalled() : Promise.resolve({ data: [] })));
    const state = cloudCollection('sync_state', db.sdk);
    const invocation = new Deadline(Date.now() + 5000);
    await expect(state.run((c) => c.get(), invocation.within(300), 'a page')).rejects.toMatchObject({ code: LOCAL.DATABASE_TIMEOUT });
    expect(invocation.signals.databaseStalled).toBe(true);
    // Still stalled: the closing step waits no longer than the time it is given.
    await expect(state.run((c) => c.get(), invocation.within(300), 'releasing', { evenIfStalled: true })).rejects.toMatchObject({ code: LOCAL.DATABASE_TIMEOUT });
    expect(db.calls()).toBe(2);
    stall = false;
    await expect(state.run((c) => c.get(), invocation, 'releasing', { evenIfStalled: true })).resolves.toEqual({ data: [] });
    expect(db.calls()).toBe(3);
    // Other steps of the invocation are still skipped.
    await expect(state.run((c) => c.get(), invocation, 'a summary')).rejects.toMatchObject({ body: { detail: expect.stringContaining('skipped') } });
    expect(db.calls()).toBe(3);
  });
});
