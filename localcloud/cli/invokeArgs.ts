import { parseEnvAssignment } from '../../tools/settingsFile';
import type { Caller } from '../types';

export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * The TCB_SOURCE values the platform sets (docs/platform/call-sources.md); a chain of calls reads
 * `wx_client,scf`. `timer` and `console` are this command's own names for a timer trigger and a
 * console test run (which has no SOURCE at all).
 */
const KNOWN_SOURCES = ['wx_client', 'wx_devtools', 'wx_http', 'wx_trigger', 'wx_localdebug', 'wx_unknown', 'scf'] as const;

export const INVOKE_USAGE = [
  "usage: npm run invoke -- <function> ['<event json>'] [--openid OPENID | --source SOURCE] [--env NAME=VALUE ...]",
  '  default caller: a Mini Program admin (an OPENID in ADMIN_OPENIDS); default event: the document example',
  '  --openid OPENID  a Mini Program user (wx_client) with this OPENID',
  `  --source SOURCE  ${[...KNOWN_SOURCES, 'timer', 'console'].join(' | ')}, or a chain such as wx_client,scf`,
  '  --env NAME=VALUE set one of the function\'s variables (over local.env and the demo settings); repeatable',
  '  componentEvents without an event: a signed component_verify_ticket push, from wx_http',
  '  exit code: 0 when the function answered errCode 0 (componentEvents: HTTP 2xx), 1 when it answered an error or failed, 2 on a usage error',
  `  example: npm run invoke -- getPluginDevApplyList '{"action":"dev_apply_list","page":1,"num":3}'`,
].join('\n');

export interface InvokeArgs {
  functionName: string;
  /** Undefined: use the function's example event. */
  event?: unknown;
  caller: Caller;
  /** Whether --openid or --source chose the caller (else the default: an admin). */
  callerGiven?: boolean;
  /** `--env NAME=VALUE` settings, in order (later wins). */
  env: Record<string, string>;
}

/** Reads `<function> ['<event json>'] [--openid X | --source S]`; throws UsageError. */
export function parseInvokeArgs(argv: readonly string[]): InvokeArgs {
  const positional: string[] = [];
  let openid: string | undefined;
  let source: string | undefined;
  const env: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--openid') openid = value();
    else if (arg === '--source') source = value();
    else if (arg === '--env' || arg.startsWith('--env=')) i = takeEnvOption(argv, i, env);
    else if (arg === '--help' || arg === '-h') throw new UsageError('help');
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  const [functionName, eventText, ...rest] = positional;
  if (!functionName) throw new UsageError('name the function to invoke');
  if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]} (quote the event JSON as one argument)`);
  let event: unknown;
  if (eventText !== undefined) {
    try {
      event = JSON.parse(eventText);
    } catch (error) {
      throw new UsageError(`the event is not valid JSON: ${(error as Error).message}`);
    }
  }
  return { functionName, ...(eventText !== undefined ? { event } : {}), caller: callerOf(openid, source), ...(openid !== undefined || source !== undefined ? { callerGiven: true } : {}), env };
}

/** One `--env NAME=VALUE` (also used by npm start); throws UsageError. */
/**
 * `--env NAME=VALUE` or `--env=NAME=VALUE` at `argv[i]` (npm start and npm run invoke read it
 * alike): merged into `env`; answers the index of the last argument it used.
 */
export function takeEnvOption(argv: readonly string[], i: number, env: Record<string, string>): number {
  const arg = argv[i] as string;
  if (arg.startsWith('--env=')) {
    Object.assign(env, envOption(arg.slice('--env='.length)));
    return i;
  }
  const next = argv[i + 1];
  if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
  Object.assign(env, envOption(next));
  return i + 1;
}

function envOption(text: string): Record<string, string> {
  try {
    return parseEnvAssignment(text);
  } catch (error) {
    throw new UsageError(`--env ${(error as Error).message}`);
  }
}

function callerOf(openid: string | undefined, source: string | undefined): Caller {
  const id = openid ? { openid } : {};
  if (source === undefined) return openid ? { kind: 'user', openid } : { kind: 'admin' };
  switch (source) {
    case 'wx_client':
      return openid ? { kind: 'user', openid } : { kind: 'admin' };
    case 'wx_devtools':
      return { kind: 'devtools', ...id };
    case 'wx_trigger':
    case 'timer':
      return { kind: 'timer' };
    case 'console':
      return { kind: 'console' };
    default: {
      const unknown = source.split(',').find((part) => !(KNOWN_SOURCES as readonly string[]).includes(part));
      if (unknown !== undefined) {
        throw new UsageError(`--source ${source}: ${JSON.stringify(unknown)} is not a call source; use one of ${KNOWN_SOURCES.join(', ')}, timer or console (a chain: wx_client,scf)`);
      }
      return { kind: 'source', source, ...id };
    }
  }
}
