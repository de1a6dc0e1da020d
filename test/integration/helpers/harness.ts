import { startEmulator, type EmulatorOptions } from '../../../emulator';

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

/**
 * Points the unmodified wx-server-sdk at a real emulator over loopback (TCB_CONTEXT_CNFG), and
 * sets the env the platform sets for each kind of caller (platform-notes.md, "Call sources").
 */
export async function startHarness(options: EmulatorOptions = {}) {
  const emu = await startEmulator(options);
  const saved = { ...process.env };

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

  /** A fresh warm instance of a function: its own module state (token cache, SDK). */
  function loadFunction(name: FunctionName): CloudFunctionMain {
    let main: CloudFunctionMain | undefined;
    jest.isolateModules(() => {
      // Required inside isolateModules: a fresh copy of the function and everything it loads.
      main = require(`../../../cloudfunctions/${name}/index.ts`).main;
    });
    return main as CloudFunctionMain;
  }

  async function close(): Promise<void> {
    process.env = saved;
    await emu.close();
  }

  asCaller('admin');
  configure({});
  return { emu, asCaller, configure, componentVars, pushVars, loadFunction, close };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

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
export function useHarness(options: EmulatorOptions, reset: (h: Harness) => void): Harness {
  let current: Harness | undefined;
  beforeAll(async () => {
    current = await startHarness(options);
  });
  afterAll(async () => {
    await current?.close();
  });
  beforeEach(() => {
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
