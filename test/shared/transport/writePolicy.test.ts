import { createError, LOCAL } from '../../../shared/errors';
import { Deadline } from '../../../shared/core/deadline';
import { answerMayBeLost, WRITE_RETRY_POLICY } from '../../../shared/transport/retryPolicy';
import { sendRequest } from '../../../shared/transport/sendRequest';
import type { ApiRequest, Transport } from '../../../shared/transport/types';

const write: ApiRequest = { api: { name: 'setDevPluginApplyStatus', cloudApi: 'pluginManager.setDevPluginApplyStatus' }, params: { action: 'dev_agree', appid: 'wx0123456789abcdef' } };

function failingWith(code: number): Transport & { calls: number } {
  const t = {
    via: 'cloud' as const,
    calls: 0,
    async send(): Promise<unknown> {
      t.calls += 1;
      throw createError(code);
    },
  };
  return t;
}

describe('the write retry policy', () => {
  it.each([-1, 89408, LOCAL.NETWORK_ERROR, LOCAL.ATTEMPT_TIMEOUT, LOCAL.UPSTREAM_HTTP_ERROR, 89240, 40097])(
    'sends a write once, never backing off, whatever fails (%i)',
    async (code) => {
      const transport = failingWith(code);
      const slept: number[] = [];
      const error = await sendRequest(transport, write, new Deadline(Date.now() + 60_000), { policy: WRITE_RETRY_POLICY, sleep: async (ms) => void slept.push(ms) }).catch((e: unknown) => e);
      expect(transport.calls).toBe(1);
      expect(slept).toEqual([]);
      expect((error as { code: number }).code).toBe(code);
    },
  );

  it('calls an answer possibly lost only for transient failures and deadline cut-offs, never for WeChat\'s own answers', () => {
    for (const code of [-1, 89408, LOCAL.NETWORK_ERROR, LOCAL.ATTEMPT_TIMEOUT, LOCAL.UPSTREAM_HTTP_ERROR, LOCAL.UPSTREAM_NOT_JSON, LOCAL.DEADLINE_EXCEEDED]) {
      expect(answerMayBeLost(createError(code))).toBe(true);
    }
    for (const code of [89240, 89241, 89242, 89243, 89422, 89417, 40001, 45009, -604101, -501007, LOCAL.INVALID_EVENT]) {
      expect(answerMayBeLost(createError(code))).toBe(false);
    }
  });
});
