import { currentClock, systemClock, type Clock } from './clock';

/**
 * The time an invocation may spend upstream. The platform kills a function at
 * `context.time_limit_in_ms` (docs/platform/call-sources.md, "The `context` argument";
 * docs/platform/limits.md, "Timeouts"); we stop early enough to still return a clean error
 * envelope instead of being killed mid-call.
 */
export const DEFAULT_TIME_LIMIT_MS = 3000; // the platform default when a function sets none
const MIN_MARGIN_MS = 250;
const MAX_MARGIN_MS = 1000;

/**
 * What one invocation has learned that its later steps must know: shared by every deadline
 * derived from the invocation's own (`within`, `shortenedBy`), and gone with the invocation.
 */
export interface InvocationSignals {
  /** A database operation ran out of the time it was given: the database is stalled or slow. */
  databaseStalled?: boolean;
}

export class Deadline {
  /** The clock this deadline counts on; its timers are the ones to wait with (attempt timers, database bounds, backoff). */
  readonly clock: Clock;

  /** `now` may be a bare time function (its waits then use the system clock's timers). */
  constructor(
    readonly at: number,
    now: Clock | (() => number) = currentClock(),
    readonly signals: InvocationSignals = {},
  ) {
    this.clock = typeof now === 'function' ? { now, after: systemClock.after, sleep: systemClock.sleep } : now;
  }

  remaining(): number {
    return Math.max(0, this.at - this.clock.now());
  }

  expired(): boolean {
    return this.remaining() <= 0;
  }

  /** The same clock, ending `ms` earlier: time kept back for work that must follow (e.g. an audit record). */
  shortenedBy(ms: number): Deadline {
    return new Deadline(this.at - ms, this.clock, this.signals);
  }

  /** A deadline `ms` from now, never later than this one (a budget for one part of the work). */
  within(ms: number): Deadline {
    return new Deadline(Math.min(this.at, this.clock.now() + Math.max(0, ms)), this.clock, this.signals);
  }
}

/** The margin kept back: a tenth of the limit, at least 250 ms and at most 1 s. */
export function marginFor(limitMs: number): number {
  return Math.min(MAX_MARGIN_MS, Math.max(MIN_MARGIN_MS, Math.round(limitMs / 10)));
}

export function deadlineFromContext(context: unknown, startedAt: number, now: Clock | (() => number) = currentClock()): Deadline {
  const raw = (context as { time_limit_in_ms?: unknown } | null | undefined)?.time_limit_in_ms;
  const limit = typeof raw === 'number' && Number.isFinite(raw) && raw > 0 ? raw : DEFAULT_TIME_LIMIT_MS;
  return new Deadline(startedAt + limit - marginFor(limit), now);
}
