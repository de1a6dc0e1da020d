import { startEmulator, type Emulator } from '../../emulator';
import { getJson, stableToken } from './helpers/wechat-http';
import { loadCloud, sdkFailure, useEmulatorEnv, type WxCloud } from './helpers/wx-sdk';

// What the emulated platform delivers to people (WeCom robot, subscribe messages) and how its
// lists change over time.
let emu: Emulator;
let cloud: WxCloud;

beforeAll(async () => {
  emu = await startEmulator({ applicantCount: 30, embeddedCount: 30, wecomRobotKeys: ['robot-key-under-test-0001'] });
  cloud = loadCloud(emu);
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  useEmulatorEnv(emu);
});

const post = async (url: string, body: unknown) => (await fetch(url, { method: 'POST', body: JSON.stringify(body) })).json() as Promise<{ errcode: number; errmsg: string }>;
const markdown = (content: string) => ({ msgtype: 'markdown', markdown: { content } });

describe('the WeCom group robot', () => {
  test('takes a markdown message with its key, and keeps it', async () => {
    expect(emu.outbound.wecomWebhookUrl).toMatch(/\/cgi-bin\/webhook\/send\?key=robot-key-under-test-0001$/);
    await expect(post(emu.outbound.wecomWebhookUrl, markdown('**hello**'))).resolves.toEqual({ errcode: 0, errmsg: 'ok' });
    expect(emu.outbound.wecom).toEqual([expect.objectContaining({ msgtype: 'markdown', content: '**hello**' })]);
    // The key is a credential: the call log masks it.
    expect(emu.calls.at(-1)?.query).toEqual({ key: '***' });
  });

  test('refuses an unknown key (93000), a body over 4096 bytes (40058), and a 21st message in a minute (45009)', async () => {
    await expect(post(emu.outbound.wecomWebhookUrl.replace('0001', '0002'), markdown('x'))).resolves.toMatchObject({ errcode: 93000 });
    await expect(post(emu.outbound.wecomWebhookUrl, markdown('字'.repeat(1366)))).resolves.toMatchObject({ errcode: 40058 });
    for (let i = 0; i < 20; i++) await expect(post(emu.outbound.wecomWebhookUrl, markdown(`m${i}`))).resolves.toMatchObject({ errcode: 0 });
    await expect(post(emu.outbound.wecomWebhookUrl, markdown('one too many'))).resolves.toMatchObject({ errcode: 45009 });
    emu.clock.advance(61);
    await expect(post(emu.outbound.wecomWebhookUrl, markdown('next minute'))).resolves.toMatchObject({ errcode: 0 });
    expect(emu.outbound.wecom).toHaveLength(21);
  });
});

describe('subscribeMessage.send on the cloud path', () => {
  test('answers ok through the unmodified SDK and keeps the message', async () => {
    const data = { thing1: { value: '插件申请有1项变化' }, number2: { value: '1' } };
    const result = await cloud.openapi.subscribeMessage.send({ touser: 'oAdmin', templateId: 'tmpl-1', page: 'pages/admin/index', data, miniprogramState: 'formal' });
    expect(result.errCode).toBe(0);
    expect(emu.outbound.subscribe).toEqual([expect.objectContaining({ touser: 'oAdmin', templateId: 'tmpl-1', page: 'pages/admin/index', data })]);
  });

  test('names a missing openid (40003) and needs the token every cloud call needs (-501007)', async () => {
    const missing = await sdkFailure(cloud.openapi.subscribeMessage.send({ templateId: 'tmpl-1', data: {} }));
    expect(missing.errCode).toBe(40003);
    useEmulatorEnv(emu, { wxApiToken: null });
    const noToken = await sdkFailure(cloud.openapi.subscribeMessage.send({ touser: 'oAdmin', templateId: 'tmpl-1', data: {} }));
    expect(noToken.errCode).toBe(-501007);
    expect(emu.outbound.subscribe).toHaveLength(0);
  });
});

describe('the lists changing over time', () => {
  test('a step adds applicants and authorizations, times out the oldest pending, withdraws an approved one; the endpoints serve it', async () => {
    emu.evolve.setPace({ newApplicants: 2, newAuthorizations: 1, expire: 1, withdraw: 1 });
    const oldestPending = [...emu.data.applicants].filter((a) => Number(a.status) === 1).sort((a, b) => Number(a.create_time) - Number(b.create_time))[0]!;
    const [step] = emu.evolve.step();
    expect(step).toMatchObject({ step: 1, expiredApplicants: [oldestPending.appid] });
    expect(step!.newApplicants).toHaveLength(2);
    expect(step!.withdrawnAuthorizations).toHaveLength(1);
    const page = await cloud.openapi.pluginManager.getPluginDevApplyList({ action: 'dev_apply_list', page: 1, num: 100 });
    expect(page.applyList).toHaveLength(32);
    expect(page.applyList.find((a: { appid: string }) => a.appid === oldestPending.appid).status).toBe(4);
    const withdrawn = emu.data.embedded.find((e) => e.appid === step!.withdrawnAuthorizations[0]);
    expect(Number(withdrawn!.status)).toBe(5);
  });

  test('a step decides this account\'s oldest pending application to embed another (get_list): approved, refused, timed out in turn', async () => {
    emu.evolve.setPace({ newApplicants: 0, newAuthorizations: 0, expire: 0, withdraw: 0, decideApplications: 1 });
    for (const [index, record] of emu.data.embedding.entries()) {
      record.status = 1;
      record.create_time = 1_700_000_000 + index;
    }
    const decided = emu.evolve.step(4).map((s) => s.decidedApplications);
    const appids = emu.data.embedding.map((r) => String(r.appid));
    expect(decided).toEqual([[{ appid: appids[0], status: 2 }], [{ appid: appids[1], status: 3 }], [{ appid: appids[2], status: 4 }], []]);
    const answer = (await getJson(emu, '/wxaapi/wxaembedded/get_list', { access_token: await stableToken(emu), start: 0, num: 10 })) as { wxa_embedded_list: Array<{ status: number }> };
    expect(answer.wxa_embedded_list.map((r) => r.status)).toEqual([2, 3, 4]);
  });

  test('steps on its own at the pace set, until stopped', async () => {
    emu.evolve.setPace({ intervalMs: 20, newApplicants: 1 });
    const before = emu.data.applicants.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    emu.evolve.stop();
    const grown = emu.data.applicants.length;
    expect(grown).toBeGreaterThan(before);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(emu.data.applicants.length).toBe(grown);
  });
});
