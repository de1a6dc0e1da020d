/**
 * Emulated wall clock: real time plus an offset that tests move forward
 * to expire tokens, tickets and daily quotas without waiting.
 */
export class EmulatedClock {
  private offsetSeconds = 0;

  /** Unix seconds, emulated. */
  now(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** Unix milliseconds, emulated. */
  nowMs(): number {
    return Date.now() + this.offsetSeconds * 1000;
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
