/**
 * Where the emulator's time comes from and how it waits (fault latency, gates): real time,
 * unless a test hands it a virtual clock that moves only when told (EmulatorOptions.time).
 */
export interface TimeSource {
  /** Unix milliseconds. */
  now(): number;
  after(ms: number, callback: () => void): { cancel(): void };
}

export const realTime: TimeSource = {
  now: () => Date.now(),
  after(ms, callback) {
    const timer = setTimeout(callback, ms);
    return { cancel: () => clearTimeout(timer) };
  },
};

/**
 * Emulated wall clock: the time source plus an offset that tests move forward
 * to expire tokens, tickets and daily quotas without waiting.
 */
export class EmulatedClock {
  private offsetSeconds = 0;

  constructor(private readonly time: TimeSource = realTime) {}

  /** Calls `callback` after `ms` of the time source (the offset does not fire timers). */
  after(ms: number, callback: () => void): { cancel(): void } {
    return this.time.after(ms, callback);
  }

  /** Unix seconds, emulated. */
  now(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /**
   * Unix milliseconds of the time source alone, without the offset: what the receiver's clock
   * reads at this moment (a push's signed timestamp, which it checks against its own time).
   */
  momentMs(): number {
    return this.time.now();
  }

  /** Unix milliseconds, emulated. */
  nowMs(): number {
    return this.time.now() + this.offsetSeconds * 1000;
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds)) throw new RangeError(`clock.advance needs a finite number, got ${seconds}`);
    this.offsetSeconds += seconds;
  }

  reset(): void {
    this.offsetSeconds = 0;
  }

  /**
   * The emulated day number. WeChat quotas reset at midnight Beijing time (UTC+8),
   * so the day boundary is shifted by 8 hours.
   */
  day(): number {
    return Math.floor((this.now() + 8 * 3600) / 86400);
  }
}
