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

describe('one retry budget per invocation and per upstream', () => {
  /** A transport whose every attempt fails with `code` after taking `attemptMs` of virtual time. */
  function failing(upstream: string, code: number, advance: (ms: number) => void = () => undefined, attemptMs = 0): Transport & { calls: number } {
    const t = {
      via: 'https' as const,
      upstream,
      calls: 0,
      async send(): Promise<unknown> {
        t.calls += 1;
        advance(attemptMs);
        throw createError(code);
      },
    };
    return t;
  }

  it('is shared by the requests of one invocation: an upstream given up is not asked again', async () => {
    const time = virtualTime(60_000);
    const down = scripted([-1, -1, -1, -1, -1]);
    await expect(sendRequest(down, request, time.deadline, { sleep: time.sleep })).rejects.toMatchObject({ code: -1 });
    expect(down.calls).toBe(4);
    const later = scripted([]);
    const refused = (await sendRequest(later, request, time.deadline.shortenedBy(100), { sleep: time.sleep }).catch((e) => e)) as WxError;
    expect(later.calls).toBe(0);
    expect(refused.code).toBe(-1);
    expect(refused.body.detail).toMatch(/^Not sent: cloud failed 4 time\(s\) in a row in this invocation and its 3 retries are spent/);
  });

  it('is restored whenever the upstream answers: it limits failures in a row, not blips spread over a run', async () => {
    const time = virtualTime(60_000);
    expect((await sendRequest(scripted([-1, -1]), request, time.deadline, { sleep: time.sleep })).attempts).toBe(3);
    expect((await sendRequest(scripted([-1, -1, -1]), request, time.deadline, { sleep: time.sleep })).attempts).toBe(4);
    // A definitive answer restores it too: the upstream is up.
    await expect(sendRequest(scripted([-1, -1, 89409]), request, time.deadline, { sleep: time.sleep })).rejects.toMatchObject({ code: 89409 });
    expect((await sendRequest(scripted([-1, -1, -1]), request, time.deadline, { sleep: time.sleep })).attempts).toBe(4);
  });

  it('is shared by requests failing at the same time: two of them are sent 4 times between them, not 8', async () => {
    const time = virtualTime(60_000);
    const a = scripted([-1, -1, -1, -1, -1]);
    const b = scripted([-1, -1, -1, -1, -1]);
    const settled = await Promise.allSettled([a, b].map((t) => sendRequest(t, request, time.deadline, { sleep: time.sleep })));
    expect(settled.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(a.calls + b.calls).toBe(4);
  });

  it('starts afresh with each invocation (a deadline not derived from the last one)', async () => {
    const first = virtualTime(60_000);
    await expect(sendRequest(scripted([-1, -1, -1, -1]), request, first.deadline, { sleep: first.sleep })).rejects.toMatchObject({ code: -1 });
    const second = virtualTime(60_000);
    const t = scripted([-1]);
    expect((await sendRequest(t, request, second.deadline, { sleep: second.sleep })).attempts).toBe(2);
  });

  it('keeps upstreams apart: a token endpoint given up leaves the API its own retries', async () => {
    const time = virtualTime(60_000);
    await expect(sendRequest(failing('token endpoint', -1), request, time.deadline, { sleep: time.sleep })).rejects.toMatchObject({ code: -1 });
    const api = scripted([-1, -1, -1]);
    expect((await sendRequest(api, request, time.deadline, { sleep: time.sleep })).attempts).toBe(4);
  });

  it("never retries another upstream's failure met inside an attempt: a hanging token endpoint costs 4 attempt timeouts, not 16", async () => {
    let now = 0;
    const deadline = new Deadline(60_000, () => now);
    const sleep = async (ms: number) => void (now += ms);
    const tokenEndpoint = failing('token endpoint', LOCAL.ATTEMPT_TIMEOUT, (ms) => (now += ms), 4000);
    const api: Transport & { calls: number } = {
      via: 'https',
      upstream: 'api',
      calls: 0,
      async send(_request, attemptDeadline) {
        api.calls += 1;
        try {
          await sendRequest(tokenEndpoint, request, attemptDeadline, { sleep, random: () => 0.5 });
        } catch (thrown) {
          // As callTokenEndpoint does: the wrapper inherits the token endpoint as its upstream.
          throw createError(LOCAL.TOKEN_PROVIDER_FAILED, { cause: thrown as WxError });
        }
        return {};
      },
    };
    const error = (await sendRequest(api, request, deadline, { sleep, random: () => 0.5 }).catch((e) => e)) as WxError;
    expect(error.code).toBe(LOCAL.TOKEN_PROVIDER_FAILED);
    expect(api.calls).toBe(1);
    expect(tokenEndpoint.calls).toBe(4);
    // 4 attempts of 4 s and the backoff between them (75 + 150 + 300 ms at the jitter's middle).
    expect(now).toBe(4 * 4000 + 75 + 150 + 300);
  });

  it('a one-attempt policy (writes) is sent even after the upstream was given up, and takes no retry', async () => {
    const time = virtualTime(60_000);
    await expect(sendRequest(scripted([-1, -1, -1, -1]), request, time.deadline, { sleep: time.sleep })).rejects.toMatchObject({ code: -1 });
    const write = scripted([]);
    await sendRequest(write, request, time.deadline, { sleep: time.sleep, policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 } });
    expect(write.calls).toBe(1);
  });
});
