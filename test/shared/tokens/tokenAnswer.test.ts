import { WxError } from '../../../shared/errors';
import { readTokenAnswer } from '../../../shared/tokens/fetchers/tokenAnswer';

const read = (body: Record<string, unknown>) => readTokenAnswer(body, ['access_token', 'token'], 300, 'the service');
const failure = (body: Record<string, unknown>) => {
  try {
    read(body);
  } catch (thrown) {
    return thrown as WxError;
  }
  throw new Error('expected a failure');
};

describe('readTokenAnswer', () => {
  it('reads the token and its lifetime, a number or a string of digits, or the default when absent', () => {
    expect(read({ access_token: 'tok-0000000001', expires_in: 7200 })).toEqual({ token: 'tok-0000000001', expiresIn: 7200 });
    expect(read({ access_token: 'tok-0000000001', expires_in: '7200' })).toEqual({ token: 'tok-0000000001', expiresIn: 7200 });
    expect(read({ token: 'tok-0000000002' })).toEqual({ token: 'tok-0000000002', expiresIn: 300 });
    expect(read({ access_token: null, token: 'tok-0000000003', expires_in: null })).toEqual({ token: 'tok-0000000003', expiresIn: 300 });
  });

  it.each([['abc'], [''], [0], [-1], [Number.NaN], [true], [[7200]], ['72.5']])('refuses expires_in %p as a bad answer, never retried', (expiresIn) => {
    const error = failure({ access_token: 'tok-0000000004', expires_in: expiresIn });
    expect(error.entry.name).toBe('TOKEN_PROVIDER_FAILED');
    expect(error.retry).toBe('never');
    expect(error.body.cause?.issues?.map((i) => i.field)).toEqual(['expires_in']);
  });

  it('names a missing token, and never shows a token it refuses', () => {
    expect(failure({ expires_in: 7200 }).body.cause?.issues?.map((i) => i.field)).toEqual(['access_token']);
    const refused = failure({ access_token: 'live-token-refused-0005', expires_in: 'soon' });
    expect(JSON.stringify(refused.body)).not.toContain('live-token-refused-0005');
  });
});
