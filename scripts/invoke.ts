import { startEmulator } from '../emulator';
import { EXAMPLE_EVENTS, InvokeRequestError, startLocalCloud, type InvokeResult } from '../localcloud';
import { buildIfStale } from '../localcloud/cli/distFreshness';
import { resolveFunctionName } from '../localcloud/cli/functionName';
import { INVOKE_USAGE, parseInvokeArgs, UsageError, type InvokeArgs } from '../localcloud/cli/invokeArgs';
import { formatCall } from '../localcloud/cli/formatCall';
import { httpStatusOf, signedTicketPushEvent } from '../localcloud/cli/signedPushEvent';
import { localSettings } from '../localcloud/localSettings';
import { findRoot, readFunctionsConfig } from '../tools/functionsConfig';
import { authorizeSeededAccounts } from '../tools/openPlatformDemo';

/**
 * npm run invoke -- <function> ['<event json>'] [--openid X | --source S] [--env NAME=VALUE ...]
 *
 * Invokes one built function once on an embedded emulator + local cloud (both on free ports),
 * building first when dist/ is missing or older than the sources. The function runs with the
 * demo settings, then local.env, then the --env options (localcloud/localSettings.ts). The result
 * JSON goes to stdout; the time taken, the upstream requests and the function's log go to stderr.
 * The function name may be typed in any letter case. Exit code: 0 when the function answered
 * errCode 0 (componentEvents: an HTTP 2xx); 1 when it answered another errCode or status, or did not answer (threw, timed out, crashed its
 * instance), so scripts can tell; 2 on a usage error.
 */
async function main(): Promise<number> {
  let args: InvokeArgs;
  try {
    args = parseInvokeArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message !== 'help') process.stderr.write(`${error.message}\n`);
    process.stderr.write(`${INVOKE_USAGE}\n`);
    return error.message === 'help' ? 0 : 2;
  }

  const root = findRoot(process.cwd());
  const names = Object.keys(readFunctionsConfig(root).functions);
  const { name, suggestion } = resolveFunctionName(args.functionName, names);
  if (!name) {
    const hint = suggestion ? `did you mean ${suggestion}? ` : '';
    process.stderr.write(`no function named ${args.functionName}; ${hint}config.json has: ${names.join(', ')}\n${INVOKE_USAGE}\n`);
    return 2;
  }
  if (name !== args.functionName) process.stderr.write(`(invoking ${name})\n`);
  args.functionName = name;
  await buildIfStale(root, names, (stale) => process.stderr.write(`building (${stale})...\n`));

  const emulator = await startEmulator();
  try {
    const settings = localSettings(root, emulator, args.env);
    for (const unknown of settings.unknown) process.stderr.write(`note: ${unknown} is set, but no function reads it (config.json envVariables)\n`);
    const cloud = await startLocalCloud({ emulator, root, env: settings.env });
    try {
      // componentEvents is the open platform's event URL: with no event given it gets what the
      // platform really sends (a signed ticket push), from where it really comes (wx_http).
      const isPushUrl = args.functionName === 'componentEvents';
      if (isPushUrl && !args.callerGiven) args.caller = { kind: 'source', source: 'wx_http' };
      const event = args.event ?? (isPushUrl ? signedTicketPushEvent(emulator) : EXAMPLE_EVENTS[args.functionName]) ?? {};
      // Accounts other than the default one exist once they authorized: let them, first.
      if (args.functionName === 'listAuthorizers' || args.functionName === 'componentAdmin' || (typeof event === 'object' && event !== null && 'authorizerAppid' in event)) {
        await authorizeSeededAccounts(emulator, `${cloud.url}/componentEvents`);
      }
      const outcome = await cloud.invoke(args.functionName, event, args.caller);
      await write(process.stdout, `${JSON.stringify(outcome.result, null, 2)}\n`);
      await write(process.stderr, summary(outcome, args));
      return outcome.outcome === 'returned' && answeredOk(outcome.result) ? 0 : 1;
    } catch (error) {
      if (!(error instanceof InvokeRequestError)) throw error;
      process.stderr.write(`${error.message}\n`);
      return 2;
    } finally {
      await cloud.close();
    }
  } finally {
    await emulator.close();
  }
}

/** errCode 0 for an envelope; a 2xx status for an HTTP access function's integration response. */
function answeredOk(result: unknown): boolean {
  const status = httpStatusOf(result);
  return status === undefined ? errCodeOf(result) === 0 : status >= 200 && status < 300;
}

/** The envelope's errCode (every function but componentEvents answers one), or undefined for anything else. */
function errCodeOf(result: unknown): unknown {
  return result !== null && typeof result === 'object' ? (result as { errCode?: unknown }).errCode : undefined;
}

function summary(outcome: InvokeResult, args: InvokeArgs): string {
  const lines = [
    `${args.functionName} as ${describeCaller(args)}: ${outcome.outcome}${errCodeOf(outcome.result) === undefined ? '' : ` errCode ${String(errCodeOf(outcome.result))}`} in ${outcome.ms} ms (${outcome.instance.cold ? 'cold start' : 'warm'})`,
    `upstream requests (${outcome.upstream.length}):`,
    ...outcome.upstream.map((call) => `  ${formatCall(call)}`),
  ];
  if (outcome.logs.length > 0) lines.push('function log:', ...outcome.logs.map((line) => `  ${line.stream === 'stderr' ? '!' : ' '} ${line.text}`));
  return `${lines.join('\n')}\n`;
}

function describeCaller({ caller }: InvokeArgs): string {
  switch (caller.kind) {
    case 'source':
      return `source ${caller.source}`;
    case 'user':
    case 'admin':
    case 'devtools':
      return caller.openid ? `${caller.kind} ${caller.openid}` : caller.kind;
    default:
      return caller.kind;
  }
}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(text, () => resolve()));
}

// Bundled by scripts/run.js and loaded with require(): `require.main === module` is false here.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
