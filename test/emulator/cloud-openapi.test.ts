import { APPLICANT_BIG_INTEGER_INDEX, DOCUMENT_EXAMPLE_APPLICANT, startEmulator, type Emulator } from '../../emulator';
import { loadCloud, sdkFailure, useEmulatorEnv, type WxCloud } from './helpers/wx-sdk';

// The unmodified wx-server-sdk 4.0.2 against the emulator's cloud path (POST /admin, wx.openApi).
const API = 'pluginManager.getPluginDevApplyList';

let emu: Emulator;
let cloud: WxCloud;

beforeAll(async () => {
  emu = await startEmulator({ applicantCount: 1234 });
  cloud = loadCloud(emu);
});

afterAll(async () => {
  await emu.close();
});

beforeEach(() => {
  emu.reset();
  useEmulatorEnv(emu);
});

const list = (page: number, num: number) =>
  cloud.openapi.pluginManager.getPluginDevApplyList({ action: 'dev_apply_list', page, num });

describe('plugin applicants over the cloud path', () => {
  test('the document example is the first applicant, camelCased by the SDK', async () => {
    const result = await list(1, 10);
    expect(result.errCode).toBe(0);
    expect(result.errMsg).toBe('openapi.pluginManager.getPluginDevApplyList:ok');
    expect(result.applyList).toHaveLength(10);
    expect(result.applyList[0]).toEqual({
      appid: 'xxxxxxxxxxxxx',
      status: 1,
      nickname: '名称',
      headimgurl: '**********',
      reason: 'polo has gone',
      applyUrl: '*******',
      createTime: '1536305096',
      categories: [{ first: 'IT科技', second: '硬件与设备' }],
    });
  });

  test('convertCase:false returns the snake_case body the platform sent', async () => {
    const result = await cloud.openapi({ convertCase: false }).pluginManager.getPluginDevApplyList({ action: 'dev_apply_list', page: 1, num: 1 });
    expect(result.apply_list[0]).toEqual(DOCUMENT_EXAMPLE_APPLICANT);
  });

  test('paging visits every applicant exactly once, then an empty page', async () => {
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const result = await list(page, 500);
      if (result.applyList.length === 0) break;
      seen.push(...result.applyList.map((item: { appid: string }) => item.appid));
    }
    expect(seen).toEqual(emu.data.applicants.map((item) => item.appid));
    expect(new Set(seen).size).toBe(1234);
  });

  test('the integer beyond 2^53 arrives through json-bigint', async () => {
    const raw = await cloud.openapi({ convertCase: false }).pluginManager.getPluginDevApplyList({ action: 'dev_apply_list', page: 1, num: 10 });
    const seq = raw.apply_list[APPLICANT_BIG_INTEGER_INDEX].apply_seq;
    // A BigNumber (bignumber.js, json-bigint's number type), not a lossy JS number.
    expect(seq.constructor.name).toBe('BigNumber');
    expect(seq.toFixed()).toBe('9007199254740993');
    expect(emu.data.applicants[APPLICANT_BIG_INTEGER_INDEX]?.apply_seq).toBe(9007199254740993n);
    // With case conversion on, the SDK's convertCase copies the BigNumber into a plain object.
    const converted = await list(1, 10);
    const copied = converted.applyList[APPLICANT_BIG_INTEGER_INDEX].applySeq;
    expect(copied.constructor).toBe(Object);
    expect(copied).toMatchObject({ s: 1, e: 15 });
  });

  test('bad parameters answer 40097, thrown by the SDK as CloudSDKError', async () => {
    const bad = await sdkFailure(list(1, 0));
    expect(bad.errCode).toBe(40097);
    expect(bad.errMsg).toMatch(/^openapi\.pluginManager\.getPluginDevApplyList:fail /);
    const wrongAction = await sdkFailure(cloud.openapi.pluginManager.getPluginDevApplyList({ action: 'dev_agree', page: 1, num: 1 }));
    expect(wrongAction.errCode).toBe(40097);
  });

  test('the call log names the api and records the decoded request and the token', async () => {
    await list(2, 3);
    expect(emu.calls).toHaveLength(1);
    expect(emu.calls[0]).toMatchObject({
      kind: 'openapi',
      api: API,
      wxCloudApiToken: true,
      params: { action: 'dev_apply_list', page: 2, num: 3 },
    });
    expect(emu.count({ kind: 'openapi', api: API })).toBe(1);
  });
});

