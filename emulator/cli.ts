import { startEmulator, type Emulator } from './index';

/**
 * Runnable entry: starts the emulator and prints how to point clients at it.
 *   node cli.js [--port N] [--seed N] [--applicants N] [--embedded N]
 * Port 0 (default) picks a free one and prints it. Stays up until SIGINT/SIGTERM.
 * Kept plain (no dependencies) because it is bundled with esbuild.
 */

export interface CliOptions {
  port: number;
  seed?: number;
  applicantCount?: number;
  embeddedCount?: number;
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { port: 0 };
  const numberAfter = (flag: string, index: number): number => {
    const value = Number(argv[index + 1]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} needs a non-negative integer`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port') options.port = numberAfter(arg, i++);
    else if (arg === '--seed') options.seed = numberAfter(arg, i++);
    else if (arg === '--applicants') options.applicantCount = numberAfter(arg, i++);
    else if (arg === '--embedded') options.embeddedCount = numberAfter(arg, i++);
    else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

/** The lines printed at start-up: URLs, env lines for clients, demo credentials. */
export function describeEmulator(emulator: Emulator): string[] {
  const { app, component, authorizer } = emulator.accounts;
  return [
    `emulator listening on ${emulator.url}`,
    `cloud endpoint (CloudBase): ${emulator.cloudUrl}`,
    `api.weixin.qq.com stand-in: ${emulator.wechatBaseUrl}`,
    '',
    '# environment for clients',
    `TCB_CONTEXT_CNFG=${JSON.stringify({ URL: emulator.cloudUrl })}`,
    `WECHAT_API_BASE_URL=${emulator.wechatBaseUrl}`,
    '',
    '# full wx-server-sdk environment (a Mini Program call)',
    ...Object.entries(emulator.sdkEnv()).map(([key, value]) => `${key}=${value}`),
    '',
    '# demo credentials',
    `app appid=${app.appid} secret=${app.secret}`,
    `component appid=${component.appid} secret=${component.secret}`,
    `authorizer appid=${authorizer.appid} refresh_token=${authorizer.refreshToken}`,
    `component_verify_ticket=${emulator.tokens.verifyTicket()}`,
    `component message token=${emulator.openPlatform.settings.token} encodingAESKey=${emulator.openPlatform.settings.encodingAesKey}`,
    ...emulator.openPlatform.authorizers().map((a) => `authorizer ${a.appid} sets=${a.funcIds.join(',')} authorized=${a.authorized}`),
  ];
}

export async function runCli(argv: readonly string[], print: (line: string) => void): Promise<Emulator> {
  const options = parseCliArgs(argv);
  const emulator = await startEmulator(options);
  for (const line of describeEmulator(emulator)) print(line);
  return emulator;
}

/**
 * Starts the emulator from the command line and keeps it up until SIGINT/SIGTERM. Exported so
 * that `npm run emulator` (scripts/emulator.ts, bundled, hence never `require.main`) runs the
 * very same entry.
 */
export function serveFromCommandLine(argv: string[] = process.argv.slice(2)): void {
  runCli(argv, (line) => process.stdout.write(`${line}\n`)).then(
    (emulator) => {
      const stop = (): void => {
        emulator.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

if (require.main === module) serveFromCommandLine();
