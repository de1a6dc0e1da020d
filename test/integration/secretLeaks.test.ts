import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, startHarness, type Harness } from './helpers/harness';
import { captureOutput } from './helpers/captureOutput';

/**
 * Runs the token and fault cases with debug logging on, captures every result, every console
 * call and everything written to stdout/stderr, and searches it all for every secret value used:
 * app secrets, refresh tokens (initial and rotated), the verify ticket, every access token issued,
 * the fixed token, the token service credential and the platform's wxCloudApiToken. Each test
 * searches what it captured itself, for the secrets it used, so each passes or fails on its own.
 */
const PATH = '/wxaapi/wxaembedded/get_own_list';
let h: Harness;
const captured: string[] = [];
const secrets = new Set<string>();
let restoreOutput: () => void = () => undefined;
let tokenService: Server;

function remember(result: unknown): void {
  captured.push(JSON.stringify(result));
}

function collectIssuedTokens(): void {
  for (const doc of h.emu.db.collection('wx_tokens').values()) {
    if (typeof doc.token === 'string') secrets.add(doc.token);
    for (const v of Object.values((doc.carry as Record<string, string>) ?? {})) if (v.length > 20) secrets.add(v);
  }
  // An authorizer's refresh and access tokens live in its record.
  for (const doc of h.emu.db.collection('wx_authorizers').values()) {
    for (const field of ['refreshToken', 'accessToken']) if (typeof doc[field] === 'string' && (doc[field] as string).length > 20) secrets.add(doc[field] as string);
  }
  secrets.add(h.emu.tokens.refreshToken());
  secrets.add(h.emu.tokens.verifyTicket());
}

