/**
 * Polls until `condition` holds (a request arrived at the emulator, say); fails after `timeoutMs`
 * of real time: a generous upper bound for something that must happen anyway, never a wait for
 * time itself to pass (docs/testing.md).
 */
export async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
