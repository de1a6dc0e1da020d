import { createError, LOCAL, WxError } from '../../../shared/errors';
import { Deadline } from '../../../shared/core/deadline';
import { backoffDelay, DEFAULT_RETRY_POLICY } from '../../../shared/transport/retryPolicy';
import { sendRequest } from '../../../shared/transport/sendRequest';
import type { ApiRequest, Transport } from '../../../shared/transport/types';

const request: ApiRequest = { api: { name: 'getPluginDevApplyList', cloudApi: 'pluginManager.getPluginDevApplyList' }, params: { page: 1 } };

/** A transport that fails with the given codes in turn, then answers. */
function scripted(codes: number[]): Transport & { calls: number } {
  const t = {
    via: 'cloud' as const,
    calls: 0,
    async send() {
      const code = codes[t.calls++];
      if (code !== undefined) throw createError(code);
      return { applyList: [] };
    },
  };
  return t;
}

/** A clock that only moves when the sender sleeps, so the test is exact on any machine. */
function virtualTime(budgetMs: number) {
  let now = 0;
  const slept: number[] = [];
  return {
    deadline: new Deadline(budgetMs, () => now),
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    slept,
  };
}

describe('sendRequest', () => {
  it('retries transient codes with growing, jittered backoff and returns the answer', async () => {
    const t = scripted([-1, -604103, 89408]);
    const time = virtualTime(10_000);
    const reply = await sendRequest(t, request, time.deadline, { sleep: time.sleep, random: () => 0.5 });
    expect(reply).toEqual({ body: { applyList: [] }, via: 'cloud', attempts: 4 });
    expect(time.slept).toEqual([75, 150, 300]);
  });

  it.each([89409, 45009, -604101, 89239, 40001, LOCAL.INTERNAL, 777777])('never retries %i', async (code) => {
    const t = scripted([code]);
    const time = virtualTime(10_000);
    await expect(sendRequest(t, request, time.deadline, { sleep: time.sleep })).rejects.toMatchObject({ code });
    expect(t.calls).toBe(1);
  });

  it('stops after maxAttempts and returns the last transient error', async () => {
    const t = scripted([-1, -1, -1, -1, -1]);
    const time = virtualTime(60_000);
    await expect(sendRequest(t, request, time.deadline, { sleep: time.sleep })).rejects.toMatchObject({ code: -1 });
    expect(t.calls).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
  });

  it('does not start a retry the deadline leaves no room for, and says so', async () => {
    const t = scripted([-1, -1, -1]);
    const time = virtualTime(250);
    const error = (await sendRequest(t, request, time.deadline, { sleep: time.sleep, random: () => 1 }).catch((e) => e)) as WxError;
    expect(error.code).toBe(LOCAL.DEADLINE_EXCEEDED);
    expect(error.body.cause?.code).toBe(-1);
    expect(t.calls).toBe(1);
  });

  it('keeps jitter within [step/2, step] and caps the step', () => {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const step = Math.min(2000, 100 * 2 ** (attempt - 1));
      expect(backoffDelay(DEFAULT_RETRY_POLICY, attempt, () => 0)).toBe(step / 2);
      expect(backoffDelay(DEFAULT_RETRY_POLICY, attempt, () => 1)).toBe(step);
    }
  });
});
