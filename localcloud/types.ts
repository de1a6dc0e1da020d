import type { CallRecord, Emulator } from '../emulator';

/**
 * Public types of the local CloudBase: it runs the BUILT functions (dist/functions/<name>) the
 * way the platform does, against the emulator. It models the platform, so it never imports the
 * product's shared/ code (it would otherwise agree with the product's own bugs).
 */

/**
 * Who calls. Each kind sets the environment the platform sets for that call source
 * (docs/platform/call-sources.md):
 * - `user`: a Mini Program user (`wx_client`) with this OPENID;
 * - `admin`: a Mini Program user whose OPENID is the first one in the function's ADMIN_OPENIDS;
 * - `console`: a console test run: no WX_CONTEXT_KEYS, no SOURCE, no API token;
 * - `timer`: a timer trigger (`wx_trigger`, TRIGGER_SRC=timer); an API token only when the
 *   trigger was set up from WeChat DevTools (`fromDevtools`);
 * - `devtools`: WeChat DevTools cloud testing (`wx_devtools`), with an API token;
 * - `source`: any other TCB_SOURCE value (`wx_http`, `scf`, `wx_client,scf`, ...), no API token.
 */
export type Caller =
  | { kind: 'user'; openid?: string }
  | { kind: 'admin'; openid?: string }
  | { kind: 'console' }
  | { kind: 'timer'; fromDevtools?: boolean }
  | { kind: 'devtools'; openid?: string }
  | { kind: 'source'; source: string; openid?: string };

export type CallerKind = Caller['kind'];

/** One function the local cloud can run. */
export interface FunctionSpec {
  name: string;
  /** The deployed folder: holds index.js (handler `index.main`). */
  dir: string;
  /** Seconds; the platform kills the invocation at this limit. */
  timeoutSeconds: number;
  memoryMb: number;
  description?: string;
  /** The function's own configured environment, over the local cloud's `env`. */
  env?: Record<string, string>;
  /** What the console's event editor starts with. */
  exampleEvent?: unknown;
  /** Served over the HTTP access service at this path (config.json `httpAccess.path`). */
  httpPath?: string;
}

export interface LocalCloudOptions {
  emulator: Emulator;
  /** Project root (its config.json lists the functions); default: found from the working directory. */
  root?: string;
  /** Where the build put the functions (`<distDir>/functions/<name>/`); default `<root>/dist`. */
  distDir?: string;
  /** HTTP port of the console and JSON API on 127.0.0.1; default 0 (any free port). */
  port?: number;
  /**
   * The functions' configured environment (what the console's "environment variables" hold).
   * Default: demoEnvironment(emulator) — see localcloud/demoEnv.ts.
   */
  env?: Record<string, string>;
  /** Functions to serve instead of (`replace`) or besides (default) those in config.json. */
  functions?: FunctionSpec[];
  replaceFunctions?: boolean;
  /** Instances per function at most; default 4. Further concurrent calls wait for one. */
  maxInstancesPerFunction?: number;
  /** An idle instance is reclaimed after this long; default 120000 ms. */
  idleReclaimMs?: number;
  /** Told of every request served over the HTTP access service (npm start prints them). */
  onHttpAccess?: (entry: HttpAccessEntry) => void;
}

/** One request to a function's HTTP access path, and its answer. */
export interface HttpAccessEntry {
  function: string;
  method: string;
  path: string;
  status: number;
  /** The answer's body, cut to 200 characters. */
  body: string;
  ms: number;
  logs: LogLine[];
}

/** How an invocation ended, seen from the platform. */
export type Outcome =
  /** main returned (or resolved); `result` is its value after the platform's JSON round trip. */
  | 'returned'
  /** Still running at the time limit: killed; `result` is the platform's timeout error. */
  | 'timeout'
  /** main threw / rejected, or its result could not be delivered: `result` is the platform's error. */
  | 'error'
  /** The instance process died during the invocation: `result` is the platform's error. */
  | 'crashed';

export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface InvokeResult {
  /** What the caller receives: the function's return value, or the platform's error object. */
  result: unknown;
  outcome: Outcome;
  /** Wall time the caller waited, in milliseconds. */
  ms: number;
  requestId: string;
  instance: { id: number; cold: boolean };
  /** Emulator calls recorded during this invocation, credentials masked. */
  upstream: CallRecord[];
  /**
   * True when another invocation ran at the same time: the emulator's call log cannot tell them
   * apart, so `upstream` then holds every call made while this one ran.
   */
  upstreamShared: boolean;
  /** What the function wrote to stdout/stderr during the invocation (its log, as the console shows it). */
  logs: LogLine[];
}

export interface LocalCloud {
  url: string;
  functions(): readonly FunctionSpec[];
  invoke(name: string, event: unknown, caller: Caller): Promise<InvokeResult>;
  close(): Promise<void>;
}
