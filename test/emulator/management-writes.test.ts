import { startEmulator, type Emulator } from '../../emulator';
import { getJson, postJson, stableToken } from './helpers/wechat-http';
import { loadCloud, sdkFailure, useEmulatorEnv, type WxCloud } from './helpers/wx-sdk';

// The emulator keeps state: applicants and half-screen authorizations change when acted on,
// with the platform's rules (002 error table; the embedded-management documents).
let emu: Emulator;
let cloud: WxCloud;
let token: string;

beforeAll(async () => {
  emu = await startEmulator({ applicantCount: 60, embeddedCount: 60 });
  cloud = loadCloud(emu);
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  emu.reset();
  useEmulatorEnv(emu);
  token = await stableToken(emu);
});

const withStatus = (list: ReadonlyArray<Record<string, unknown>>, status: number) =>
  list.filter((r) => Number(r.status) === status && /^wx[0-9a-f]{16}$/.test(String(r.appid))).map((r) => String(r.appid));
const devplugin = (body: Record<string, unknown>) => postJson(emu, '/wxa/devplugin', body, { access_token: token });
const statusOf = (appid: string) => emu.data.applicants.find((a) => a.appid === appid)?.status;

describe('/wxa/devplugin writes', () => {
  test('dev_agree approves a pending applicant once; a second time is 89240', async () => {
    const [appid] = withStatus(emu.data.applicants, 1);
    expect(await devplugin({ action: 'dev_agree', appid })).toMatchObject({ errcode: 0 });
    expect(statusOf(appid!)).toBe(2);
    expect((await devplugin({ action: 'dev_agree', appid })).errcode).toBe(89240);
    const listed = await devplugin({ action: 'dev_apply_list', page: 1, num: 100 });
    expect((listed.apply_list as Array<Record<string, unknown>>).find((a) => a.appid === appid)?.status).toBe(2);
  });

  test('dev_refuse needs a pending applicant and a reason', async () => {
    const [pending] = withStatus(emu.data.applicants, 1);
    const [approved] = withStatus(emu.data.applicants, 2);
    expect((await devplugin({ action: 'dev_refuse', appid: pending })).errcode).toBe(40097);
    expect((await devplugin({ action: 'dev_refuse', appid: approved, reason: 'no' })).errcode).toBe(89240);
    expect((await devplugin({ action: 'dev_refuse', appid: pending, reason: 'no' })).errcode).toBe(0);
    expect(statusOf(pending!)).toBe(3);
  });

  test('dev_delete removes only rejected or expired applicants: 89243 pending, 89241 approved, 89242 unknown', async () => {
    const [pending] = withStatus(emu.data.applicants, 1);
    const [approved] = withStatus(emu.data.applicants, 2);
    const [rejected] = withStatus(emu.data.applicants, 3);
    const [expired] = withStatus(emu.data.applicants, 4);
    expect((await devplugin({ action: 'dev_delete', appid: pending })).errcode).toBe(89243);
    expect((await devplugin({ action: 'dev_delete', appid: approved })).errcode).toBe(89241);
    expect((await devplugin({ action: 'dev_delete', appid: rejected })).errcode).toBe(0);
    expect((await devplugin({ action: 'dev_delete', appid: expired })).errcode).toBe(0);
    expect(statusOf(rejected!)).toBeUndefined();
    expect((await devplugin({ action: 'dev_delete', appid: rejected })).errcode).toBe(89242);
  });

  test('the cloud path answers pluginManager.setDevPluginApplyStatus with the same state', async () => {
    const [appid] = withStatus(emu.data.applicants, 1);
    const result = await cloud.openapi.pluginManager.setDevPluginApplyStatus({ action: 'dev_agree', appid });
    expect(result.errCode).toBe(0);
    expect(statusOf(appid!)).toBe(2);
    const again = await sdkFailure(cloud.openapi.pluginManager.setDevPluginApplyStatus({ action: 'dev_agree', appid }));
    expect(again.errCode).toBe(89240);
    expect(emu.calls.filter((c) => c.api === 'pluginManager.setDevPluginApplyStatus').map((c) => c.params)).toEqual([
      { action: 'dev_agree', appid },
      { action: 'dev_agree', appid },
    ]);
  });

  test('an applyThenDrop fault applies the write and loses the answer', async () => {
    const [appid] = withStatus(emu.data.applicants, 1);
    emu.inject({ api: '/wxa/devplugin', applyThenDrop: true });
    await expect(devplugin({ action: 'dev_agree', appid })).rejects.toThrow();
    expect(statusOf(appid!)).toBe(2);
  });
});

describe('/wxaapi/wxaembedded writes', () => {
  const post = (name: string, body: Record<string, unknown>) => postJson(emu, `/wxaapi/wxaembedded/${name}`, body, { access_token: token });

  test('set_authorize changes the mode, and later requests are decided by it', async () => {
    expect((await post('set_authorize', { flag: 3 })).errcode).toBe(89417);
    for (const [flag, status] of [[1, 2], [2, 3], [0, 1]] as const) {
      expect((await post('set_authorize', { flag })).errcode).toBe(0);
      expect(emu.data.embeddedFlag).toBe(flag);
      const own = await getJson(emu, '/wxaapi/wxaembedded/get_own_list', { access_token: token, start: 0, num: 1 });
      expect(own.embedded_flag).toBe(flag);
      const appid = `wx${String(flag).repeat(16)}`;
      expect(emu.receiveEmbeddingRequest(appid, '看物流')).toMatchObject({ appid, status });
    }
  });

  test('del_authorize turns an approved authorization into status 6; flag alone is 89416', async () => {
    const [approved] = withStatus(emu.data.embedded, 2);
    expect((await post('del_authorize', { flag: 1 })).errcode).toBe(89416);
    expect((await post('del_authorize', { appid: approved })).errcode).toBe(0);
    expect(Number(emu.data.embedded.find((r) => r.appid === approved)?.status)).toBe(6);
    expect((await post('del_authorize', { appid: approved })).errcode).toBe(89422);
    expect((await post('del_authorize', { appid: 'wx0000000000000000' })).errcode).toBe(89421);
  });

  test('add_embedded / del_embedded change get_list; bad appids and long reasons are refused', async () => {
    const appid = 'wxabcdefabcdefabcd';
    expect((await post('add_embedded', { appid: '' })).errcode).toBe(89411);
    expect((await post('add_embedded', { appid: 'nope' })).errcode).toBe(89410);
    expect((await post('add_embedded', { appid, apply_reason: '长'.repeat(31) })).errcode).toBe(89412);
    expect((await post('add_embedded', { appid, apply_reason: '长'.repeat(30) })).errcode).toBe(0);
    expect((await post('add_embedded', { appid })).errcode).toBe(89428);
    const listed = await getJson(emu, '/wxaapi/wxaembedded/get_list', { access_token: token, start: 0, num: 10 });
    expect((listed.wxa_embedded_list as Array<Record<string, unknown>>).map((r) => r.appid)).toContain(appid);
    expect((await post('del_embedded', { appid })).errcode).toBe(0);
    expect((await post('del_embedded', { appid })).errcode).toBe(89421);
    expect((await post('del_embedded', {})).errcode).toBe(89415);
  });
});
