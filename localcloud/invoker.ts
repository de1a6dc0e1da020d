import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Emulator } from '../emulator';
import { deliverEvent, platformPlumbing, setUpCaller } from './callerEnv';
import { InstancePool } from './instance/pool';
import type { RunEnd } from './instance/instance';
import { maskCalls, secretValues } from './mask';
import { executeFailError, resultTooLargeError, RESULT_LIMIT_BYTES, timeoutError } from './platformErrors';
import type { Caller, FunctionSpec, InvokeResult, Outcome } from './types';

/** A request the local cloud cannot run (unknown function, malformed event): not a function failure. */
export class InvokeRequestError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404,
  ) {
    super(message);
    this.name = 'InvokeRequestError';
  }
}

export interface InvokerOptions {
  emulator: Emulator;
  functions: readonly FunctionSpec[];
  /** The functions' configured environment. */
  env: Record<string, string>;
  hostScript: string;
  maxInstancesPerFunction: number;
  idleReclaimMs: number;
}

/**
 * Runs invocations the way the platform does: picks an instance of the function, gives it the
 * environment of the call source plus the function's configured variables, the event as the
 * caller's path delivers it and the platform's `context`, enforces the time limit, and reports
 * what the emulator saw meanwhile.
 */
export class Invoker {
  private readonly specs = new Map<string, FunctionSpec>();
  private readonly pools = new Map<string, InstancePool>();
  private readonly inFlight = new Set<{ shared: boolean }>();
  private instanceIds = 0;

  /** The emulated platform the functions run against (the console's sync panel reads its database). */
  get emulator(): Emulator {
    return this.options.emulator;
  }

  constructor(private readonly options: InvokerOptions) {
    for (const spec of options.functions) this.specs.set(spec.name, spec);
  }

  functions(): FunctionSpec[] {
    return [...this.specs.values()];
  }

  /** The environment id and Mini Program appid the emulated platform runs the functions for. */
  platformIds(): { envId: string; appId: string } {
    const plumbing = platformPlumbing(this.options.emulator);
    return { envId: plumbing.TCB_ENV ?? plumbing.SCF_NAMESPACE ?? '', appId: this.options.emulator.accounts.app.appid };
  }

  /** The configured environment one function runs with. */
  configuredEnv(spec: FunctionSpec): Record<string, string> {
    return { ...this.options.env, ...spec.env };
  }

  async invoke(name: string, event: unknown, caller: Caller): Promise<InvokeResult> {
    const spec = this.specs.get(name);
    if (!spec) throw new InvokeRequestError(`no function named ${JSON.stringify(name)}; deployed: ${[...this.specs.keys()].join(', ')}`, 404);
    const { emulator } = this.options;
    const startedAt = performance.now();
    const requestId = randomUUID();

    const configured = this.configuredEnv(spec);
    const setup = setUpCaller(caller, emulator, splitList(configured.ADMIN_OPENIDS), requestId);
    let delivered: unknown;
    try {
      delivered = deliverEvent(event, setup, emulator.accounts.app.appid);
    } catch (error) {
      throw new InvokeRequestError((error as Error).message, 400);
    }
    const plumbing = platformPlumbing(emulator);
    // Later wins: platform plumbing, the emulator as api.weixin.qq.com, the function's own
    // variables (which may point WECHAT_API_BASE_URL elsewhere), then the caller's identity,
    // which the platform sets and a function's configuration cannot override.
    const env = { ...plumbing, WECHAT_API_BASE_URL: emulator.wechatBaseUrl, ...configured, ...setup.env };
    const namespace = plumbing.TCB_ENV ?? plumbing.SCF_NAMESPACE ?? '';
    const context = {
      request_id: requestId,
      function_name: spec.name,
      function_version: '$LATEST',
      time_limit_in_ms: spec.timeoutSeconds * 1000,
      memory_limit_in_mb: spec.memoryMb,
      namespace,
      // SCF's form: the invocation's platform variables as `KEY=value;KEY=value`.
      environ: Object.entries({ SCF_NAMESPACE: namespace, TCB_ENV: namespace, ...setup.env })
        .map(([key, value]) => `${key}=${value}`)
        .join(';'),
    };

    const window = { shared: this.inFlight.size > 0 };
    for (const other of this.inFlight) other.shared = true;
    this.inFlight.add(window);
    const firstCall = emulator.calls.length;
    try {
      const pool = this.poolOf(spec);
      const instance = await pool.acquire();
      const cold = instance.served === 0;
      let run: Awaited<ReturnType<typeof instance.run>>;
      try {
        run = await instance.run({ id: requestId, event: delivered, context, env }, spec.timeoutSeconds * 1000);
      } finally {
        pool.release(instance);
      }
      const { outcome, result } = settle(run.end, spec, requestId);
      const calls = emulator.calls.slice(Math.min(firstCall, emulator.calls.length));
      return {
        result,
        outcome,
        ms: Math.round(performance.now() - startedAt),
        requestId,
        instance: { id: instance.id, cold },
        upstream: maskCalls(calls, [...secretValues(env), ...emulatorSecrets(emulator)]),
        upstreamShared: window.shared,
        logs: run.logs,
      };
    } finally {
      this.inFlight.delete(window);
    }
  }

  close(): void {
    for (const pool of this.pools.values()) pool.close();
    this.pools.clear();
  }

  private poolOf(spec: FunctionSpec): InstancePool {
    let pool = this.pools.get(spec.name);
    if (!pool) {
      pool = new InstancePool({
        hostScript: this.options.hostScript,
        dir: spec.dir,
        handler: 'index.main',
        memoryMb: spec.memoryMb,
        env: instanceStartEnv(),
        maxInstances: this.options.maxInstancesPerFunction,
        idleReclaimMs: this.options.idleReclaimMs,
        nextId: () => ++this.instanceIds,
      });
      this.pools.set(spec.name, pool);
    }
    return pool;
  }
}

function settle(end: RunEnd, spec: FunctionSpec, requestId: string): { outcome: Outcome; result: unknown } {
  switch (end.kind) {
    case 'returned':
      if (end.bytes > RESULT_LIMIT_BYTES) return { outcome: 'error', result: resultTooLargeError(end.bytes) };
      return { outcome: 'returned', result: end.json === null ? null : (JSON.parse(end.json) as unknown) };
    case 'threw':
      return { outcome: 'error', result: executeFailError(end.error) };
    case 'timeout':
      return { outcome: 'timeout', result: timeoutError(spec.timeoutSeconds, requestId) };
    case 'crashed':
      return { outcome: 'crashed', result: executeFailError(end.detail) };
  }
}

/**
 * What an instance starts with: the runtime's bare environment. Never the developer's shell
 * environment, which could otherwise hand the function an AUTHORIZER_ACCESS_TOKEN or proxy
 * setting nobody configured.
 */
function instanceStartEnv(): Record<string, string> {
  const env: Record<string, string> = { LANG: 'C.UTF-8', HOME: '/tmp' };
  for (const name of ['PATH', 'SYSTEMROOT', 'TEMP', 'TMP', 'TMPDIR']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

function emulatorSecrets(emulator: Emulator): string[] {
  const { app, component, authorizer } = emulator.accounts;
  const refreshTokens = emulator.openPlatform.authorizers().map((a) => emulator.openPlatform.refreshToken(a.appid));
  return [app.secret, component.secret, authorizer.refreshToken, emulator.tokens.refreshToken(), emulator.tokens.verifyTicket(), ...refreshTokens];
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
