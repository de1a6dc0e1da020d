import { createCipheriv } from 'node:crypto';
import { aesKeyFrom, decryptMessage, messageSignature, PushCryptoError, signatureMatches } from '../../../shared/pushes/messageCrypto';

/**
 * WeChat's published WXBizMsgCrypt sample vector (docs/platform/pushes.md, "The encryption", names
 * its parameters). The ciphertext is the one of the official C# sample, as vendored in the public
 * repository 2830499544/VipCard, file Chain.Wechat/Tencent/Sample.cs (sReqData; the same vector
 * appears in WeCom's callback encryption document, path 90968).
 */
const VECTOR = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  appid: 'wx5823bf96d3bd56c7',
  timestamp: '1409659813',
  nonce: '1372623149',
  msgSignature: '477715d11cdb4164915debcba66cb864d751f3e6',
  encrypt:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
};

describe('WXBizMsgCrypt scheme, against WeChat\'s published sample vector', () => {
  it('computes the published msg_signature', () => {
    expect(messageSignature(VECTOR.token, VECTOR.timestamp, VECTOR.nonce, VECTOR.encrypt)).toBe(VECTOR.msgSignature);
  });

  it('decrypts the published ciphertext to the sample message and the AppId', () => {
    const { message, appid } = decryptMessage(VECTOR.encodingAesKey, VECTOR.encrypt);
    expect(appid).toBe(VECTOR.appid);
    expect(message.startsWith('<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>')).toBe(true);
    expect(message).toContain('<Content><![CDATA[hello]]></Content>');
    expect(message).toContain('<MsgId>4561255354251345929</MsgId>');
    expect(message.endsWith('</xml>')).toBe(true);
  });

  it('compares signatures in full: equal, case-insensitive, and any change refused', () => {
    expect(signatureMatches(VECTOR.msgSignature, VECTOR.msgSignature)).toBe(true);
    expect(signatureMatches(VECTOR.msgSignature, VECTOR.msgSignature.toUpperCase())).toBe(true);
    expect(signatureMatches(VECTOR.msgSignature, VECTOR.msgSignature.slice(0, -1) + '0')).toBe(false);
    expect(signatureMatches(VECTOR.msgSignature, VECTOR.msgSignature.slice(0, 20))).toBe(false);
    expect(signatureMatches(VECTOR.msgSignature, '')).toBe(false);
    expect(messageSignature('QDG6eX', VECTOR.timestamp, VECTOR.nonce, VECTOR.encrypt)).not.toBe(VECTOR.msgSignature);
  });

  it('refuses a wrong key, a malformed key, a tampered or truncated ciphertext', () => {
    const reason = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        expect(error).toBeInstanceOf(PushCryptoError);
        return (error as PushCryptoError).reason;
      }
      return 'no error';
    };
    expect(reason(() => aesKeyFrom('short'))).toBe('bad key');
    expect(reason(() => decryptMessage('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', VECTOR.encrypt))).toBe('undecryptable body');
    expect(reason(() => decryptMessage(VECTOR.encodingAesKey, VECTOR.encrypt.slice(0, 40)))).toBe('undecryptable body');
    expect(reason(() => decryptMessage(VECTOR.encodingAesKey, '<not base64>'))).toBe('undecryptable body');
    const tampered = Buffer.from(VECTOR.encrypt, 'base64');
    tampered.writeUInt8((tampered.at(-1) as number) ^ 0x55, tampered.length - 1); // the last block decrypts to garbage: padding check fails
    expect(reason(() => decryptMessage(VECTOR.encodingAesKey, tampered.toString('base64')))).toBe('undecryptable body');
  });

  it('refuses a length field pointing past the message', () => {
    const key = aesKeyFrom(VECTOR.encodingAesKey);
    const body = Buffer.concat([Buffer.alloc(16, 7), Buffer.from([0, 0, 1, 0]), Buffer.from('<xml/>wx')]);
    const pad = 32 - (body.length % 32);
    const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
    cipher.setAutoPadding(false);
    const encrypted = Buffer.concat([cipher.update(Buffer.concat([body, Buffer.alloc(pad, pad)])), cipher.final()]);
    expect(() => decryptMessage(VECTOR.encodingAesKey, encrypted.toString('base64'))).toThrow('undecryptable body');
  });
});
