import { HALF_SCREEN_ONLY, PLUGIN_ONLY } from '../../emulator';
import type { PushDelivery } from '../../emulator/open-platform/open-platform';
import { context } from './helpers/harness';
import { usePushHarness } from './helpers/httpAccess';

/**
 * An authorization push's code works once: exchanged, WeChat answers 61010 to it ever after, and
 * the refresh token it returned retires the account's previous one. So what the exchange returned
 * must not be lost when the registry write after it fails (docs/authorizer-lifecycle.md,
 * "Authorization pushes"). The emulated open platform pushes through the HTTP access service to
 * componentEvents; the emulated database's writes fail at the moment that matters.
 */
const REGISTRY = 'wx_authorizers';
const WRITES = ['database.insertDocument', 'database.modifyDocument'];
const QUERY_AUTH = '/cgi-bin/component/api_query_auth';
// On virtual time (docs/testing.md): the retries of a failing write inside the push's 5 s end on
// the functions' clock, never cut short by a slow machine.
const { h } = usePushHarness({ embeddedCount: 20, applicantCount: 20, virtualTime: true });

const record = (appid: string) => h.emu.db.collection(REGISTRY).get(`${h.emu.accounts.component.appid}:${appid}`);
const failRegistryWrites = (times: number) =>
  h.emu.inject({ kind: 'database', api: WRITES, collection: REGISTRY, cloudbaseError: { code: 'DATABASE_REQUEST_FAILED', message: 'write failed' }, times });

/** The very same push, delivered to another (fresh) instance of componentEvents. */
async function redeliverToAnotherInstance(delivery: PushDelivery) {
  h.asCaller('http');
  try {
    const event = { path: '/componentEvents', httpMethod: 'POST', headers: { 'content-type': 'text/xml' }, queryStringParameters: delivery.query, body: delivery.body, isBase64Encoded: false };
    return await h.loadFunction('componentEvents')(event, context(5000, 'componentEvents'));
  } finally {
    h.asCaller('admin');
  }
}

async function listsFor(appid: string) {
  return h.loadFunction('getOwnList')({ num: 2, authorizerAppid: appid }, context());
}

describe('an authorization push survives a failed registry write', () => {
  beforeEach(async () => {
    await h.emu.openPlatform.pushTicket();
  });

  it('the write fails once: it is tried again in the same delivery, which answers success', async () => {
    failRegistryWrites(1);
    expect(await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid)).toMatchObject({ status: 200, answer: 'success' });
    expect(record(HALF_SCREEN_ONLY.appid)).toMatchObject({ refreshToken: h.emu.openPlatform.refreshToken(HALF_SCREEN_ONLY.appid), funcIds: [1, 18], revoked: false });
    expect(await listsFor(HALF_SCREEN_ONLY.appid)).toMatchObject({ errCode: 0 });
  });

  it('every write of the first delivery fails: 500; WeChat\'s redelivery (the code now answers 61010) writes what the first exchange returned', async () => {
    failRegistryWrites(Infinity);
    const first = await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid);
    h.emu.clearFaults();
    expect(first.status).toBe(500);
    expect(record(HALF_SCREEN_ONLY.appid)).toBeUndefined();
    expect(await h.emu.openPlatform.redeliver(first)).toMatchObject({ status: 200, answer: 'success' });
    expect(h.emu.count({ api: QUERY_AUTH })).toBe(1); // not exchanged again: the instance kept its answer
    expect(record(HALF_SCREEN_ONLY.appid)).toMatchObject({ refreshToken: h.emu.openPlatform.refreshToken(HALF_SCREEN_ONLY.appid), funcIds: [1, 18], revoked: false, source: 'push' });
    expect(await listsFor(HALF_SCREEN_ONLY.appid)).toMatchObject({ errCode: 0 });
    // Delivered yet again: a duplicate, nothing changes.
    const before = JSON.stringify(record(HALF_SCREEN_ONLY.appid));
    expect(await h.emu.openPlatform.redeliver(first)).toMatchObject({ status: 200, answer: 'success' });
    expect(JSON.stringify(record(HALF_SCREEN_ONLY.appid))).toBe(before);
  });

  it('61010 for an account the registry already holds is done, in an instance that kept nothing; the instance that kept the grant writes it on its next push', async () => {
    expect(await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid)).toMatchObject({ status: 200, answer: 'success' });
    failRegistryWrites(Infinity);
    const again = await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid, { funcIds: [1, 18, 40] }); // updateauthorized
    h.emu.clearFaults();
    expect(again).toMatchObject({ infoType: 'updateauthorized', status: 500 });

    const elsewhere = await redeliverToAnotherInstance(again);
    expect(elsewhere).toMatchObject({ statusCode: 200, body: 'success' });
    expect(h.emu.count({ api: QUERY_AUTH })).toBe(3); // the first grant, the second, and the 61010

    // The instance that kept the second grant writes it before its next push (a ticket here).
    expect(await h.emu.openPlatform.pushTicket()).toMatchObject({ status: 200, answer: 'success' });
    expect(record(HALF_SCREEN_ONLY.appid)).toMatchObject({ refreshToken: h.emu.openPlatform.refreshToken(HALF_SCREEN_ONLY.appid), funcIds: [1, 18, 40] });
    expect(await listsFor(HALF_SCREEN_ONLY.appid)).toMatchObject({ errCode: 0 });
  });

  it('61010 for an account the registry does not hold is an error named in the catalog (WeChat delivers it again)', async () => {
    failRegistryWrites(Infinity);
    const first = await h.emu.openPlatform.authorize(PLUGIN_ONLY.appid);
    h.emu.clearFaults();
    expect(first.status).toBe(500);
    const elsewhere = await redeliverToAnotherInstance(first);
    expect(elsewhere).toMatchObject({ statusCode: 500, body: 'not stored: AUTHORIZATION_CODE_INVALID' });
  });
});
