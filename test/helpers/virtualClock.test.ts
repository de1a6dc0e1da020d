import { VirtualClock } from './virtualClock';

// The test clock itself: time moves only when told, timers fire in order, and a driven work
// moves it only while it can be waiting on nothing but time.

const idle = () => ({ open: 0, held: 0, events: 0 });

describe('VirtualClock', () => {
  it('stands still until advanced, then fires each due timer at its own time, in order', async () => {
    const clock = new VirtualClock(1000);
    const fired: Array<[string, number]> = [];
    clock.after(300, () => fired.push(['b', clock.now()]));
    clock.after(100, () => fired.push(['a', clock.now()]));
    const cancelled = clock.after(200, () => fired.push(['never', clock.now()]));
    cancelled.cancel();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clock.now()).toBe(1000);
    expect(fired).toEqual([]);
    await clock.advance(250);
    expect(fired).toEqual([['a', 1100]]);
    expect(clock.now()).toBe(1250);
    await clock.advance(1000);
    expect(fired).toEqual([['a', 1100], ['b', 1300]]);
    expect(clock.now()).toBe(2250);
  });

  it('a timer set by a timer that fired is fired by the same advance when it falls due within it', async () => {
    const clock = new VirtualClock(0);
    const fired: number[] = [];
    clock.after(10, () => {
      fired.push(clock.now());
      clock.after(10, () => fired.push(clock.now()));
    });
    await clock.advance(25);
    expect(fired).toEqual([10, 20]);
  });

  it('drives a work through its backoffs at once, ending at the time the sleeps add up to', async () => {
    const clock = new VirtualClock(0);
    const work = (async () => {
      for (const ms of [100, 200, 400]) await clock.sleep(ms);
      return clock.now();
    })();
    await expect(clock.drive(work, idle)).resolves.toBe(700);
  });

  it('never fires a bound while nothing is held: what it bounds is still at work, however slowly', async () => {
    const clock = new VirtualClock(0);
    let boundFired = false;
    clock.after(50, () => (boundFired = true));
    // Real work that takes real time (as a busy machine would), with no request held.
    const work = new Promise<string>((resolve) => setTimeout(() => resolve('done'), 200));
    await expect(clock.drive(work, idle)).resolves.toBe('done');
    expect(boundFired).toBe(false);
    expect(clock.now()).toBe(0);
  });

  it('fires the bound of a held request (a stall), and fails a work that waits on one with no bound left', async () => {
    const clock = new VirtualClock(0);
    const held = () => ({ open: 1, held: 1, events: 7 });
    const bounded = new Promise<number>((resolve) => void clock.after(3000, () => resolve(clock.now())));
    await expect(clock.drive(bounded, held)).resolves.toBe(3000);
    const unbounded = new Promise<never>(() => undefined);
    await expect(clock.drive(unbounded, held)).rejects.toThrow(/held request\(s\) with no timer left/);
  });

  it('waits while a request is open and not held (its answer is on the way)', async () => {
    const clock = new VirtualClock(0);
    let traffic = { open: 1, held: 0, events: 1 };
    clock.after(10, () => undefined);
    const work = clock.sleep(1000).then(() => clock.now());
    const driven = clock.drive(work, () => traffic);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(clock.now()).toBe(0);
    traffic = { open: 0, held: 0, events: 2 };
    await expect(driven).resolves.toBe(1000);
  });
});
