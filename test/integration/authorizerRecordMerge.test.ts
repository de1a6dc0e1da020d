import { createHash } from 'node:crypto';
import { context, useHarness } from './helpers/harness';

/**
 * A deployment that ran the former code holds an authorizer's refresh token in two places: its
 * registry record (no `generation`) and the token collection's carried copy
 * (`authorizer:<component>:<authorizer>` in wx_tokens), each written on its own. The first call of
 * the new code merges them into the one record, taking the newer refresh token: the call and the
 * ones after it must reach WeChat with the token WeChat holds now (docs/authorizer-lifecycle.md).
 */
const REGISTRY = 'wx_authorizers';
const h = useHarness({ embeddedCount: 20, applicantCount: 20 }, (harness) => {
  harness.asCaller('admin');
  harness.configure(harness.componentVars());
});

const component = () => h.emu.accounts.component.appid;
const appid = () => h.emu.accounts.authorizer.appid;
const id = () => `${component()}:${appid()}`;
const fingerprint = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 16);

async function post(path: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const response = await fetch(`${h.emu.wechatBaseUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
  return (await response.json()) as Record<string, any>;
}

/** What WeChat answers a refresh with `refreshToken`: the next refresh token (the emulator rotates). */
async function rotate(refreshToken: string): Promise<string> {
  const { component_access_token: componentToken } = await post('/cgi-bin/component/api_component_token', {
    component_appid: component(), component_appsecret: h.emu.accounts.component.secret, component_verify_ticket: h.emu.tokens.verifyTicket(),
  });
  const answer = await post(`/cgi-bin/component/api_authorizer_token?component_access_token=${componentToken}`, {
    component_appid: component(), authorizer_appid: appid(), authorizer_refresh_token: refreshToken,
  });
  expect(answer.authorizer_refresh_token).toEqual(expect.any(String));
  return answer.authorizer_refresh_token as string;
}

function formerRecord(refreshToken: string, updatedAt: number): void {
  h.emu.db.collection(REGISTRY).set(id(), {
    _id: id(), componentAppid: component(), authorizerAppid: appid(), refreshToken, funcIds: [1, 18, 40], authorizedAt: 1, revoked: false,
    lastEventAt: 1, source: 'push', updatedAt,
  });
}

function formerCarriedCopy(carry: Record<string, string>, updatedAt: number): void {
  const key = `authorizer:${id()}`;
  h.emu.db.collection('wx_tokens').set(key, { _id: key, token: 'expired-former-access-token', expiresAt: 1, refreshAt: 1, carry, rejected: false, leaseUntil: 0, updatedAt });
}

async function callsSucceed(): Promise<void> {
  expect(await h.loadFunction('getOwnList')({ num: 2 }, context())).toMatchObject({ errCode: 0 });
  expect(h.emu.db.collection(REGISTRY).get(id())).toMatchObject({ generation: expect.any(Number), refreshToken: h.emu.tokens.refreshToken() });
  h.emu.clock.advance(7300);
  expect(await h.loadFunction('getOwnList')({ num: 2 }, context())).toMatchObject({ errCode: 0 });
  expect(h.emu.db.collection(REGISTRY).get(id())?.refreshToken).toBe(h.emu.tokens.refreshToken());
}

describe('records of the former shape are merged with the carried copy, newest refresh token first', () => {
  it('the registry\'s save of a rotated token had failed: the carried copy (saved later) is the newer one', async () => {
    const seed = h.emu.accounts.authorizer.refreshToken;
    h.configure({ ...h.componentVars(), AUTHORIZER_REFRESH_TOKEN: undefined });
    const rotated = await rotate(seed);
    formerRecord(seed, 1_000);
    formerCarriedCopy({ refreshToken: rotated }, 2_000);
    await callsSucceed();
  });

  it('the record was written after the carried copy (a new authorization): the record\'s token is the newer one', async () => {
    h.configure({ ...h.componentVars(), AUTHORIZER_REFRESH_TOKEN: undefined });
    const carried = await rotate(h.emu.accounts.authorizer.refreshToken);
    const newer = await rotate(carried);
    formerCarriedCopy({ refreshToken: carried }, 2_000);
    formerRecord(newer, 3_000);
    await callsSucceed();
  });

  it('the configured account kept its rotated token only in the carried copy, tagged with its seed\'s fingerprint', async () => {
    const seed = h.emu.accounts.authorizer.refreshToken;
    const rotated = await rotate(seed);
    formerCarriedCopy({ refreshToken: rotated, refreshOrigin: fingerprint(seed) }, 2_000);
    await callsSucceed();
    expect(h.emu.db.collection(REGISTRY).get(id())).toMatchObject({ source: 'environment' });
  });
});
