import { Deadline } from '../../../shared/core/deadline';
import { raceAttempt, startAttemptTimer } from '../../../shared/transport/attemptTimer';
import { VirtualClock } from '../../helpers/virtualClock';

// Virtual time: the attempt's timer fires when the test moves the clock, never by waiting.
let clock: VirtualClock;
beforeEach(() => {
  clock = new VirtualClock();
});

const far = () => new Deadline(clock.now() + 60_000, clock);

describe('startAttemptTimer', () => {
  it('tells every listener once when the time runs out, and one that comes later at once', async () => {
    const timer = startAttemptTimer(far(), 100);
    const heard: string[] = [];
    timer.signal.onAbort(() => heard.push('first'));
    const stop = timer.signal.onAbort(() => heard.push('stopped'));
    stop();
    await clock.advance(99);
    expect(timer.signal.aborted).toBe(false);
    expect(heard).toEqual([]);
    await clock.advance(1);
    expect(timer.signal.aborted).toBe(true);
    timer.signal.onAbort(() => heard.push('late'));
    await clock.advance(1000);
    expect(heard).toEqual(['first', 'late']);
    expect(timer.timeoutError({ apiName: 'x' }).body.name).toBe('ATTEMPT_TIMEOUT');
  });

  it('says DEADLINE_EXCEEDED when the deadline, not the attempt limit, ended the wait', () => {
    const timer = startAttemptTimer(new Deadline(clock.now() + 50, clock), 4000);
    timer.clear();
    expect(timer.timeoutError({}).body.name).toBe('DEADLINE_EXCEEDED');
  });

  it('once cleared, tells nobody and leaves no timer behind', async () => {
    const timer = startAttemptTimer(far(), 100);
    let heard = false;
    timer.signal.onAbort(() => (heard = true));
    timer.clear();
    expect(clock.timers()).toBe(0);
    await clock.advance(1000);
    expect(heard).toBe(false);
    expect(timer.signal.aborted).toBe(false);
  });
});

describe('raceAttempt', () => {
  it('gives the work its answer when it comes first, and the timeout error when the timer does', async () => {
    await expect(raceAttempt(Promise.resolve(42), startAttemptTimer(far(), 1000), {})).resolves.toBe(42);
    const never = new Promise<never>(() => undefined);
    const raced = raceAttempt(never, startAttemptTimer(far(), 100), { apiName: 'a.b' });
    const refused = expect(raced).rejects.toMatchObject({ code: -910007 });
    await clock.advance(100);
    await refused;
  });
});
