import { HALF_SCREEN_ONLY, PLUGIN_ONLY, type PushDelivery } from '../../emulator';
import { decryptMessage } from '../../shared/pushes/messageCrypto';
import { context, startHarness, type CloudFunctionMain, type Harness } from './helpers/harness';
import { captureOutput } from './helpers/captureOutput';
import { serveOverHttpAccess } from './helpers/httpAccess';

/**
 * The third-party flow with debug logging on: pushes (good, bad, duplicated, failing upstream),
 * calls for several authorizers, token expiry, revocation. Every result, every HTTP answer,
 * every console call and everything written to stdout/stderr is captured and searched for the
 * message token, the AES key, the component secret, every ticket, every authorization code,
 * every refresh token and every access token.
 */
let h: Harness;
let events: CloudFunctionMain;
let access: Awaited<ReturnType<typeof serveOverHttpAccess>>;
const captured: string[] = [];
const secrets = new Set<string>();
let restoreOutput: () => void = () => undefined;

/** The answer is captured; the secrets inside the (encrypted) push are remembered. */
function delivered(delivery: PushDelivery): PushDelivery {
  captured.push(`${delivery.status} ${delivery.answer}`);
  const encrypt = /<Encrypt><!\[CDATA\[(.*)\]\]><\/Encrypt>/s.exec(delivery.body)?.[1];
  if (encrypt) {
    const { message } = decryptMessage(h.emu.openPlatform.settings.encodingAesKey, encrypt);
    for (const name of ['ComponentVerifyTicket', 'AuthorizationCode', 'PreAuthCode']) {
      const value = new RegExp(`<${name}><!\\[CDATA\\[(.*?)\\]\\]>`).exec(message)?.[1];
      if (value) secrets.add(value);
    }
  }
  return delivery;
}

function collectStored(): void {
  for (const doc of h.emu.db.collection('wx_tokens').values()) {
    for (const value of [doc.token, doc.ticket, ...Object.values((doc.carry as Record<string, string>) ?? {})]) if (typeof value === 'string' && value.length > 8) secrets.add(value);
  }
  for (const doc of h.emu.db.collection('wx_authorizers').values()) {
    for (const field of ['refreshToken', 'accessToken']) if (typeof doc[field] === 'string' && doc[field]) secrets.add(doc[field] as string);
  }
  for (const seed of h.emu.openPlatform.authorizers()) if (h.emu.openPlatform.refreshToken(seed.appid)) secrets.add(h.emu.openPlatform.refreshToken(seed.appid));
}

beforeAll(async () => {
  h = await startHarness({ embeddedCount: 30, applicantCount: 30 });
  access = await serveOverHttpAccess(h, () => events);
  restoreOutput = captureOutput(captured);
});

afterAll(async () => {
  restoreOutput();
  await access.close();
  await h.close();
});

describe('no secret leaks in the third-party flow', () => {
  it('pushes, calls for several authorizers, expiry, failures, revocation: no secret anywhere in what was captured', async () => {
    h.configure({ ...h.pushVars(), LOG_LEVEL: 'debug' });
    for (const value of Object.values(h.pushVars())) if (!/^wx[0-9a-f]{16}$/.test(value)) secrets.add(value);
    events = h.loadFunction('componentEvents');
    h.emu.openPlatform.setPushTarget(access.url);

    delivered(await h.emu.openPlatform.pushTicket());
    delivered(await h.emu.openPlatform.redeliver(delivered(await h.emu.openPlatform.pushTicket())));
    delivered(await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid));
    delivered(await h.emu.openPlatform.authorize(PLUGIN_ONLY.appid));
    // api_query_auth failing: the push is not stored (500) and nothing leaks from the failure.
    h.emu.inject({ api: '/cgi-bin/component/api_query_auth', errcode: 61010 });
    delivered(await h.emu.openPlatform.authorize(h.emu.accounts.authorizer.appid));
    const tampered = h.emu.openPlatform.seal({ AppId: h.emu.accounts.component.appid, CreateTime: 1, InfoType: 'component_verify_ticket', ComponentVerifyTicket: h.emu.tokens.pushVerifyTicket() });
    delivered(await h.emu.openPlatform.send({ ...tampered, query: { ...tampered.query, msg_signature: 'f'.repeat(40) } }));
    delivered(await h.emu.openPlatform.send(h.emu.openPlatform.seal({ InfoType: 'component_verify_ticket' }, '1')));

    const ownList = h.loadFunction('getOwnList');
    const plugins = h.loadFunction('getPluginDevApplyList');
    for (const appid of [HALF_SCREEN_ONLY.appid, PLUGIN_ONLY.appid, 'wx0000000000000000']) {
      captured.push(JSON.stringify(await ownList({ num: 3, authorizerAppid: appid }, context())));
      captured.push(JSON.stringify(await plugins({ num: 3, authorizerAppid: appid }, context())));
    }
    h.emu.clock.advance(7300);
    captured.push(JSON.stringify(await ownList({ num: 3, authorizerAppid: HALF_SCREEN_ONLY.appid }, context())));
    h.emu.inject({ api: '/wxaapi/wxaembedded/get_own_list', errcode: 40001, times: 3 });
    captured.push(JSON.stringify(await ownList({ num: 3, authorizerAppid: HALF_SCREEN_ONLY.appid }, context())));
    collectStored();
    delivered(await h.emu.openPlatform.revoke(HALF_SCREEN_ONLY.appid));
    captured.push(JSON.stringify(await ownList({ num: 3, authorizerAppid: HALF_SCREEN_ONLY.appid }, context())));
    captured.push(JSON.stringify(await h.loadFunction('listAuthorizers')({}, context())));
    collectStored();

    // Searched by this same test: what it captured, for the secrets it met.
    const everything = captured.join('\n');
    expect(everything).toMatch(/"event":"push"/);
    expect(everything).toMatch(/"event":"push refused"/);
    expect(everything).toMatch(/"event":"push not stored"/);
    expect(secrets.size).toBeGreaterThan(12);
    const found = [...secrets].filter((s) => s.length >= 8 && everything.includes(s));
    expect(found).toEqual([]);
  });
});
