/**
 * For a file that stalls the emulated database. wx-server-sdk prints "[TCB][WARN] ... longer than
 * 3s" for each stalled request it still holds: that is its console, not ours, and it only clutters
 * the output, so it is left out. Its timer fires 3 s after each request, so the file waits for the
 * last one before it ends: call `stalled()` right after each call that met a stall.
 */
export function quietStalls(): { stalled(): void } {
  let lastStall = 0;
  beforeAll(() => {
    const warn = console.warn.bind(console);
    jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
      if (!String(args[0]).startsWith('[TCB]')) warn(...args);
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, lastStall + 3500 - Date.now())));
  });
  return {
    stalled() {
      lastStall = Date.now();
    },
  };
}
