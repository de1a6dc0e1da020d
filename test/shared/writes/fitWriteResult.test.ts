import { createError } from '../../../shared/errors';
import { fitWriteResult, TRIMMED_NOTE } from '../../../shared/writes/fitWriteResult';
import type { WriteOutcome } from '../../../shared/writes/types';

/**
 * The last guard of a write result over the size limit. Errors are bounded where they are built
 * (shared/errors/WxError.ts), so 100 outcomes no longer reach 1 MB through long upstream
 * messages (test/integration/writeFaults.test.ts); the guard itself still keeps every outcome.
 */
describe('fitWriteResult', () => {
  it('keeps every outcome and its error code, name, message, retryability and hint, without the texts', () => {
    const error = createError(89242, { upstreamMessage: 'u'.repeat(900), detail: 'd'.repeat(1900), cause: createError(-1) }).body;
    const outcomes: WriteOutcome[] = [
      { appid: 'wx0000000000000001', outcome: 'failed', sent: 1, error },
      { appid: 'wx0000000000000002', outcome: 'changed', sent: 1 },
    ];
    const fitted = fitWriteResult({ outcomes });
    expect(fitted.trimmed).toBe(TRIMMED_NOTE);
    expect(fitted.outcomes).toHaveLength(2);
    expect(fitted.outcomes?.[0]?.error).toEqual({ code: 89242, name: 'APPID_NOT_IN_APPLY_LIST', source: 'wechat', message: error.message, retryable: false, hint: error.hint });
    expect(fitted.outcomes?.[1]).toEqual(outcomes[1]);
  });
});
