import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';

/**
 * WeChat's message encryption for pushes to a third-party platform (the WXBizMsgCrypt scheme;
 * docs/platform/pushes.md, "The signature" and "The encryption"):
 * - `msg_signature` = hex SHA-1 of token, timestamp, nonce and ciphertext, sorted and joined;
 * - key = Base64(EncodingAESKey + "="), 32 bytes; AES-256-CBC with the key's first 16 bytes as
 *   IV; PKCS#7 padding to a multiple of 32 bytes;
 * - plaintext = 16 random bytes, 4-byte big-endian message length, message, then the AppId.
 * Every failure is a `PushCryptoError` with a short reason that never quotes a secret.
 */
export class PushCryptoError extends Error {
  constructor(readonly reason: 'bad signature' | 'bad key' | 'undecryptable body') {
    super(reason);
    this.name = 'PushCryptoError';
  }
}

const AES_KEY_PATTERN = /^[A-Za-z0-9+/]{43}$/;
const BLOCK = 32;

export function messageSignature(token: string, timestamp: string, nonce: string, ciphertext: string): string {
  return createHash('sha1').update([token, timestamp, nonce, ciphertext].sort().join('')).digest('hex');
}

/**
 * Compares in constant time: both sides are hashed first so that neither the length nor the
 * position of the first differing character of the given signature leaks through timing.
 */
export function signatureMatches(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given.toLowerCase()).digest();
  return timingSafeEqual(a, b);
}

export function aesKeyFrom(encodingAesKey: string): Buffer {
  if (!AES_KEY_PATTERN.test(encodingAesKey)) throw new PushCryptoError('bad key');
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new PushCryptoError('bad key');
  return key;
}

export interface DecryptedMessage {
  message: string;
  /** The AppId the sender put after the message: the receiving platform's own appid. */
  appid: string;
}

export function decryptMessage(encodingAesKey: string, ciphertext: string): DecryptedMessage {
  const key = aesKeyFrom(encodingAesKey);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(ciphertext)) throw new PushCryptoError('undecryptable body');
  const encrypted = Buffer.from(ciphertext, 'base64');
  if (encrypted.length === 0 || encrypted.length % 16 !== 0) throw new PushCryptoError('undecryptable body');
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false); // PKCS#7 to 32 bytes, not AES's 16: removed below
    plain = Buffer.concat([decipher.update(encrypted), decipher.final()]);
  } catch {
    throw new PushCryptoError('undecryptable body');
  }
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > BLOCK || pad > plain.length) throw new PushCryptoError('undecryptable body');
  for (let i = plain.length - pad; i < plain.length; i++) {
    if (plain[i] !== pad) throw new PushCryptoError('undecryptable body');
  }
  const content = plain.subarray(0, plain.length - pad);
  if (content.length < 20) throw new PushCryptoError('undecryptable body');
  const length = content.readUInt32BE(16);
  if (20 + length > content.length) throw new PushCryptoError('undecryptable body');
  return {
    message: content.subarray(20, 20 + length).toString('utf8'),
    appid: content.subarray(20 + length).toString('utf8'),
  };
}