beforeAll(async () => {
  // On virtual time (docs/testing.md): the faults met under a 2 s limit are retried and given up on
  // the functions' clock, whatever the machine's speed.
  h = await startHarness({ embeddedCount: 40, applicantCount: 40, virtualTime: true });
  tokenService = createServer((req, res) => {
    void (async () => {
      const r = await fetch(`${h.emu.wechatBaseUrl}/cgi-bin/stable_token`, {
        method: 'POST',
        body: JSON.stringify({ grant_type: 'client_credential', appid: h.emu.accounts.app.appid, secret: h.emu.accounts.app.secret, force_refresh: req.url?.includes('force') }),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(await r.text());
    })();
  });
  await new Promise<void>((resolve) => tokenService.listen(0, '127.0.0.1', resolve));
  restoreOutput = captureOutput(captured);
});

afterAll(async () => {
  restoreOutput();
  await new Promise((resolve) => tokenService.close(resolve));
  await h.close();
});

beforeEach(() => {
  h.emu.reset();
  h.asCaller('admin');
  captured.length = 0;
  secrets.clear();
});

/** None of this test's secrets (at least `atLeast` of them) is anywhere in what it captured. */
function expectNoSecretIn(atLeast: number): void {
  const everything = captured.join('\n');
  expect(secrets.size).toBeGreaterThanOrEqual(atLeast);
  const found = [...secrets].filter((s) => s.length >= 8 && everything.includes(s));
  expect(found).toEqual([]);
}

function configure(vars: Record<string, string | undefined>): void {
  h.configure({ ...vars, LOG_LEVEL: 'debug' });
  for (const value of Object.values(vars)) if (value && value.length >= 8 && !/^(wx[0-9a-f]{16}|http)/.test(value)) secrets.add(value);
  secrets.add(h.emu.accounts.app.secret);
  secrets.add(h.emu.accounts.component.secret);
  secrets.add(h.emu.accounts.authorizer.refreshToken);
  const wxApiToken = process.env.WX_API_TOKEN;
  if (wxApiToken) secrets.add(wxApiToken);
}

describe('no secret leaks', () => {
  it('third-party flow, token expiry, persistent 40001, faults', async () => {
    configure(h.componentVars());
    const main = h.loadFunction('getOwnList');
    remember(await main({ num: 5 }, context()));
    h.emu.clock.advance(7300);
    remember(await main({ start: 5, num: 5 }, context()));
    h.emu.inject({ api: PATH, errcode: 40001, times: Infinity });
    remember(await main({}, context()));
    h.emu.clearFaults();
    for (const fault of [{ httpStatus: 502 }, { html: true }, { malformed: true }, { truncated: true }, { drop: true }, { errcode: -1 }, { errcode: 45009 }]) {
      h.emu.inject({ api: PATH, times: Infinity, ...fault });
      remember(await main({}, context(2000)));
      h.emu.clearFaults();
    }
    collectIssuedTokens();
    const everything = captured.join('\n');
    expect(everything).toMatch(/"event":"failed"/); // the faults were met and logged
    expectNoSecretIn(8);
  });

  it('token endpoint failures: bad refresh token, bad ticket, bad secret', async () => {
    configure({ ...h.componentVars(), AUTHORIZER_REFRESH_TOKEN: 'refreshtoken@@@leaky-value-should-not-appear-1' });
    remember(await h.loadFunction('getOwnList')({}, context()));
    configure({ ...h.componentVars(), COMPONENT_VERIFY_TICKET: 'ticket@@@leaky-ticket-should-not-appear-2' });
    remember(await h.loadFunction('getOwnList')({}, context()));
    configure({ APPID: h.emu.accounts.app.appid, APPSECRET: 'ffffffffffffffffffffffffffffff01' });
    remember(await h.loadFunction('getOwnList')({}, context()));
    h.emu.inject({ api: '/cgi-bin/component/api_component_token', httpStatus: 500, times: Infinity });
    configure(h.componentVars());
    remember(await h.loadFunction('getOwnList')({}, context(2000)));
    collectIssuedTokens();
    expect(captured.join('\n')).toMatch(/"event":"failed"/);
    // The three bad values given, the component token issued, the secrets, ticket and refresh
    // token of the accounts, the platform's token. (No authorizer token: the bad refresh token
    // never got one, and the registry keeps no refresh token WeChat refused.)
    for (const given of ['refreshtoken@@@leaky-value-should-not-appear-1', 'ticket@@@leaky-ticket-should-not-appear-2', 'ffffffffffffffffffffffffffffff01']) expect(secrets.has(given)).toBe(true);
    expectNoSecretIn(9);
  });

  it('fixed token, token service and the cloud path with its HTTPS fallback', async () => {
    const url = `http://127.0.0.1:${(tokenService.address() as AddressInfo).port}/token`;
    configure({ TOKEN_SERVICE_URL: url, TOKEN_SERVICE_AUTH: 'Bearer leaky-service-credential-3' });
    const viaService = h.loadFunction('getOwnList');
    remember(await viaService({}, context()));
    h.emu.inject({ api: PATH, errcode: 40014, times: Infinity });
    remember(await viaService({}, context()));
    h.emu.clearFaults();
    collectIssuedTokens();

    const fixed = (await (await fetch(`${url}`)).json()) as { access_token: string };
    secrets.add(fixed.access_token);
    configure({ AUTHORIZER_ACCESS_TOKEN: fixed.access_token });
    h.emu.tokens.invalidate(fixed.access_token);
    remember(await h.loadFunction('getOwnList')({}, context()));

    configure({ APPID: h.emu.accounts.app.appid, APPSECRET: h.emu.accounts.app.secret });
    h.asCaller('console');
    remember(await h.loadFunction('getPluginDevApplyList')({ page: 1, num: 3 }, context()));
    h.asCaller('admin');
    configure({});
    h.emu.inject({ kind: 'openapi', platformErrorCode: -604101 });
    remember(await h.loadFunction('getPluginDevApplyList')({ page: 1, num: 3 }, context()));
    collectIssuedTokens();
    expectNoSecretIn(8);
  });

  it('writes: bulk, lost answers, refusals and the audit records they leave', async () => {
    const pending = h.emu.data.applicants.filter((a) => a.status === 1 && /^wx[0-9a-f]{16}$/.test(String(a.appid))).map((a) => String(a.appid));
    const approved = h.emu.data.embedded.filter((r) => Number(r.status) === 2).map((r) => String(r.appid));
    configure({ APPID: h.emu.accounts.app.appid, APPSECRET: h.emu.accounts.app.secret });
    h.asCaller('console');
    const set = h.loadFunction('setDevPluginApplyStatus');
    h.emu.inject({ api: '/wxa/devplugin', applyThenDrop: true });
    remember(await set({ action: 'dev_agree', appids: pending.slice(0, 3) }, context()));
    remember(await set({ action: 'dev_refuse', appid: pending[3], reason: 'no', dryRun: true }, context()));
    configure(h.componentVars());
    const manage = h.loadFunction('manageEmbedded');
    h.emu.inject({ api: '/wxaapi/wxaembedded/del_authorize', httpStatus: 502 });
    remember(await manage({ action: 'del_authorize', appids: approved.slice(0, 2) }, context()));
    h.emu.inject({ kind: 'database', cloudbaseError: { code: 'DATABASE_PERMISSION_DENIED', message: 'denied' }, times: 3 });
    remember(await manage({ action: 'set_authorize', flag: 2 }, context()));
    h.emu.clearFaults();
    h.asCaller('user');
    remember(await set({ action: 'dev_agree', appid: pending[4] }, context()));
    for (const doc of h.emu.db.collection('wx_admin_audit').values()) remember(doc);
    expect(h.emu.db.collection('wx_admin_audit').size).toBeGreaterThanOrEqual(4);
    collectIssuedTokens();
    expectNoSecretIn(8);
  });

  it('syncLists: the robot key, tokens and secrets stay out of answers, logs, stored documents and messages', async () => {
    const webhook = h.emu.outbound.wecomWebhookUrl;
    secrets.add(new URL(webhook).searchParams.get('key')!);
    configure({ ...h.componentVars(), WECOM_WEBHOOK_URL: webhook, NOTIFY_TEMPLATE_ID: 'tmpl-secret-check' });
    const sync = h.loadFunction('syncLists');
    remember(await sync({}, context(20_000)));
    for (const fault of [{ httpStatus: 500 }, { errcode: 93000 }, { drop: true }, { html: true }]) {
      h.emu.evolve.step();
      h.emu.inject({ api: '/cgi-bin/webhook/send', times: 1, ...fault });
      remember(await sync({}, context(20_000)));
    }
    h.emu.evolve.step();
    remember(await sync({}, context(20_000)));
    // A wrong robot URL is named without its key.
    configure({ ...h.componentVars(), WECOM_WEBHOOK_URL: `${webhook}-wrong-robot-key-0001`.replace('key=', 'x=') });
    remember(await h.loadFunction('syncLists')({}, context(20_000)));
    for (const name of ['plugin_applicants', 'embedded_authorizations', 'list_changes', 'notifications', 'sync_state']) {
      remember([...h.emu.db.collection(name).values()]);
    }
    // What people received (the template id is not a secret: it travels in every subscribe message).
    remember(h.emu.outbound.wecom);
    remember(h.emu.outbound.subscribe.map((m) => m.data));
    expect(h.emu.outbound.wecom.length).toBeGreaterThan(0);
    collectIssuedTokens();
    expectNoSecretIn(9);
  });
});
