import type { CloudSdk } from '../../../shared/cloud/sdk';
import { cloudCollection } from '../../../shared/database/cloudDatabase';
import { LOCAL } from '../../../shared/errors';
import { releaseLease } from '../../../shared/sync/lease';
import { Deadline } from '../../../shared/core/deadline';

/** A fake SDK database: `get` never answers (a stalled read), `where(...).update` records what it is given. */
function fakeDb() {
  const updates: Array<{ where: object; data: object }> = [];
  const collection = {
    get: () => new Promise<never>(() => undefined),
    where: (where: object) => ({ update: async ({ data }: { data: object }) => (updates.push({ where, data }), { stats: { updated: 1 } }) }),
  };
  const sdk = () => ({ database: () => ({ collection: () => collection, command: {}, createCollection: async () => undefined }) }) as unknown as CloudSdk;
  return { sdk, updates };
}

describe('releaseLease', () => {
  it('gives the lease back even after a database step of the same run ran out of its time (a slow machine must not keep the next run out)', async () => {
    const db = fakeDb();
    const state = cloudCollection('sync_state', db.sdk);
    const invocation = new Deadline(Date.now() + 5000);
    // A step with its own share of the time (a token-store read) runs out: the invocation is told the database stalled.
    await expect(state.run((c) => c.get(), invocation.within(300), 'reading a token')).rejects.toMatchObject({ code: LOCAL.DATABASE_TIMEOUT });
    expect(invocation.signals.databaseStalled).toBe(true);
    await releaseLease(state, 'run-1:abcd', invocation);
    expect(db.updates).toEqual([{ where: { _id: 'lease:syncLists', holder: 'run-1:abcd' }, data: { until: 0 } }]);
  });
});
