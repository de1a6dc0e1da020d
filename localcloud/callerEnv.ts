import type { Emulator } from '../emulator';
import { DEMO_ADMIN_OPENID, DEMO_DEVELOPER_OPENID, DEMO_USER_OPENID } from './demoEnv';
import type { Caller } from './types';

/**
 * What the platform puts in a function instance's environment for one invocation, by call
 * source (docs/platform/call-sources.md; checked against wx-server-sdk
 * 4.0.2 getWXContext and @cloudbase/node-sdk src/utils/wxCloudToken.ts + tcbcontext.ts):
 *
 * - `cloud.getWXContext()` reads only the names listed in WX_CONTEXT_KEYS (and nothing at all
 *   without it), SOURCE from TCB_SOURCE, ENV from TCB_ENV / SCF_NAMESPACE.
 * - @cloudbase/node-sdk takes WX_API_TOKEN (the wxCloudApiToken of cloud calls) only when a
 *   *_CONTEXT_KEYS list names it; on a timer (TRIGGER_SRC=timer) WX_TRIGGER_API_TOKEN_V0 first.
 *   getWXContext skips both token names, so listing them never shows them to the function.
 * - Only Mini Program and DevTools calls carry a token; console test runs, other sources and
 *   timers not set up from DevTools do not, and their cloud calls fail with -501007.
 */
export interface CallerSetup {
  /** TCB_SOURCE, or undefined for a console test run (which has none). */
  source?: string;
  openid?: string;
  /** Whether `wx.cloud.callFunction` delivered the event (it adds `userInfo`). */
  fromMiniProgram: boolean;
  env: Record<string, string>;
}

const TCB_CONTEXT_KEYS = 'TCB_ENV,TCB_SEQID,TCB_SOURCE,TRIGGER_SRC';
const MINI_PROGRAM_KEYS = 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6,WX_API_TOKEN';

/** Keys this module decides per caller; everything else from sdkEnv() is platform plumbing. */
function isCallerKey(name: string): boolean {
  return name.startsWith('WX_') || ['TCB_SOURCE', 'TRIGGER_SRC', 'TCB_CONTEXT_KEYS', 'TCB_SEQID'].includes(name);
}

/**
 * The environment that points the unmodified SDK at the emulator (endpoint, dummy credentials,
 * env id) without any caller identity.
 */
export function platformPlumbing(emulator: Emulator): Record<string, string> {
  return Object.fromEntries(Object.entries(emulator.sdkEnv({ wxApiToken: null })).filter(([name]) => !isCallerKey(name)));
}

export function setUpCaller(caller: Caller, emulator: Emulator, adminOpenids: readonly string[], seqId: string): CallerSetup {
  // The token the emulated platform issues to Mini Program (and DevTools) calls.
  const apiToken = emulator.sdkEnv().WX_API_TOKEN ?? '';
  const appid = emulator.accounts.app.appid;
  const miniProgram = (source: string, openid: string, token: string): CallerSetup => ({
    source,
    openid,
    fromMiniProgram: source === 'wx_client',
    env: {
      TCB_CONTEXT_KEYS,
      TCB_SEQID: seqId,
      TCB_SOURCE: source,
      WX_CONTEXT_KEYS: MINI_PROGRAM_KEYS,
      WX_OPENID: openid,
      WX_APPID: appid,
      // The demo Mini Program is not bound to an Open Platform account: no WX_UNIONID value,
      // so getWXContext leaves UNIONID out although WX_CONTEXT_KEYS names it.
      WX_CLIENTIP: '127.0.0.1',
      WX_CLIENTIPV6: '::ffff:127.0.0.1',
      ...(token ? { WX_API_TOKEN: token } : {}),
    },
  });

  switch (caller.kind) {
    case 'user':
      return miniProgram('wx_client', caller.openid || DEMO_USER_OPENID, apiToken);
    case 'admin':
      return miniProgram('wx_client', caller.openid || adminOpenids[0] || DEMO_ADMIN_OPENID, apiToken);
    case 'devtools':
      return miniProgram('wx_devtools', caller.openid || DEMO_DEVELOPER_OPENID, apiToken);
    case 'console':
      // "Console test runs send the JSON you type as event, with no OPENID": no WX_CONTEXT_KEYS
      // (getWXContext returns {}), no TCB_SOURCE, no token.
      return { fromMiniProgram: false, env: { TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID', TCB_SEQID: seqId } };
    case 'timer':
      return {
        source: 'wx_trigger',
        fromMiniProgram: false,
        env: {
          TCB_CONTEXT_KEYS,
          TCB_SEQID: seqId,
          TCB_SOURCE: 'wx_trigger',
          TRIGGER_SRC: 'timer',
          WX_CONTEXT_KEYS: 'WX_TRIGGER_API_TOKEN_V0,WX_API_TOKEN',
          // Only a trigger uploaded from WeChat DevTools gets a token to make cloud calls with.
          ...(caller.fromDevtools ? { WX_TRIGGER_API_TOKEN_V0: apiToken } : {}),
        },
      };
    case 'source': {
      const source = caller.source.trim();
      // The sources with a kind of their own behave as that kind.
      const id = caller.openid ? { openid: caller.openid } : {};
      const as = (kind: Caller): CallerSetup => setUpCaller(kind, emulator, adminOpenids, seqId);
      if (source === 'wx_client') return as({ kind: 'user', ...id });
      if (source === 'wx_devtools') return as({ kind: 'devtools', ...id });
      if (source === 'wx_trigger') return as({ kind: 'timer' });
      if (source === '' || source === 'console') return as({ kind: 'console' });
      const openid = caller.openid || (source.split(',')[0] === 'wx_client' ? DEMO_USER_OPENID : undefined);
      if (openid !== undefined) {
        // A chain such as `wx_client,scf` still names the Mini Program user; no token is relayed.
        return miniProgram(source, openid, '');
      }
      return {
        source,
        fromMiniProgram: false,
        env: { TCB_CONTEXT_KEYS, TCB_SEQID: seqId, TCB_SOURCE: source, WX_CONTEXT_KEYS: 'WX_CLIENTIP', WX_CLIENTIP: '127.0.0.1' },
      };
    }
  }
}

/**
 * The event as the function receives it. `wx.cloud.callFunction({ data })` sends an object and
 * the platform adds `userInfo: { appId, openId }` to it (replacing any the caller put there);
 * console test runs and triggers pass the JSON as typed.
 */
export function deliverEvent(event: unknown, setup: CallerSetup, appid: string): unknown {
  if (!setup.fromMiniProgram) return event;
  if (event === null || typeof event !== 'object' || Array.isArray(event)) {
    throw new TypeError('A Mini Program call sends an object as data (wx.cloud.callFunction({ name, data }))');
  }
  return { ...(event as Record<string, unknown>), userInfo: { appId: appid, openId: setup.openid } };
}
