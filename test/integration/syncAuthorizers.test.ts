import { HALF_SCREEN_ONLY, NEITHER, PLUGIN_ONLY } from '../../emulator';
import { context, useHarness, type CloudFunctionMain } from './helpers/harness';
import { serveOverHttpAccess } from './helpers/httpAccess';

/**
 * Lists synced per authorizer where several are held (docs/sync.md, "The lists"), with the
 * registry the pushes fill (docs/authorizer-lifecycle.md, "Authorization pushes"): a third-party
 * platform whose accounts authorized it through pushes (no AUTHORIZER_* variables) has each
 * account's lists synced separately, over HTTPS with that account's own token: a half-screen
 * list per account that granted set 18, a plugin list per account that granted set 40. A
 * revoked account is skipped, its stored entries left as they were. The emulator serves the
 * same lists to every authorized account; what differs is whose token asks (it refuses a token
 * without the list's set: 61007) and where the sync stores them.
 */
type Doc = Record<string, any>;
let events: CloudFunctionMain;
let sync: CloudFunctionMain;
let access: Awaited<ReturnType<typeof serveOverHttpAccess>>;
// On virtual time (docs/testing.md): "little time" is the functions' own clock against emulated slow pages.
const h = useHarness({ applicantCount: 1200, embeddedCount: 1500, virtualTime: true }, (harness) => {
  harness.asCaller('admin');
  harness.configure({ ...harness.pushVars(), WECOM_WEBHOOK_URL: harness.emu.outbound.wecomWebhookUrl });
  events = harness.loadFunction('componentEvents');
  sync = harness.loadFunction('syncLists');
  harness.emu.openPlatform.setPushTarget(access.url);
});
beforeAll(async () => {
  access = await serveOverHttpAccess(h, () => events);
});
afterAll(async () => {
  await access.close();
});

const docs = (name: string): Doc[] => [...h.emu.db.collection(name).values()];
const ofAccount = (name: string, account: string) => docs(name).filter((d) => d.account === account);
const runOk = async () => {
  const result = await sync({}, context(60_000));
  if (result.errCode !== 0) throw new Error(JSON.stringify(result.error));
  return result;
};
const tokenFetches = (appid: string) =>
  h.emu.calls.filter((c) => c.api === '/cgi-bin/component/api_authorizer_token' && (c.params as Doc | undefined)?.authorizer_appid === appid).length;

/** Every seeded account authorizes: the default one (sets 18 and 40), one with 18, one with 40, one with neither. */
async function authorizeAll(): Promise<string> {
  await h.emu.openPlatform.pushTicket();
  const everything = h.emu.accounts.authorizer.appid;
  for (const appid of [everything, HALF_SCREEN_ONLY.appid, PLUGIN_ONLY.appid, NEITHER.appid]) {
    expect(await h.emu.openPlatform.authorize(appid)).toMatchObject({ status: 200, answer: 'success' });
  }
  return everything;
}

