/**
 * Where the functions read the time and wait: the system clock in production; in tests a virtual
 * clock (test/helpers/virtualClock.ts) that moves only when told, so that a deadline, an attempt
 * timeout or a backoff ends when the test says and never because the machine was slow.
 */
export interface Clock {
  /** Unix milliseconds. */
  now(): number;
  /** Calls `callback` once, `ms` from now, unless cancelled first: a bound on waiting for something else (an attempt, a database call). */
  after(ms: number, callback: () => void): Timer;
  /** Resolves `ms` from now: a wait that is the point itself (a backoff, a poll interval). */
  sleep(ms: number): Promise<void>;
}

export interface Timer {
  cancel(): void;
  /** The timer alone does not keep the process alive (system clock only). */
  unref?(): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, callback) {
    const timer = setTimeout(callback, ms);
    return { cancel: () => clearTimeout(timer), unref: () => void timer.unref() };
  },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

let installed: Clock = systemClock;

/**
 * The clock new invocations run on. Module state on purpose: a test loads a function afresh
 * (test/integration/helpers/harness.ts, loadFunction) and installs its clock in the same module
 * registry first; nothing in production ever installs one.
 */
export function currentClock(): Clock {
  return installed;
}

export function installClock(clock: Clock): void {
  installed = clock;
}
