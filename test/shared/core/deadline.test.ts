import { deadlineFromContext, marginFor } from '../../../shared/core/deadline';

describe('deadlineFromContext', () => {
  it('keeps a margin before context.time_limit_in_ms to return a clean error', () => {
    const d = deadlineFromContext({ time_limit_in_ms: 10_000 }, 1000, () => 1000);
    expect(d.at).toBe(1000 + 10_000 - 1000);
    expect(marginFor(3000)).toBe(300);
    expect(marginFor(1000)).toBe(250);
    expect(marginFor(60_000)).toBe(1000);
  });

  it('falls back to the platform default of 3 s when the context has no limit', () => {
    expect(deadlineFromContext(undefined, 0, () => 0).remaining()).toBe(2700);
    expect(deadlineFromContext({ time_limit_in_ms: 'x' }, 0, () => 0).remaining()).toBe(2700);
  });
});
