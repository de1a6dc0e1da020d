import { Deadline } from '../../../shared/core/deadline';
import { runBulk, summarize, WRITE_CONCURRENCY } from '../../../shared/writes/runBulk';

const appids = Array.from({ length: 23 }, (_, i) => `wx${i.toString(16).padStart(16, '0')}`);

describe('runBulk', () => {
  it('keeps at most WRITE_CONCURRENCY writes in flight and answers in the order given', async () => {
    let inFlight = 0;
    let most = 0;
    const outcomes = await runBulk(appids, new Deadline(Date.now() + 60_000), async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      return { outcome: 'changed', sent: 1 };
    });
    expect(most).toBe(WRITE_CONCURRENCY);
    expect(outcomes.map((o) => o.appid)).toEqual(appids);
    expect(summarize(outcomes)).toEqual({ changed: 23, unchanged: 0, failed: 0, not_attempted: 0 });
  });

  it('reports what the deadline leaves no room for as not_attempted, sending nothing for it', async () => {
    let now = 0;
    const deadline = new Deadline(1000, () => now);
    const started: string[] = [];
    const outcomes = await runBulk(appids, deadline, async (appid) => {
      started.push(appid);
      now += 300; // each write takes 300 ms of the virtual clock
      return { outcome: 'changed', sent: 1 };
    }, 1);
    // 1000 ms, an attempt needs 200 left: writes start at 0, 300, 600; at 900 only 100 remain.
    expect(started).toEqual(appids.slice(0, 3));
    expect(outcomes.slice(3).every((o) => o.outcome === 'not_attempted' && o.sent === 0 && o.error?.code === -910031)).toBe(true);
    expect(summarize(outcomes)).toEqual({ changed: 3, unchanged: 0, failed: 0, not_attempted: 20 });
  });
});
