import { startEmulator, type EmulatorOptions } from '../../../emulator';
import { VirtualClock } from '../../helpers/virtualClock';

export type CloudFunctionMain = (event: unknown, context?: unknown) => Promise<Record<string, any>>;

export const ADMIN_OPENID = 'oAdminOpenid_0001';

/** Every variable a test may set; cleared between tests so no configuration leaks across. */
const MANAGED_VARS = [
  'ADMIN_OPENIDS', 'ALLOWED_SOURCES', 'OPERATOR_OPENIDS', 'AUDIT_COLLECTION', 'TOKEN_PROVIDER', 'AUTHORIZER_ACCESS_TOKEN', 'TOKEN_SERVICE_URL', 'TOKEN_SERVICE_AUTH',
  'COMPONENT_APPID', 'COMPONENT_APPSECRET', 'COMPONENT_VERIFY_TICKET', 'AUTHORIZER_APPID', 'AUTHORIZER_REFRESH_TOKEN',
  'APPID', 'APPSECRET', 'TOKEN_STORE', 'TOKEN_COLLECTION', 'WECHAT_API_BASE_URL', 'HTTP_ATTEMPT_TIMEOUT_MS', 'LOG_LEVEL',
  'COMPONENT_TOKEN', 'COMPONENT_ENCODING_AES_KEY', 'AUTHORIZER_COLLECTION',
  'LIST_CONCURRENCY', 'WECOM_WEBHOOK_URL', 'NOTIFY_TEMPLATE_ID', 'NOTIFY_PAGE', 'PENDING_EXPIRY_DAYS', 'EXPIRY_WARNING_HOURS',
  'RECONCILE_INTERVAL_HOURS',
];

