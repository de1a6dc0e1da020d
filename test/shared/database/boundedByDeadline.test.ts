import { boundedByDeadline } from '../../../shared/database/boundedByDeadline';
import { LOCAL } from '../../../shared/errors';
import { Deadline } from '../../../shared/core/deadline';

describe('boundedByDeadline', () => {
  it('answers with the operation when it beats the deadline', async () => {
    await expect(boundedByDeadline(Promise.resolve(7), new Deadline(Date.now() + 1000), 'read')).resolves.toBe(7);
  });

  it('passes the operation\'s own failure on', async () => {
    await expect(boundedByDeadline(Promise.reject(new Error('boom')), new Deadline(Date.now() + 1000), 'read')).rejects.toThrow('boom');
  });

  it('fails with DATABASE_TIMEOUT naming the operation when the deadline comes first, and swallows the late failure', async () => {
    let failLate: (e: Error) => void = () => undefined;
    const stalled = new Promise<number>((_resolve, reject) => {
      failLate = reject;
    });
    const started = Date.now();
    const outcome = boundedByDeadline(stalled, new Deadline(Date.now() + 50), 'token read');
    await expect(outcome).rejects.toMatchObject({ code: LOCAL.DATABASE_TIMEOUT, body: { detail: expect.stringContaining('token read') } });
    expect(Date.now() - started).toBeLessThan(5000);
    failLate(new Error('late')); // must not become an unhandled rejection
    await new Promise((r) => setImmediate(r));
  });
});
