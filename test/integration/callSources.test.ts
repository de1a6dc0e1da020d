import { ADMIN_OPENID, context, useHarness } from './helpers/harness';

/**
 * Every call source, with WX_CONTEXT_KEYS unset, empty and present (issue 11). The platform
 * sets TCB_SOURCE for every call; whether the context keys are listed must not turn an HTTP
 * access call, another function or an unknown source into an allowed console test run.
 */
const PATH = '/wxaapi/wxaembedded/get_own_list';
const h = useHarness({ embeddedCount: 20, applicantCount: 20 }, (harness) => {
  harness.asCaller('console');
  harness.configure({ APPID: harness.emu.accounts.app.appid, APPSECRET: harness.emu.accounts.app.secret, TOKEN_STORE: 'memory' });
});

interface SourceCase {
  source?: string;
  openid?: string;
  /** Allowed under the default policy, for keys unset / empty / present. */
  allowed: { unset: boolean; empty: boolean; present: boolean };
}
const everywhere = { unset: true, empty: true, present: true };
const nowhere = { unset: false, empty: false, present: false };
const CASES: Record<string, SourceCase> = {
  'wx_client with an admin OPENID': { source: 'wx_client', openid: ADMIN_OPENID, allowed: { unset: false, empty: false, present: true } },
  'wx_client with another OPENID': { source: 'wx_client', openid: 'oOrdinaryUser_0002', allowed: nowhere },
  'wx_client without OPENID': { source: 'wx_client', allowed: nowhere },
  'wx_client,scf with an admin OPENID': { source: 'wx_client,scf', openid: ADMIN_OPENID, allowed: { unset: false, empty: false, present: true } },
  wx_devtools: { source: 'wx_devtools', allowed: everywhere },
  wx_trigger: { source: 'wx_trigger', allowed: everywhere },
  wx_localdebug: { source: 'wx_localdebug', allowed: everywhere },
  wx_http: { source: 'wx_http', allowed: nowhere },
  scf: { source: 'scf', allowed: nowhere },
  wx_unknown: { source: 'wx_unknown', allowed: nowhere },
  'console (no source)': { allowed: everywhere },
  'an OPENID with no source': { openid: ADMIN_OPENID, allowed: { unset: true, empty: true, present: false } },
};

const KEYS = { unset: undefined, empty: '', present: 'WX_OPENID,WX_APPID,WX_CLIENTIP' } as const;

describe.each(Object.keys(KEYS) as Array<keyof typeof KEYS>)('WX_CONTEXT_KEYS %s', (keys) => {
  it.each(Object.entries(CASES))('%s', async (_name, c) => {
    const keyList = KEYS[keys];
    if (keyList === undefined) delete process.env.WX_CONTEXT_KEYS;
    else process.env.WX_CONTEXT_KEYS = keyList;
    if (c.source === undefined) delete process.env.TCB_SOURCE;
    else process.env.TCB_SOURCE = c.source;
    process.env.WX_OPENID = c.openid ?? '';
    process.env.WX_APPID = c.openid ? h.emu.accounts.app.appid : '';

    const result = await h.loadFunction('getOwnList')({ num: 2 }, context());
    if (c.allowed[keys]) {
      expect(result).toMatchObject({ errCode: 0 });
      expect(h.emu.count({ api: PATH })).toBe(1);
    } else {
      expect(result).toMatchObject({ errCode: -910002, error: { name: 'CALLER_NOT_ALLOWED' } });
      expect(h.emu.calls).toEqual([]); // nothing left the function
    }
  });
});
