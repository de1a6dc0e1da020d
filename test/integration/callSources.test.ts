import { ADMIN_OPENID, context, useHarness } from './helpers/harness';

/**
 * Every call source, with WX_CONTEXT_KEYS unset, empty and present: the table of docs/callers.md,
 * "Who may call", row by row. The platform sets TCB_SOURCE for every call; whether the context keys
 * are listed must not turn an HTTP access call, another function or an unknown source into an
 * allowed console test run.
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

/**
 * The functions added since (writes, listAuthorizers, syncLists) go through the same caller
 * check: each source that cannot be trusted is refused before anything leaves the function,
 * whether context keys are listed or not. A refused write leaves only its audit record.
 */
const AUDIT = 'wx_admin_audit';
const FUNCTIONS = {
  getPluginDevApplyList: {},
  setDevPluginApplyStatus: { action: 'dev_agree', appid: 'wx0123456789abcdef' },
  manageEmbedded: { action: 'del_authorize', appid: 'wx0123456789abcdef' },
  listAuthorizers: {},
  syncLists: {},
} as const;
const REFUSED: Array<[string, string | undefined]> = [
  ['wx_http', undefined],
  ['scf', undefined],
  ['wx_unknown', undefined],
  ['wx_client', undefined],
  ['wx_client', 'oOrdinaryUser_0002'],
];

describe.each(['unset', 'empty'] as const)('every function, WX_CONTEXT_KEYS %s', (keys) => {
  it.each(Object.keys(FUNCTIONS).flatMap((name) => REFUSED.map(([source, openid]) => [name, source, openid] as const)))(
    '%s refuses %s (OPENID %s)',
    async (name, source, openid) => {
      if (keys === 'unset') delete process.env.WX_CONTEXT_KEYS;
      else process.env.WX_CONTEXT_KEYS = '';
      process.env.TCB_SOURCE = source;
      process.env.WX_OPENID = openid ?? '';
      h.configure({ ...h.componentVars(), COMPONENT_TOKEN: 'pushtoken-callsources', COMPONENT_ENCODING_AES_KEY: h.emu.openPlatform.settings.encodingAesKey });
      const result = await h.loadFunction(name as keyof typeof FUNCTIONS)(FUNCTIONS[name as keyof typeof FUNCTIONS], context());
      expect(result).toMatchObject({ errCode: -910002, error: { name: 'CALLER_NOT_ALLOWED' } });
      const leftTheFunction = h.emu.calls.filter((c) => !(c.kind === 'database' && (c.params as { collectionName?: string }).collectionName === AUDIT));
      expect(leftTheFunction).toEqual([]);
      const audited = [...h.emu.db.collection(AUDIT).values()] as Array<Record<string, unknown>>;
      if (name === 'setDevPluginApplyStatus' || name === 'manageEmbedded') expect(audited).toEqual([expect.objectContaining({ result: 'refused', caller: { source } })]);
      else expect(audited).toEqual([]);
    },
  );
});

describe('componentEvents takes signed pushes and nothing else, whatever the source', () => {
  const ordinary = (body: string) => ({
    path: '/componentEvents', httpMethod: 'POST', headers: { 'content-type': 'application/json' },
    queryStringParameters: {}, body, isBase64Encoded: false,
  });
  it.each([
    ['wx_http', ordinary('{"action":"dev_agree","appid":"wx0123456789abcdef"}')],
    ['wx_http', { action: 'dev_agree', appid: 'wx0123456789abcdef' }],
    ['wx_client', { action: 'dev_agree', appid: 'wx0123456789abcdef' }],
    ['scf', ordinary('<xml><AppId>x</AppId></xml>')],
  ] as const)('%s with %j: a 4xx, nothing stored, nothing sent', async (source, event) => {
    process.env.TCB_SOURCE = source;
    process.env.WX_OPENID = source === 'wx_client' ? ADMIN_OPENID : '';
    h.configure(h.pushVars());
    const answer = await h.loadFunction('componentEvents')(event, context());
    expect(answer.statusCode).toBeGreaterThanOrEqual(400);
    expect(answer.statusCode).toBeLessThan(500);
    expect(answer.body).not.toBe('success');
    expect(h.emu.calls).toEqual([]);
  });
});
