import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * WeChat's push encryption as the platform applies it (the WXBizMsgCrypt scheme;
 * docs/platform/pushes.md, "The encryption"), written here independently of the
 * shipped decryption: 16 random bytes, 4-byte big-endian length, message, AppId; PKCS#7 to a
 * multiple of 32; AES-256-CBC with key Base64(EncodingAESKey + "=") and IV its first 16 bytes.
 */
export function encryptForPush(encodingAesKey: string, appid: string, message: string, random: Buffer = randomBytes(16)): string {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new Error('EncodingAESKey must be 43 Base64 characters');
  const text = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(text.length, 0);
  const plain = Buffer.concat([random, length, text, Buffer.from(appid, 'utf8')]);
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

/** Hex SHA-1 of the sorted, joined token, timestamp, nonce and ciphertext. */
export function signPush(token: string, timestamp: string, nonce: string, ciphertext: string): string {
  return createHash('sha1').update([token, timestamp, nonce, ciphertext].sort().join('')).digest('hex');
}

/** `<xml><Name><![CDATA[value]]></Name>…</xml>` as the platform writes its messages. */
export function pushXml(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([name, value]) => (typeof value === 'number' ? `<${name}>${value}</${name}>` : `<${name}><![CDATA[${value}]]></${name}>`))
    .join('\n');
  return `<xml>\n${body}\n</xml>`;
}
