import { isHttpAccessShaped, refuseHttpAccessEvent } from '../../../shared/auth/httpAccessShape';
import { LOCAL, WxError } from '../../../shared/errors';

describe('an event shaped like an HTTP access request', () => {
  it('is httpMethod, headers and requestContext together, nothing less', () => {
    expect(isHttpAccessShaped({ httpMethod: 'GET', headers: {}, requestContext: {} })).toBe(true);
    expect(isHttpAccessShaped({ httpMethod: 'GET', headers: {} })).toBe(false);
    expect(isHttpAccessShaped({ headers: {}, requestContext: {} })).toBe(false);
    for (const other of [null, undefined, 'x', 1, [], { page: 1 }]) expect(isHttpAccessShaped(other)).toBe(false);
  });

  it('is refused with HTTP_ACCESS_REFUSED naming the function', () => {
    expect(() => refuseHttpAccessEvent({ page: 1 }, 'getOwnList')).not.toThrow();
    try {
      refuseHttpAccessEvent({ httpMethod: 'POST', headers: {}, requestContext: {}, body: '' }, 'getOwnList');
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(WxError);
      expect((error as WxError).code).toBe(LOCAL.HTTP_ACCESS_REFUSED);
      expect((error as WxError).body.detail).toContain('getOwnList');
    }
  });
});
