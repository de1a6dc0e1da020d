import { HALF_SCREEN_ONLY, NEITHER, PLUGIN_ONLY } from '../../emulator';
import { context, useHarness, type CloudFunctionMain } from './helpers/harness';
import { serveOverHttpAccess } from './helpers/httpAccess';

/**
 * syncLists for every authorizer the registry holds (syncAuthorizers.test.ts), searched for
 * secrets: no authorizer's token or code, no ticket, no component secret, no AES key and no robot
 * key in the answers, the logs, the stored lists or the messages. A file of its own with short
 * lists: what is searched is the same for 150 entries as for 1500, and three whole syncs of every
 * account's long lists took most of a test's time on a busy machine.
 */
let events: CloudFunctionMain;
let sync: CloudFunctionMain;
let access: Awaited<ReturnType<typeof serveOverHttpAccess>>;
const h = useHarness({ applicantCount: 120, embeddedCount: 150, virtualTime: true }, (harness) => {
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

const runOk = async () => {
  const result = await sync({}, context(60_000));
  if (result.errCode !== 0) throw new Error(JSON.stringify(result.error));
  return result;
};

/** Every seeded account authorizes: the default one (sets 18 and 40), one with 18, one with 40, one with neither. */
async function authorizeAll(): Promise<string> {
  await h.emu.openPlatform.pushTicket();
  const everything = h.emu.accounts.authorizer.appid;
  for (const appid of [everything, HALF_SCREEN_ONLY.appid, PLUGIN_ONLY.appid, NEITHER.appid]) {
    expect(await h.emu.openPlatform.authorize(appid)).toMatchObject({ status: 200, answer: 'success' });
  }
  return everything;
}

describe('syncLists for every authorizer the registry holds, searched for secrets', () => {
  it('no token or code of any authorizer appears in the answers, the logs, the stored lists or the messages', async () => {
    const captured: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void captured.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '))));
    try {
      const everything = await authorizeAll();
      h.configure({ ...h.pushVars(), WECOM_WEBHOOK_URL: h.emu.outbound.wecomWebhookUrl, LOG_LEVEL: 'debug' });
      captured.push(JSON.stringify(await runOk()));
      h.emu.evolve.step();
      await h.emu.openPlatform.revoke(HALF_SCREEN_ONLY.appid);
      // A failing token refresh for one account, and a failing page for another.
      h.emu.inject({ kind: 'https', api: '/wxa/devplugin', errcode: 89409, times: 1 });
      captured.push(JSON.stringify(await runOk()));
      captured.push(JSON.stringify(await runOk()));
      for (const name of ['plugin_applicants', 'embedded_authorizations', 'embedded_applications', 'list_changes', 'notifications', 'sync_state']) captured.push(JSON.stringify([...h.emu.db.collection(name).values()]));
      captured.push(JSON.stringify(h.emu.outbound.wecom));
      const secrets = new Set<string>([h.emu.tokens.verifyTicket(), h.emu.accounts.component.secret, h.emu.openPlatform.settings.encodingAesKey, new URL(h.emu.outbound.wecomWebhookUrl).searchParams.get('key')!]);
      for (const appid of [everything, PLUGIN_ONLY.appid, NEITHER.appid]) secrets.add(h.emu.openPlatform.refreshToken(appid));
      for (const doc of h.emu.db.collection('wx_authorizers').values()) {
        for (const field of ['refreshToken', 'accessToken']) if (typeof doc[field] === 'string' && doc[field] !== '') secrets.add(doc[field] as string);
      }
      for (const doc of h.emu.db.collection('wx_tokens').values()) if (typeof doc.token === 'string') secrets.add(doc.token);
      expect(secrets.size).toBeGreaterThan(8);
      const text = captured.join('\n');
      expect(text).toMatch(/list synced/);
      expect([...secrets].filter((secret) => secret.length >= 8 && text.includes(secret))).toEqual([]);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
