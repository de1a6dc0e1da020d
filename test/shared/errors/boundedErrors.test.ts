import { createError, LOCAL } from '../../../shared/errors';
import { ERROR_TEXT_LIMITS, MAX_ISSUES } from '../../../shared/errors/WxError';
import { failEnvelope } from '../../../shared/handler/envelope';
import { registerSecret } from '../../../shared/secrets/redact';

describe('an error never carries more than short, marked excerpts', () => {
  it('cuts detail, upstream message and every issue text, and counts the issues it leaves out', () => {
    const issues = Array.from({ length: 1000 }, (_, i) => ({ field: `f${i}`.repeat(10_000), expected: 'e'.repeat(10_000), received: 'r'.repeat(10_000) }));
    const error = createError(LOCAL.INVALID_EVENT, { detail: 'd'.repeat(3_000_000), upstreamMessage: 'u'.repeat(3_000_000), issues });
    expect(error.body.detail!.length).toBeLessThan(ERROR_TEXT_LIMITS.detail + 60);
    expect(error.body.detail).toMatch(/… \(3,000,000 characters, cut\)$/);
    expect(error.body.upstreamMessage!.length).toBeLessThan(ERROR_TEXT_LIMITS.upstreamMessage + 60);
    expect(error.message.length).toBeLessThan(ERROR_TEXT_LIMITS.detail + 100);
    expect(error.body.issues).toHaveLength(MAX_ISSUES + 1);
    expect(error.body.issues![MAX_ISSUES]).toEqual({ field: '…', expected: '980 more issue(s), not listed' });
    expect(JSON.stringify(failEnvelope('f', error)).length).toBeLessThan(30_000);
  });

  it('redacts before it cuts, so half a secret is never left showing', () => {
    const secret = 'cut-me-in-half-secret-0123456789';
    registerSecret(secret);
    const detail = `${'x'.repeat(ERROR_TEXT_LIMITS.detail - 10)}${secret}`;
    const body = createError(LOCAL.INTERNAL, { detail, issues: [{ field: detail, expected: 'e' }] }).body;
    expect(body.detail).not.toContain(secret.slice(0, 10));
    expect(body.issues![0]!.field).not.toContain(secret.slice(0, 5));
  });

  it('keeps an envelope under the limit even for a chain of causes that adds up past it', () => {
    let error = createError(LOCAL.INTERNAL, { detail: 'x'.repeat(5000) });
    for (let i = 0; i < 1000; i++) error = createError(LOCAL.TOKEN_PROVIDER_FAILED, { detail: 'y'.repeat(5000), cause: error });
    const envelope = failEnvelope('f', error, 'req-1');
    expect(JSON.stringify(envelope).length).toBeLessThan(10_000);
    expect(envelope).toMatchObject({ errCode: LOCAL.TOKEN_PROVIDER_FAILED, requestId: 'req-1', error: { name: 'TOKEN_PROVIDER_FAILED', detail: expect.stringMatching(/left out/) } });
  });
});
