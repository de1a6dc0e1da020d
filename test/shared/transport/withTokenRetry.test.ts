import { createError } from '../../../shared/errors';
import { Deadline } from '../../../shared/core/deadline';
import type { TokenSource } from '../../../shared/transport/tokenSource';
import { withTokenRetry } from '../../../shared/transport/withTokenRetry';

function source(): TokenSource & { invalidated: string[] } {
  let n = 1;
  const s = {
    kind: 'stable' as const,
    refreshable: true,
    invalidated: [] as string[],
    getToken: async () => `token-${n}`,
    invalidate: async (t: string) => {
      s.invalidated.push(t);
      n += 1;
    },
  };
  return s;
}
const deadline = () => new Deadline(Date.now() + 10_000);

describe('withTokenRetry', () => {
  it('replaces a rejected token and calls once more', async () => {
    const tokens = source();
    const used: string[] = [];
    const result = await withTokenRetry(tokens, deadline(), async (t) => {
      used.push(t);
      if (t === 'token-1') throw createError(42001);
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(used).toEqual(['token-1', 'token-2']);
    expect(tokens.invalidated).toEqual(['token-1']);
  });

  it('never calls a third time', async () => {
    const tokens = source();
    let calls = 0;
    await expect(withTokenRetry(tokens, deadline(), async () => {
      calls += 1;
      throw createError(40001);
    })).rejects.toMatchObject({ code: 40001 });
    expect(calls).toBe(2);
  });

  it('passes other errors on at once, and respects a refused retry', async () => {
    const tokens = source();
    await expect(withTokenRetry(tokens, deadline(), async () => { throw createError(89409); })).rejects.toMatchObject({ code: 89409 });
    await expect(withTokenRetry(tokens, deadline(), async () => { throw createError(40014); }, () => false)).rejects.toMatchObject({ code: 40014 });
    expect(tokens.invalidated).toEqual([]);
  });
});
