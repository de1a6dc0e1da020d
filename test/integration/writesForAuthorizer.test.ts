import { HALF_SCREEN_ONLY, PLUGIN_ONLY } from '../../emulator';
import { context } from './helpers/harness';
import { usePushHarness } from './helpers/httpAccess';

/**
 * Writes for an authorizer (docs/third-party.md, "Acting for an account"): a third-party platform
 * approves applicants and revokes half-screen authorizations for whichever account authorized it,
 * named by `authorizerAppid`, with that account's own token (no AUTHORIZER_* variables), and an
 * account that did not grant the set a write needs is refused before any WeChat call.
 */
const { h } = usePushHarness({ embeddedCount: 40, applicantCount: 40 });

const withStatus = (list: ReadonlyArray<Record<string, unknown>>, status: number) =>
  list.filter((item) => Number(item.status) === status && /^wx[0-9a-f]{16}$/.test(String(item.appid))).map((item) => item.appid as string);
const wechatCalls = () => h.emu.calls.filter((c) => c.kind === 'https' && !c.api.startsWith('/cgi-bin/')).length;

describe('writes for a named authorizer', () => {
  it('setDevPluginApplyStatus approves over HTTPS with the named plugin account\'s token', async () => {
    await h.emu.openPlatform.pushTicket();
    await h.emu.openPlatform.authorize(PLUGIN_ONLY.appid);
    const [pending] = withStatus(h.emu.data.applicants, 1);
    const result = await h.loadFunction('setDevPluginApplyStatus')({ action: 'dev_agree', appid: pending, authorizerAppid: PLUGIN_ONLY.appid }, context());
    expect(result).toMatchObject({ errCode: 0, via: 'https', outcomes: [{ appid: pending, outcome: 'changed' }] });
    expect(withStatus(h.emu.data.applicants, 2)).toContain(pending);
    const sent = h.emu.calls.find((c) => c.api === '/wxa/devplugin');
    expect(sent?.params).toEqual({ action: 'dev_agree', appid: pending });
  });

  it('manageEmbedded revokes for the named half-screen account', async () => {
    await h.emu.openPlatform.pushTicket();
    await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid);
    const [approved] = withStatus(h.emu.data.embedded, 2);
    const result = await h.loadFunction('manageEmbedded')({ action: 'del_authorize', appid: approved, authorizerAppid: HALF_SCREEN_ONLY.appid }, context());
    expect(result).toMatchObject({ errCode: 0, outcomes: [{ appid: approved, outcome: 'changed' }] });
    expect(withStatus(h.emu.data.embedded, 6)).toContain(approved);
  });

  it('an account without the set a write needs is refused with its own code and no WeChat call', async () => {
    await h.emu.openPlatform.pushTicket();
    await h.emu.openPlatform.authorize(HALF_SCREEN_ONLY.appid);
    const before = wechatCalls();
    const [pending] = withStatus(h.emu.data.applicants, 1);
    const result = await h.loadFunction('setDevPluginApplyStatus')({ action: 'dev_agree', appid: pending, authorizerAppid: HALF_SCREEN_ONLY.appid }, context());
    expect(result).toMatchObject({ errCode: -910022 });
    expect(wechatCalls()).toBe(before);
    expect(withStatus(h.emu.data.applicants, 1)).toContain(pending);
  });
});
