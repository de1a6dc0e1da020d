import { runCli } from '../emulator/cli';

/**
 * npm run emulator [-- --port N --seed N --applicants N --embedded N]: the emulator alone,
 * through emulator/cli.ts (its own main only runs when that file is the entry point, which a
 * bundle loaded by scripts/run.js is not). Stays up until SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const emulator = await runCli(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
