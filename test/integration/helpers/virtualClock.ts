/**
 * Virtual time for an in-process test: Date.now runs `offset` ms ahead of the machine's clock, for
 * the functions loaded in the test process and the emulator alike (it reads Date.now too), so a
 * token's refresh time or expiry is reached by moving the clock, never by waiting. Move it only
 * between calls: a deadline taken before a move would shrink by it.
 */
export function useVirtualClock(): { advance(ms: number): void; offset(): number } {
  const realNow = Date.now.bind(Date);
  let offset = 0;
  let spy: jest.SpyInstance<number, []> | undefined;
  beforeEach(() => {
    offset = 0;
    spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
  });
  afterEach(() => {
    spy?.mockRestore();
    spy = undefined;
  });
  return {
    advance(ms: number) {
      offset += ms;
    },
    offset: () => offset,
  };
}

/** Polls until `condition` holds (a request arrived at the emulator, say); fails after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
