/**
 * The caller's identity, read exactly the way `cloud.getWXContext()` reads it in wx-server-sdk
 * 4.0.2 (src/api/utils/api/getWXContext.ts; docs/platform/call-sources.md, "`cloud.getWXContext()`
 * reads environment variables"): the env names listed in WX_CONTEXT_KEYS, `WX_` prefix stripped,
 * all-digit values as numbers, the API-token keys skipped, ENV from TCB_ENV/SCF_NAMESPACE, SOURCE
 * from TCB_SOURCE — and nothing at all when WX_CONTEXT_KEYS is absent.
 *
 * It is re-implemented instead of called so that a function answering over HTTPS need not load the
 * SDK at all (the cold start, docs/performance.md); test/shared/auth/wxContext.test.ts holds it
 * equal to the real `cloud.getWXContext()` for every call source.
 *
 * Who called is decided from `readCallerContext`, which differs in one point: SOURCE is read from
 * TCB_SOURCE whether or not WX_CONTEXT_KEYS is present (docs/callers.md, "Who may call"). The
 * platform sets TCB_SOURCE for every call, while the SDK shows it only when context keys are
 * listed; deciding on the SDK's view would take a call through WeChat's invoke API (`wx_http`),
 * another function (`scf`) or `wx_unknown` for a console test run whenever the keys are unset or
 * empty. OPENID stays exactly what the SDK shows: without context keys there is none.
 */
export interface WxContext {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  ENV?: string;
  SOURCE?: string;
  [key: string]: string | number | undefined;
}

const WX_PREFIX = 'WX_';
const SKIPPED_KEYS = ['API_TOKEN', 'TRIGGER_API_TOKEN_V0'];

export function readWxContext(env: NodeJS.ProcessEnv = process.env): WxContext {
  const context: WxContext = {};
  const keys = env.WX_CONTEXT_KEYS;
  if (!keys) return context;
  for (const key of keys.split(',')) {
    if (!key || SKIPPED_KEYS.some((s) => s === key || WX_PREFIX + s === key)) continue;
    const raw = env[key];
    if (raw === undefined) continue;
    const value = /^[-]?\d+$/.test(raw) ? parseInt(raw, 10) : raw;
    context[key.startsWith(WX_PREFIX) && key.length > 3 ? key.slice(3) : key] = value;
  }
  context.ENV = env.TCB_ENV || env.SCF_NAMESPACE;
  if (env.TCB_SOURCE) context.SOURCE = env.TCB_SOURCE;
  return context;
}

/** The caller as the authorization sees it: the SDK's context, with SOURCE always from TCB_SOURCE. */
export function readCallerContext(env: NodeJS.ProcessEnv = process.env): WxContext {
  const context = readWxContext(env);
  const source = env.TCB_SOURCE?.trim();
  if (source) context.SOURCE = source;
  else delete context.SOURCE;
  return context;
}
