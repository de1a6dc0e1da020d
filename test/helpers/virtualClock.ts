import type { Clock, Timer } from '../../shared/core/clock';
import type { TimeSource, Traffic } from '../../emulator';

/** `bound`: ends a wait on something else (an attempt, a database call, an emulated slow answer). `wait`: the wait itself (a backoff, a poll). */
type TimerKind = 'bound' | 'wait';

interface Pending {
  at: number;
  order: number;
  kind: TimerKind;
  callback: () => void;
}

/** Loop turns without any request arriving, being held, released or answered before time may move on. */
const QUIET_TURNS = 8;
/** ... and at least this much real time, for work off the event loop (file reads, gunzip on the thread pool). */
const QUIET_MS = 15;
/** Quiet rounds with a held request and no timer at all before the work is failed as hanging. */
const STUCK_ROUNDS = 20;

/**
 * Virtual time for tests (docs/testing.md, "Virtual time"). It starts at the real time of its
 * creation and moves only when advanced: a deadline, an attempt timeout, a backoff or an emulated
 * slow answer ends when the test's time says so, never because the machine was busy, and a
 * stalled request is given up at once instead of after seconds of waiting.
 *
 * It is both the functions' Clock (shared/core/clock.ts, installed by the integration harness)
 * and the emulator's TimeSource (EmulatorOptions.time), so both count on the same time.
 */
export class VirtualClock implements Clock, TimeSource {
  private time: number;
  private readonly pending: Pending[] = [];
  private order = 0;
  private readonly driven = new Set<{ fail(error: Error): void }>();
  private driving: Promise<void> | undefined;

  constructor(start = Date.now()) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  after(ms: number, callback: () => void): Timer {
    return this.schedule(ms, 'bound', callback);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => void this.schedule(ms, 'wait', resolve));
  }

  /** How many timers are waiting. */
  timers(): number {
    return this.pending.length;
  }

  /** Moves time to the earliest waiting timer and fires it; false when none waits. */
  advanceToNext(): boolean {
    const next = this.pending.shift();
    if (!next) return false;
    this.time = Math.max(this.time, next.at);
    next.callback();
    return true;
  }

  /**
   * Moves time forward by `ms`, firing the timers due on the way one at a time, each followed by
   * a few loop turns so that what it wakes can schedule what comes next (as real time would).
   */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      const next = this.pending[0];
      if (!next || next.at > until) break;
      this.advanceToNext();
      await turns(QUIET_TURNS);
    }
    this.time = until;
  }

  /**
   * Runs `work` to its end on this clock, moving time on only while the work can be waiting on
   * nothing but time. That is when nothing happened for a while (no request arrived, was held,
   * released or answered for a few loop turns), every request the emulator has open is held by a
   * fault, and either one is held (a stall, a slow answer: its bound or its latency is next) or
   * a backoff or poll waits. A bound alone with nothing held never fires: what it bounds is still
   * at work, however slowly the machine does it. Several works driven at once share one loop.
   *
   * A work that waits on a held request while no timer is left to end the wait would hang in
   * production (until the SDK's own timeout): it fails, saying so.
   */
  drive<T>(work: Promise<T>, traffic: () => Traffic): Promise<T> {
    let fail: (error: Error) => void = () => undefined;
    const failed = new Promise<never>((_resolve, reject) => {
      fail = reject;
    });
    const entry = { fail };
    this.driven.add(entry);
    void work.then(
      () => this.driven.delete(entry),
      () => this.driven.delete(entry),
    );
    this.driving ??= this.loop(traffic).finally(() => {
      this.driving = undefined;
    });
    return Promise.race([work, failed]);
  }

  private schedule(ms: number, kind: TimerKind, callback: () => void): Timer {
    const timer: Pending = { at: this.time + Math.max(0, Number.isFinite(ms) ? ms : 0), order: (this.order += 1), kind, callback };
    this.pending.push(timer);
    this.pending.sort((a, b) => a.at - b.at || a.order - b.order);
    return {
      cancel: () => {
        const index = this.pending.indexOf(timer);
        if (index >= 0) this.pending.splice(index, 1);
      },
    };
  }

  private async loop(traffic: () => Traffic): Promise<void> {
    let stuck = 0;
    while (this.driven.size > 0) {
      if (!(await this.quiet(traffic))) continue;
      const { open, held } = traffic();
      if (open > held) continue; // an answer is on its way
      if (this.pending.length === 0) {
        stuck = held > 0 ? stuck + 1 : 0;
        if (stuck >= STUCK_ROUNDS) this.failAll(new Error(`waiting on ${held} held request(s) with no timer left to end the wait: without a deadline bound it would hang until the SDK's own timeout`));
        continue;
      }
      stuck = 0;
      if (held > 0 || this.pending.some((t) => t.kind === 'wait')) this.advanceToNext();
    }
  }

  /** Whether nothing happened for a few loop turns and a little real time (false as soon as something did). */
  private async quiet(traffic: () => Traffic): Promise<boolean> {
    const before = traffic().events;
    const works = this.driven.size;
    const startedAt = Date.now();
    for (let turn = 0; turn < QUIET_TURNS || Date.now() - startedAt < QUIET_MS; turn++) {
      if (turn < QUIET_TURNS) await turns(1);
      else await new Promise((resolve) => setTimeout(resolve, 1));
      if (traffic().events !== before || this.driven.size !== works) return false;
    }
    return true;
  }

  private failAll(error: Error): void {
    for (const entry of [...this.driven]) {
      this.driven.delete(entry);
      entry.fail(error);
    }
  }
}

/** `count` turns of the event loop (each runs the I/O that is ready). */
async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
}