export const FUNCTION_NAMES = ['getPluginDevApplyList', 'getOwnList', 'setDevPluginApplyStatus', 'manageEmbedded', 'componentEvents', 'listAuthorizers', 'syncLists', 'componentAdmin'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export type CallerKind = 'admin' | 'user' | 'console' | 'timer' | 'devtools' | 'http';

export interface HarnessOptions extends EmulatorOptions {
  /**
   * Runs the functions and the emulator's waits on one virtual clock (`h.clock`, docs/testing.md):
   * every call of a loaded function moves time on only while it waits on time (a stalled or slow
   * answer, a deadline, a backoff), so deadline tests end at once and never because the machine
   * was slow. Times the functions compare with (leases, expiries) come from `h.clock.now()`.
   */
  virtualTime?: boolean;
}

/**
 * Points the unmodified wx-server-sdk at a real emulator over loopback (TCB_CONTEXT_CNFG), and
 * sets the env the platform sets for each kind of caller (docs/platform/call-sources.md).
 */
export async function startHarness(options: HarnessOptions = {}) {
  const { virtualTime, ...emulatorOptions } = options;
  const clock = virtualTime ? new VirtualClock() : undefined;
  const emu = await startEmulator(clock ? { ...emulatorOptions, time: clock } : emulatorOptions);
  const saved = { ...process.env };
  /** Invocations of loaded functions not yet returned (a test that timed out leaves its own running). */
  const running = new Set<Promise<unknown>>();

  function asCaller(kind: CallerKind, openid = kind === 'admin' ? ADMIN_OPENID : 'oOrdinaryUser_0002'): void {
    const fromMiniProgram = kind === 'admin' || kind === 'user' || kind === 'devtools';
    Object.assign(process.env, emu.sdkEnv({ wxApiToken: fromMiniProgram ? undefined : null }));
    const source = { admin: 'wx_client', user: 'wx_client', devtools: 'wx_devtools', timer: 'wx_trigger', console: '', http: 'wx_http' }[kind];
    if (kind === 'admin' || kind === 'user') process.env.WX_OPENID = openid;
    else {
      process.env.WX_OPENID = '';
      process.env.WX_APPID = '';
    }
    if (source === '') {
      // A console test run: no context keys at all, hence no SOURCE and no token.
      delete process.env.WX_CONTEXT_KEYS;
      delete process.env.TCB_SOURCE;
      process.env.TRIGGER_SRC = '';
    } else process.env.TCB_SOURCE = source;
  }

  function configure(vars: Record<string, string | undefined>): void {
    for (const name of MANAGED_VARS) delete process.env[name];
    process.env.ADMIN_OPENIDS = ADMIN_OPENID;
    process.env.WECHAT_API_BASE_URL = emu.wechatBaseUrl;
    process.env.LOG_LEVEL = 'silent';
    for (const [name, value] of Object.entries(vars)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }

  /** The third-party flow with the emulator's accounts and current ticket. */
  function componentVars(): Record<string, string> {
    return {
      COMPONENT_APPID: emu.accounts.component.appid,
      COMPONENT_APPSECRET: emu.accounts.component.secret,
      COMPONENT_VERIFY_TICKET: emu.tokens.verifyTicket(),
      AUTHORIZER_APPID: emu.accounts.authorizer.appid,
      AUTHORIZER_REFRESH_TOKEN: emu.accounts.authorizer.refreshToken,
    };
  }

  /** The component credentials and message settings alone: no ticket, no AUTHORIZER_* (pushes supply them). */
  function pushVars(): Record<string, string> {
    return {
      COMPONENT_APPID: emu.accounts.component.appid,
      COMPONENT_APPSECRET: emu.accounts.component.secret,
      COMPONENT_TOKEN: emu.openPlatform.settings.token,
      COMPONENT_ENCODING_AES_KEY: emu.openPlatform.settings.encodingAesKey,
    };
  }

  /**
   * A fresh warm instance of a function: its own module state (token cache, SDK). On virtual
   * time, its clock is installed first and each call drives the clock until it returns.
   */
  function loadFunction(name: FunctionName): CloudFunctionMain {
    let main: CloudFunctionMain | undefined;
    jest.isolateModules(() => {
      // The same module registry the function is about to load: its clock seam.
      if (clock) (require('../../../shared/core/clock') as typeof import('../../../shared/core/clock')).installClock(clock);
      // Required inside isolateModules: a fresh copy of the function and everything it loads.
      main = require(`../../../cloudfunctions/${name}/index.ts`).main;
    });
    const loaded = main as CloudFunctionMain;
    return (event, context) => {
      const result = clock ? clock.drive(loaded(event, context), () => emu.traffic()) : loaded(event, context);
      const settled = result.then(
        () => undefined,
        () => undefined,
      );
      running.add(settled);
      void settled.then(() => running.delete(settled));
      return result;
    };
  }

  /**
   * Lets invocations a previous test left running (it timed out, or did not await them) end
   * before the next test starts, so they cannot write into its fresh database or send its
   * messages: held requests are dropped so none waits on them, then they get a while to return.
   */
  async function settleLeftovers(): Promise<number> {
    const left = running.size;
    if (left === 0) return 0;
    emu.reset();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(running), new Promise((resolve) => (timer = setTimeout(resolve, LEFTOVER_WAIT_MS)))]);
    clearTimeout(timer);
    return left;
  }

  async function close(): Promise<void> {
    // Also after the last test: an invocation still running would log, or throw without the
    // platform's variables, into whatever file this worker runs next.
    await settleLeftovers();
    process.env = saved;
    await emu.close();
  }

  asCaller('admin');
  configure({});
  /** The virtual clock (virtualTime), or the real one: `h.clock.now()` is the functions' time either way. */
  const time: { now(): number } = clock ?? { now: () => Date.now() };
  return { emu, clock: time, virtualClock: clock, asCaller, configure, componentVars, pushVars, loadFunction, settleLeftovers, close };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** How long a test waits at most for invocations the previous one left running. */
const LEFTOVER_WAIT_MS = 20_000;

let requestCounter = 0;
export function context(timeLimitMs = 10_000, functionName = 'f'): Record<string, unknown> {
  requestCounter += 1;
  return { time_limit_in_ms: timeLimitMs, request_id: `req-${requestCounter}`, function_name: functionName, memory_limit_in_mb: 256 };
}

/**
 * Registers the hooks every integration suite needs: one emulator for the file, reset before
 * each test, then `reset` to set the caller and configuration the suite starts from. Returns
 * the harness, usable inside tests and hooks once `beforeAll` has run.
 */
export function useHarness(options: HarnessOptions, reset: (h: Harness) => void): Harness {
  let current: Harness | undefined;
  beforeAll(async () => {
    current = await startHarness(options);
  });
  afterAll(async () => {
    await current?.close();
  });
  beforeEach(async () => {
    const left = await current!.settleLeftovers();
    if (left > 0) console.warn(`${left} invocation(s) of the previous test were still running; waited for them before this test`);
    current!.emu.reset();
    reset(current!);
  });
  return new Proxy({} as Harness, {
    get: (_target, key) => {
      if (!current) throw new Error('the harness is used before beforeAll has started it');
      return current[key as keyof Harness];
    },
  });
}
