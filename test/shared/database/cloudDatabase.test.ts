import type { CloudSdk } from '../../../shared/cloud/sdk';
import { cloudCollection } from '../../../shared/database/cloudDatabase';
import { LOCAL } from '../../../shared/errors';
import { Deadline } from '../../../shared/transport/deadline';

/** A fake SDK whose database answers `get` as told; counts the calls that reach it. */
function fakeSdk(answer: () => Promise<unknown>) {
  let calls = 0;
  const collection = { get: () => ((calls += 1), answer()) };
  const sdk = () => ({ database: () => ({ collection: () => collection, command: {}, createCollection: async () => undefined }) }) as unknown as CloudSdk;
  return { sdk, calls: () => calls };
}

describe('cloudCollection', () => {
  afterEach(() => jest.restoreAllMocks());

  it('after an operation runs out of time, the next ones fail at once without reaching the database, for a few seconds', async () => {
    const db = fakeSdk(() => new Promise(() => undefined));
    const tokens = cloudCollection('wx_tokens', db.sdk);
    const registry = cloudCollection('wx_authorizers', db.sdk);
    await expect(tokens.run((c) => c.get(), new Deadline(Date.now() + 30), 'reading')).rejects.toMatchObject({ code: LOCAL.DATABASE_TIMEOUT });
    expect(db.calls()).toBe(1);

    const started = Date.now();
    await expect(registry.run((c) => c.get(), new Deadline(Date.now() + 2000), 'reading')).rejects.toMatchObject({
      code: LOCAL.DATABASE_TIMEOUT,
      body: { detail: expect.stringContaining('skipped') },
    });
    expect(db.calls()).toBe(1);
    expect(Date.now() - started).toBeLessThan(1000);

    // Later the database is tried again.
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 6000);
    const healthy = fakeSdk(async () => ({ data: [] }));
    await expect(cloudCollection('wx_tokens', healthy.sdk).run((c) => c.get(), new Deadline(now + 8000), 'reading')).resolves.toEqual({ data: [] });
  });
});
