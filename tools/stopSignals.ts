/**
 * Calls `stop` once, when the process is asked to end: SIGINT (Ctrl+C), SIGTERM, SIGHUP (the
 * terminal closed), or its parent went away.
 *
 * The last one is why `npm start` run in the background and stopped with a signal to npm used to
 * leave the server up: npm runs a script as `sh -c "node scripts/run.js …"` and forwards the
 * signal to that shell; dash, Debian's sh, dies of it without passing it on, and the node process
 * below it lives on, re-parented. A parent that changes is noticed within `pollMs` and treated
 * like SIGTERM. The poll is unref'd: it never keeps the process alive on its own.
 */
export function onStopRequest(stop: (reason: string) => void, pollMs = 500): void {
  let stopped = false;
  const once = (reason: string): void => {
    if (stopped) return;
    stopped = true;
    clearInterval(watch);
    stop(reason);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => once(signal));
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent) once('parent process exited');
  }, pollMs);
  watch.unref();
  // With the parent gone its end of stdout may be closed: writing must not crash the clean stop.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
}