describe('call sources and per-call env', () => {
  test('a console/timer call (no wxCloudApiToken) fails with -501007', async () => {
    useEmulatorEnv(emu, { wxApiToken: null });
    const error = await sdkFailure(list(1, 1));
    expect(error.errCode).toBe(-501007);
    expect(emu.calls[0]).toMatchObject({ kind: 'openapi', wxCloudApiToken: false });
    // The SDK reads env per request: switching back needs no re-init.
    useEmulatorEnv(emu);
    await expect(list(1, 1)).resolves.toMatchObject({ errCode: 0 });
  });

  test('switching TCB_CONTEXT_CNFG points the same SDK instance at another emulator', async () => {
    const other = await startEmulator({ applicantCount: 5 });
    try {
      useEmulatorEnv(other);
      const result = await list(1, 100);
      expect(result.applyList).toHaveLength(5);
      expect(other.count()).toBe(1);
      expect(emu.count()).toBe(0);
    } finally {
      await other.close();
      useEmulatorEnv(emu);
    }
  });

  test('an unknown api answers platform error -604100', async () => {
    const error = await sdkFailure(cloud.openapi.pluginManager.noSuchMethod({}));
    expect(error.errCode).toBe(-604100);
    expect(emu.calls[0]).toMatchObject({ kind: 'openapi', api: 'pluginManager.noSuchMethod' });
  });
});

describe('faults on the cloud path', () => {
  test.each([-604101, -604102, -604103, -604104])('platformErrorCode %i becomes CloudSDKError errCode', async (code) => {
    emu.inject({ api: API, platformErrorCode: code });
    const error = await sdkFailure(list(1, 1));
    expect(error.errCode).toBe(code);
    await expect(list(1, 1)).resolves.toMatchObject({ errCode: 0 });
  });

  test('a WeChat errcode inside respData is thrown with its errmsg', async () => {
    emu.inject({ kind: 'openapi', errcode: 89239, errmsg: '该插件不存在' });
    const error = await sdkFailure(list(1, 1));
    expect(error.errCode).toBe(89239);
    expect(error.errMsg).toContain('该插件不存在');
  });

  test('errcode -1 (system busy) is thrown too', async () => {
    emu.inject({ api: API, errcode: -1 });
    expect((await sdkFailure(list(1, 1))).errCode).toBe(-1);
  });

  test('a CloudBase JSON error maps through TCB_ERR_CODE', async () => {
    emu.inject({ api: API, cloudbaseError: { code: 'INVALID_PARAM', message: 'missing wxCloudApiToken' } });
    expect((await sdkFailure(list(1, 1))).errCode).toBe(-501007);
    emu.inject({ api: API, cloudbaseError: { code: 'SOMETHING_NEW', message: 'x' } });
    expect((await sdkFailure(list(1, 1))).errCode).toBe(-501001);
  });

  test('bytes that are neither protobuf nor JSON give the SDK system error', async () => {
    emu.inject({ api: API, malformed: true });
    const error = await sdkFailure(list(1, 1));
    expect(error.errCode).toBe(-601001);
    expect(error.errMsg).toContain('unknown wx response received');
  });

  test.each([
    ['drop', { drop: true }],
    ['truncated', { truncated: true }],
    ['httpStatus 502', { httpStatus: 502 }],
  ])('%s surfaces as an SDK error, and the next call works', async (_name, fault) => {
    emu.inject({ api: API, ...fault });
    const error = await sdkFailure(list(1, 1));
    expect(typeof error.errCode).toBe('number');
    expect(error.errCode).not.toBe(0);
    await expect(list(1, 1)).resolves.toMatchObject({ errCode: 0 });
  });

  test('latency delays the answer but does not change it; faults count down', async () => {
    emu.inject({ api: API, latencyMs: 50, times: 2 });
    await expect(list(1, 1)).resolves.toMatchObject({ errCode: 0 });
    await expect(list(1, 1)).resolves.toMatchObject({ errCode: 0 });
    emu.inject({ api: API, errcode: 45009, times: Infinity });
    expect((await sdkFailure(list(1, 1))).errCode).toBe(45009);
    expect((await sdkFailure(list(1, 1))).errCode).toBe(45009);
    emu.clearFaults();
    await expect(list(1, 1)).resolves.toMatchObject({ errCode: 0 });
  });

  test('a fault for another api does not match', async () => {
    emu.inject({ api: 'database.getDocument', cloudbaseError: { code: 'SYS_ERR', message: 'x' } });
    await expect(list(1, 1)).resolves.toMatchObject({ errCode: 0 });
  });
});
