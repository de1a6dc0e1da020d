import { Deadline } from '../../../shared/core/deadline';
import type { CloudSdk } from '../../../shared/cloud/sdk';
import { LOCAL, type WxError } from '../../../shared/errors';
import { createCloudTransport } from '../../../shared/transport/cloudTransport';

const request = { api: { name: 'getPluginDevApplyList', cloudApi: 'pluginManager.getPluginDevApplyList' }, params: { page: 1 } };
const state = { attempt: 1, tokenRefreshed: false };
const sdkAnswering = (answer: () => Promise<unknown>) => () => ({ openapi: { pluginManager: { getPluginDevApplyList: answer } } }) as unknown as CloudSdk;

describe('the cloud transport and answers nested past any real one', () => {
  it('refuses an answer the SDK parsed but that is nested 20,000 deep, naming where', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    const transport = createCloudTransport({ sdk: sdkAnswering(async () => ({ errCode: 0, applyList: [{ extra: deep }] })) });
    const error = (await transport.send(request, new Deadline(Date.now() + 10_000), state).catch((e) => e)) as WxError;
    expect(error.code).toBe(LOCAL.UPSTREAM_INVALID_BODY);
    expect(error.retry).toBe('never');
    expect(error.body.issues?.[0]?.field).toMatch(/^body\.applyList\[0\]\.extra\.a\.a/);
  });

  it("names the SDK's own stack overflow on such an answer as the answer's fault, not INTERNAL", async () => {
    const transport = createCloudTransport({ sdk: sdkAnswering(async () => { throw new RangeError('Maximum call stack size exceeded'); }) });
    const error = (await transport.send(request, new Deadline(Date.now() + 10_000), state).catch((e) => e)) as WxError;
    expect(error.code).toBe(LOCAL.UPSTREAM_INVALID_BODY);
    expect(error.body.detail).toMatch(/nested too deeply for wx-server-sdk to read/);
  });
});
