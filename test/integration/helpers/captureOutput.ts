/**
 * For the secret-leak tests: every console call (as the line it would print) and everything
 * written to stdout/stderr (still written) is pushed onto `into`, until the returned function
 * puts console and the streams back.
 */
export function captureOutput(into: string[]): () => void {
  const restore: Array<() => void> = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      into.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
    restore.push(() => spy.mockRestore());
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      into.push(String(chunk));
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = original;
    });
  }
  return () => {
    for (const undo of restore) undo();
  };
}