describe('syncLists for every authorizer the registry holds', () => {
  it('syncs each account\'s lists separately with its own token, skipping an account that granted neither set', async () => {
    const everything = await authorizeAll();
    const result = await runOk();
    expect(result.complete).toBe(true);
    const lists = result.lists.map((l: Doc) => `${l.list}:${l.account}:${l.total}`).sort();
    expect(lists).toEqual([
      // With the half-screen set, the applications of each account to open others (get_list) too.
      `applications:${everything}:3`,
      `applications:${HALF_SCREEN_ONLY.appid}:3`,
      `embedded:${everything}:1500`,
      `embedded:${HALF_SCREEN_ONLY.appid}:1500`,
      `plugin:${everything}:1200`,
      `plugin:${PLUGIN_ONLY.appid}:1200`,
      // The environment's own Mini Program, cloud path (no APPID set: "self").
      'plugin:self:1200',
    ].sort());
    expect(result.skipped).toEqual([{ account: NEITHER.appid, reason: 'no list permission' }]);
    // Stored once per appid and account.
    for (const account of [everything, HALF_SCREEN_ONLY.appid]) {
      const stored = ofAccount('embedded_authorizations', account);
      expect(stored).toHaveLength(1500);
      expect(new Set(stored.map((d) => d._id)).size).toBe(1500);
    }
    for (const account of ['self', everything, PLUGIN_ONLY.appid]) expect(ofAccount('plugin_applicants', account)).toHaveLength(1200);
    expect(ofAccount('embedded_authorizations', PLUGIN_ONLY.appid)).toHaveLength(0);
    expect(ofAccount('plugin_applicants', HALF_SCREEN_ONLY.appid)).toHaveLength(0);
    expect(docs('embedded_authorizations').concat(docs('plugin_applicants')).some((d) => d.account === NEITHER.appid)).toBe(false);
    // Each account used its own token, the one its authorization gave (kept in its record): none refreshed.
    for (const appid of [everything, HALF_SCREEN_ONLY.appid, PLUGIN_ONLY.appid, NEITHER.appid]) expect(tokenFetches(appid)).toBe(0);
    const tokensUsed = new Set([everything, HALF_SCREEN_ONLY.appid, PLUGIN_ONLY.appid].map((appid) => h.emu.db.collection('wx_authorizers').get(`${h.emu.accounts.component.appid}:${appid}`)?.accessToken));
    expect(tokensUsed.size).toBe(3);
    // The first pass of each list is its baseline.
    expect(result.lists.every((l: Doc) => l.baseline)).toBe(true);
    expect(docs('list_changes')).toHaveLength(0);
  });

  it('records each account\'s changes under that account, tells the robot once per account, and skips a revoked one', async () => {
    const everything = await authorizeAll();
    await runOk();
    const [step] = h.emu.evolve.step();
    expect(await h.emu.openPlatform.revoke(HALF_SCREEN_ONLY.appid)).toMatchObject({ infoType: 'unauthorized', answer: 'success' });
    const before = h.emu.calls.length;
    const result = await runOk();
    expect(result.complete).toBe(true);
    expect(result.skipped).toEqual(expect.arrayContaining([{ account: HALF_SCREEN_ONLY.appid, reason: 'revoked' }]));
    expect(result.lists.some((l: Doc) => l.account === HALF_SCREEN_ONLY.appid)).toBe(false);
    // Nothing asked for the revoked account.
    expect(h.emu.calls.slice(before).some((c) => (c.params as Doc | undefined)?.authorizer_appid === HALF_SCREEN_ONLY.appid)).toBe(false);

    const perAccount = (list: string, account: string) => docs('list_changes').filter((c) => c.list === list && c.account === account);
    // Per plugin list: the new applicant and the one that expired.
    for (const account of ['self', everything, PLUGIN_ONLY.appid]) {
      expect(perAccount('plugin', account).map((c) => c.kind).sort()).toEqual(['new', 'status']);
      expect(perAccount('plugin', account).find((c) => c.kind === 'new')?.appid).toBe(step!.newApplicants[0]);
    }
    // The half-screen list of the account still authorized: arrival, expiry, withdrawal.
    expect(perAccount('embedded', everything).map((c) => c.kind).sort()).toEqual(['new', 'status', 'status']);
    expect(perAccount('embedded', everything).find((c) => c.appid === step!.withdrawnAuthorizations[0])).toMatchObject({ from: 2, to: 5 });
    // The revoked account's stored list is left as it was: no change recorded, nothing marked gone.
    expect(perAccount('embedded', HALF_SCREEN_ONLY.appid)).toHaveLength(0);
    expect(ofAccount('embedded_authorizations', HALF_SCREEN_ONLY.appid).filter((d) => d.gone)).toHaveLength(0);
    // And the application of the account still authorized that was decided.
    expect(perAccount('applications', everything).map((c) => c.kind)).toEqual(['status']);
    expect(docs('list_changes')).toHaveLength(3 * 2 + 3 + 1);

    // One robot message per list and account that changed, each naming its account.
    const messages = h.emu.outbound.wecom.map((m) => m.content);
    expect(messages).toHaveLength(5);
    for (const account of ['self', everything, PLUGIN_ONLY.appid]) expect(messages.filter((m) => m.includes(`· ${account}`) && m.includes('Plugin applicants'))).toHaveLength(1);
    expect(messages.filter((m) => m.includes(`· ${everything}`) && m.includes('Half-screen authorizations'))).toHaveLength(1);
    expect(messages.filter((m) => m.includes(`· ${everything}`) && m.includes('Half-screen applications'))).toHaveLength(1);

    // Authorized again: its list resumes from what was stored (no second baseline), with the changes since.
    await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid);
    const back = await runOk();
    const resumed = back.lists.find((l: Doc) => l.list === 'embedded' && l.account === HALF_SCREEN_ONLY.appid);
    expect(resumed).toMatchObject({ baseline: false, complete: true, total: 1501 });
    expect(perAccount('embedded', HALF_SCREEN_ONLY.appid).map((c) => c.kind).sort()).toEqual(['new', 'status', 'status']);
  });

  it('the configured account (AUTHORIZER_APPID) is synced once even when the registry holds it too', async () => {
    const everything = await authorizeAll();
    h.configure({ ...h.componentVars(), WECOM_WEBHOOK_URL: h.emu.outbound.wecomWebhookUrl });
    const result = await runOk();
    const names = result.lists.map((l: Doc) => `${l.list}:${l.account}`);
    expect(new Set(names).size).toBe(names.length);
    // Without APPID the environment's plugin account is AUTHORIZER_APPID: its list goes the cloud path, once.
    expect(names.filter((n: string) => n.endsWith(everything))).toEqual([`plugin:${everything}`, `embedded:${everything}`, `applications:${everything}`]);
    expect(names).toEqual(expect.arrayContaining([`embedded:${HALF_SCREEN_ONLY.appid}`, `plugin:${PLUGIN_ONLY.appid}`]));
    expect(ofAccount('plugin_applicants', everything)).toHaveLength(1200);
  });

  it('a half-configured provider is refused naming what is missing, before the run writes or reads anything', async () => {
    h.configure({ TOKEN_PROVIDER: 'component', COMPONENT_APPID: h.emu.accounts.component.appid });
    const result = await sync({}, context());
    expect(result).toMatchObject({ errCode: -910011, error: { name: 'CONFIG_INVALID' } });
    expect(result.error.detail).toMatch(/COMPONENT_APPSECRET/);
    expect(h.emu.calls).toHaveLength(0);
  });

  it('a registry that cannot be read leaves the configured account\'s lists to run', async () => {
    await authorizeAll();
    h.configure({ ...h.componentVars(), WECOM_WEBHOOK_URL: h.emu.outbound.wecomWebhookUrl });
    // The first reads of the run (the lease is taken by update and add) are the third-party
    // recovery's ticket read (shared/component/recovery.ts), then the registry's listing.
    h.emu.inject({ kind: 'database', api: 'database.getDocument', cloudbaseError: { code: 'DATABASE_REQUEST_FAILED', message: 'registry unavailable' }, times: 2 });
    const result = await runOk();
    expect(result.component?.error).toBeDefined();
    expect(result.registryError).toBeDefined();
    expect(result.lists.map((l: Doc) => l.list).sort()).toEqual(['applications', 'embedded', 'plugin']);
    expect(result.complete).toBe(true);
  });

  it('with many accounts and little time, the lists not reached are deferred, and go first on the next run', async () => {
    await authorizeAll();
    // One page at a time, each answering in 700 ms: a 4 s run cannot walk five lists of two pages.
    h.configure({ ...h.pushVars(), WECOM_WEBHOOK_URL: h.emu.outbound.wecomWebhookUrl, LIST_CONCURRENCY: '1' });
    h.emu.inject({ kind: 'https', api: '/wxaapi/wxaembedded/get_own_list', latencyMs: 700, times: Infinity });
    h.emu.inject({ kind: 'https', api: '/wxa/devplugin', latencyMs: 700, times: Infinity });
    h.emu.inject({ kind: 'openapi', latencyMs: 700, times: Infinity });
    const first = await sync({}, context(4000));
    expect(first.errCode).toBe(0);
    expect(first.complete).toBe(false);
    const notReached = first.lists.filter((l: Doc) => l.deferred).map((l: Doc) => `${l.list}:${l.account}`);
    expect(notReached.length).toBeGreaterThan(0);
    h.emu.clearFaults();
    const second = await runOk();
    const order = second.lists.map((l: Doc) => `${l.list}:${l.account}`);
    // The lists the first run did not finish lead the second.
    const unfinished = first.lists.filter((l: Doc) => !l.complete).map((l: Doc) => `${l.list}:${l.account}`);
    expect(order.slice(0, unfinished.length).sort()).toEqual([...unfinished].sort());
    expect(second.complete).toBe(true);
  });
});
