import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HALF_SCREEN_ONLY, PLUGIN_ONLY, startEmulator, type Emulator } from '../../emulator';
import { decryptMessage, messageSignature } from '../../shared/pushes/messageCrypto';
import { componentToken, getJson, postJson } from './helpers/wechat-http';

// The emulated open platform: authorizations, api_query_auth, permission sets, revocation, and
// the encrypted pushes it sends (checked with the shipped decryption, written independently).

let emu: Emulator;
let receiver: ReturnType<typeof createServer>;
const received: Array<{ method: string; url: URL; body: string }> = [];
let answer = 'success';

beforeAll(async () => {
  emu = await startEmulator({ applicantCount: 10, embeddedCount: 10 });
  receiver = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: new URL(req.url ?? '/', 'http://x'), body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'text/plain' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await emu.close();
});

beforeEach(() => {
  emu.reset();
  received.length = 0;
  answer = 'success';
  emu.openPlatform.setPushTarget(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/events`);
});

function opened(index: number): { message: string; appid: string; query: URL['searchParams'] } {
  const push = received[index];
  if (!push) throw new Error(`no push #${index}`);
  const encrypt = /<Encrypt><!\[CDATA\[(.*)\]\]><\/Encrypt>/s.exec(push.body)?.[1] as string;
  const q = push.url.searchParams;
  expect(messageSignature(emu.openPlatform.settings.token, q.get('timestamp') as string, q.get('nonce') as string, encrypt)).toBe(q.get('msg_signature'));
  expect(q.get('encrypt_type')).toBe('aes');
  return { ...decryptMessage(emu.openPlatform.settings.encodingAesKey, encrypt), query: q };
}

async function componentAccessToken(): Promise<string> {
  return (await componentToken(emu)).component_access_token as string;
}

const field = (message: string, name: string) => new RegExp(`<${name}>(?:<!\\[CDATA\\[)?(.*?)(?:\\]\\]>)?</${name}>`).exec(message)?.[1];

describe('open platform pushes', () => {
  it('pushes a signed, encrypted ticket the component can use', async () => {
    const delivery = await emu.openPlatform.pushTicket();
    expect(delivery).toMatchObject({ infoType: 'component_verify_ticket', status: 200, answer: 'success' });
    const { message, appid } = opened(0);
    expect(appid).toBe(emu.accounts.component.appid);
    expect(field(message, 'InfoType')).toBe('component_verify_ticket');
    expect(field(message, 'ComponentVerifyTicket')).toBe(emu.tokens.verifyTicket());
    expect((await componentToken(emu, field(message, 'ComponentVerifyTicket'))).component_access_token).toEqual(expect.any(String));
  });

  it('authorization: the pushed code works once with api_query_auth and grants the seeded sets', async () => {
    await emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid);
    const { message } = opened(0);
    expect(field(message, 'InfoType')).toBe('authorized');
    expect(field(message, 'AuthorizerAppid')).toBe(HALF_SCREEN_ONLY.appid);
    expect(field(message, 'PreAuthCode')).toMatch(/^preauthcode@@@/);
    const code = field(message, 'AuthorizationCode') as string;
    const token = await componentAccessToken();
    const body = { component_appid: emu.accounts.component.appid, authorization_code: code };
    const first = await postJson(emu, '/cgi-bin/component/api_query_auth', body, { component_access_token: token });
    expect(first.authorization_info).toMatchObject({
      authorizer_appid: HALF_SCREEN_ONLY.appid,
      authorizer_refresh_token: emu.openPlatform.refreshToken(HALF_SCREEN_ONLY.appid),
      func_info: [{ funcscope_category: { id: 1 } }, { funcscope_category: { id: 18 } }],
    });
    expect((await postJson(emu, '/cgi-bin/component/api_query_auth', body, { component_access_token: token })).errcode).toBe(61010);
    // Authorizing again is an update.
    await emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid);
    expect(field(opened(1).message, 'InfoType')).toBe('updateauthorized');
  });

  it('the authorizer token works only for the APIs of the granted sets, and stops at revocation', async () => {
    await emu.openPlatform.authorize(PLUGIN_ONLY.appid);
    const component = await componentAccessToken();
    const grant = await postJson(emu, '/cgi-bin/component/api_query_auth', { component_appid: emu.accounts.component.appid, authorization_code: field(opened(0).message, 'AuthorizationCode') }, { component_access_token: component });
    const accessToken = (grant.authorization_info as Record<string, string>).authorizer_access_token as string;
    expect((await getJson(emu, '/wxaapi/wxaembedded/get_own_list', { access_token: accessToken })).errcode).toBe(61007);
    expect((await postJson(emu, '/wxa/devplugin', { action: 'dev_apply_list', page: 1, num: 1 }, { access_token: accessToken })).errcode).toBe(0);

    const refresh = emu.openPlatform.refreshToken(PLUGIN_ONLY.appid);
    await emu.openPlatform.revoke(PLUGIN_ONLY.appid);
    expect(field(opened(1).message, 'InfoType')).toBe('unauthorized');
    expect((await postJson(emu, '/wxa/devplugin', { action: 'dev_apply_list', page: 1, num: 1 }, { access_token: accessToken })).errcode).toBe(40001);
    const again = await postJson(emu, '/cgi-bin/component/api_authorizer_token', { component_appid: emu.accounts.component.appid, authorizer_appid: PLUGIN_ONLY.appid, authorizer_refresh_token: refresh }, { component_access_token: component });
    expect(again.errcode).toBe(61003);
  });

  it('pre-auth codes need a component token', async () => {
    const ok = await postJson(emu, '/cgi-bin/component/api_create_preauthcode', { component_appid: emu.accounts.component.appid }, { component_access_token: await componentAccessToken() });
    expect(ok).toMatchObject({ pre_auth_code: expect.stringMatching(/^preauthcode@@@/), expires_in: 1800 });
    expect((await postJson(emu, '/cgi-bin/component/api_create_preauthcode', { component_appid: emu.accounts.component.appid }, { component_access_token: 'x'.repeat(40) })).errcode).toBe(40001);
  });

  it('redelivers the very same request, reports what the receiver answered, and pushes tickets on a schedule', async () => {
    const first = await emu.openPlatform.pushTicket();
    answer = 'fail';
    const again = await emu.openPlatform.redeliver(first);
    expect(again).toMatchObject({ status: 200, answer: 'fail' });
    expect(received[1]?.body).toBe(received[0]?.body);
    expect(received[1]?.url.search).toBe(received[0]?.url.search);

    const seen: string[] = [];
    await new Promise<void>((resolve) => {
      emu.openPlatform.startSchedule(20, (delivery) => {
        seen.push(delivery.infoType);
        if (seen.length === 2) resolve();
      });
    });
    emu.openPlatform.stopSchedule();
    expect(seen).toEqual(['component_verify_ticket', 'component_verify_ticket']);
  });

  it('the single-account API keeps working: the default authorizer is authorized from the start', async () => {
    expect(emu.openPlatform.authorizers().find((a) => a.appid === emu.accounts.authorizer.appid)).toMatchObject({ authorized: true });
    expect(emu.tokens.refreshToken()).toBe(emu.accounts.authorizer.refreshToken);
    expect(emu.openPlatform.refreshToken(emu.accounts.authorizer.appid)).toBe(emu.accounts.authorizer.refreshToken);
  });
});
