import { HALF_SCREEN_ONLY, PLUGIN_ONLY, startEmulator, type Emulator } from '../../emulator';
import { demoEnvironment, startLocalCloud, type HttpAccessEntry, type LocalCloud } from '../../localcloud';
import { buildHttpEvent, httpResponseOf } from '../../localcloud/httpAccess';
import { buildIntoTempDist, REPO } from './helpers/builtRoot';

// The local cloud serves the BUILT componentEvents at its HTTP access path; the emulated open
// platform pushes to it; the built getOwnList then acts for the account that authorized.

let emulator: Emulator;
let cloud: LocalCloud;
let built: Awaited<ReturnType<typeof buildIntoTempDist>>;
const served: HttpAccessEntry[] = [];

beforeAll(async () => {
  built = await buildIntoTempDist();
  emulator = await startEmulator({ applicantCount: 20, embeddedCount: 30 });
  // As npm start runs it: no hand-copied ticket, the pushes bring it.
  const { COMPONENT_VERIFY_TICKET: _unused, ...env } = demoEnvironment(emulator);
  cloud = await startLocalCloud({ emulator, root: REPO, distDir: built.distDir, env, onHttpAccess: (entry) => served.push(entry) });
  emulator.openPlatform.setPushTarget(`${cloud.url}/componentEvents`);
}, 120_000);

afterAll(async () => {
  await cloud?.close();
  await emulator?.close();
  built?.remove();
});

describe('HTTP access service of the local cloud', () => {
  it('builds the platform\'s HTTP event and answers with the integration response', () => {
    const event = buildHttpEvent({
      method: 'post',
      url: new URL('http://127.0.0.1/componentEvents?timestamp=1&nonce=2'),
      headers: { 'content-type': 'text/xml', 'X-Custom': 'a' },
      body: Buffer.from('<xml/>'),
      envId: 'env-1',
      appId: 'wx7e1ab2c3d4e5f601',
    });
    expect(event).toMatchObject({
      path: '/componentEvents',
      httpMethod: 'POST',
      headers: { 'content-type': 'text/xml', 'x-custom': 'a' },
      queryStringParameters: { timestamp: '1', nonce: '2' },
      body: '<xml/>',
      isBase64Encoded: false,
      requestContext: { envId: 'env-1', appId: 'wx7e1ab2c3d4e5f601' },
    });
    const binary = buildHttpEvent({ method: 'POST', url: new URL('http://x/p'), headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 255]), envId: '', appId: '' });
    expect(binary).toMatchObject({ body: 'AP8=', isBase64Encoded: true });
    expect(httpResponseOf({ statusCode: 201, headers: { 'Content-Type': 'text/plain' }, body: 'ok' })).toMatchObject({ status: 201, headers: { 'content-type': 'text/plain' } });
    expect(httpResponseOf({ a: 1 }).body.toString()).toBe('{"a":1}');
  });

  it('a ticket and authorizations pushed to componentEvents are used by getOwnList and shown by listAuthorizers', async () => {
    expect(await emulator.openPlatform.pushTicket()).toMatchObject({ status: 200, answer: 'success' });
    expect(await emulator.openPlatform.authorize(HALF_SCREEN_ONLY.appid)).toMatchObject({ status: 200, answer: 'success' });
    expect(await emulator.openPlatform.authorize(PLUGIN_ONLY.appid)).toMatchObject({ status: 200, answer: 'success' });
    expect(served.map((s) => [s.function, s.status])).toEqual([['componentEvents', 200], ['componentEvents', 200], ['componentEvents', 200]]);

    const listed = await cloud.invoke('getOwnList', { num: 3, authorizerAppid: HALF_SCREEN_ONLY.appid }, { kind: 'admin' });
    expect(listed.result).toMatchObject({ errCode: 0, authorizerAppid: HALF_SCREEN_ONLY.appid, paging: { returned: 3 } });
    const refused = await cloud.invoke('getOwnList', { authorizerAppid: PLUGIN_ONLY.appid }, { kind: 'admin' });
    expect(refused.result).toMatchObject({ errCode: -910022 });

    const authorizers = await cloud.invoke('listAuthorizers', {}, { kind: 'console' });
    expect(authorizers.result).toMatchObject({ errCode: 0, total: 2 });
    // Nothing the console shows carries a refresh token or the message settings.
    const shown = JSON.stringify([listed, refused, authorizers]);
    for (const secret of [emulator.openPlatform.refreshToken(HALF_SCREEN_ONLY.appid), emulator.openPlatform.settings.encodingAesKey, emulator.tokens.verifyTicket()]) {
      expect(shown.includes(secret)).toBe(false);
    }
  });

  it('a bad push is answered 4xx by the function, and a GET 405', async () => {
    const sealed = emulator.openPlatform.seal({ InfoType: 'component_verify_ticket', ComponentVerifyTicket: 'x' });
    expect(await emulator.openPlatform.send({ ...sealed, query: { ...sealed.query, msg_signature: 'bad' } })).toMatchObject({ status: 401, answer: 'bad signature' });
    expect(await emulator.openPlatform.send(sealed, 'GET')).toMatchObject({ status: 405 });
  });
});
