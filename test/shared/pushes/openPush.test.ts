import { toWxError } from '../../../shared/errors';
import { openPush } from '../../../shared/pushes/openPush';

/**
 * openPush on WeChat's published sample request (the WXBizMsgCrypt vector: see
 * messageCrypto.test.ts for its source). The sample is an ordinary message, not a platform
 * push, so every check passes up to the missing InfoType.
 */
const CONFIG = { componentAppid: 'wx5823bf96d3bd56c7', token: 'QDG6eK', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };
const ENCRYPT =
  'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==';
const REQUEST = {
  method: 'POST',
  path: '/componentEvents',
  query: { timestamp: '1409659813', nonce: '1372623149', msg_signature: '477715d11cdb4164915debcba66cb864d751f3e6', encrypt_type: 'aes' },
  body: `<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[${ENCRYPT}]]></Encrypt></xml>`,
};
const AT_THE_TIME = 1409659813 * 1000;

function refusalOf(run: () => unknown): { status?: number; reason?: string } {
  try {
    run();
  } catch (thrown) {
    const error = toWxError(thrown);
    expect(error.entry.name).toBe('PUSH_REJECTED');
    return { status: error.body.httpStatus, reason: error.body.detail };
  }
  throw new Error('expected a refusal');
}

describe('openPush', () => {
  it('verifies and decrypts the published sample, then asks for the InfoType a push carries', () => {
    expect(refusalOf(() => openPush(REQUEST, CONFIG, AT_THE_TIME + 60_000))).toEqual({ status: 400, reason: 'no InfoType' });
  });

  it('refuses it more than 5 minutes away from its timestamp, either way', () => {
    expect(refusalOf(() => openPush(REQUEST, CONFIG, AT_THE_TIME + 301_000))).toEqual({ status: 403, reason: 'stale timestamp' });
    expect(refusalOf(() => openPush(REQUEST, CONFIG, AT_THE_TIME - 301_000))).toEqual({ status: 403, reason: 'stale timestamp' });
  });

  it('refuses another token, another component, a changed nonce, and a missing parameter', () => {
    expect(refusalOf(() => openPush(REQUEST, { ...CONFIG, token: 'QDG6eL' }, AT_THE_TIME))).toEqual({ status: 401, reason: 'bad signature' });
    expect(refusalOf(() => openPush(REQUEST, { ...CONFIG, componentAppid: 'wx0000000000000001' }, AT_THE_TIME))).toEqual({ status: 403, reason: 'wrong AppId' });
    expect(refusalOf(() => openPush({ ...REQUEST, query: { ...REQUEST.query, nonce: '1372623150' } }, CONFIG, AT_THE_TIME))).toEqual({ status: 401, reason: 'bad signature' });
    const { nonce: _nonce, ...withoutNonce } = REQUEST.query;
    expect(refusalOf(() => openPush({ ...REQUEST, query: withoutNonce }, CONFIG, AT_THE_TIME)).status).toBe(400);
    expect(refusalOf(() => openPush({ ...REQUEST, method: 'PUT' }, CONFIG, AT_THE_TIME))).toEqual({ status: 405, reason: 'use POST' });
  });
});
