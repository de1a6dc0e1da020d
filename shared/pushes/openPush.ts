import { createError, LOCAL, type WxError } from '../errors';
import { parseFlatXml, textField, XmlError, type XmlFields } from './flatXml';
import type { HttpRequest } from './httpAccess';
import { decryptMessage, messageSignature, PushCryptoError, signatureMatches } from './messageCrypto';
import type { PushConfig } from './pushConfig';

/**
 * Pushes older (or newer) than this are refused as replays: a captured push must not be
 * replayed later (docs/functions/componentEvents.md, "What it does").
 */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** A decrypted, verified push. */
export interface OpenedPush {
  infoType: string;
  /** CreateTime in epoch ms (the timestamp of the request when the message has none). */
  createdAt: number;
  fields: XmlFields;
}

/** A refused push: answered with `status` and the short `reason`, nothing stored. */
export function refusal(status: number, reason: string): WxError {
  return createError(LOCAL.PUSH_REJECTED, { httpStatus: status, detail: reason });
}

/**
 * Checks a push the way WeChat's WXBizMsgCrypt samples do, in the order that costs an attacker
 * the most and us the least (docs/platform/pushes.md, "The request" to "The encryption"): POST,
 * encrypted, fresh timestamp, well-formed envelope, signature (constant-time), decryption, the
 * AppId inside. Every failure is a `refusal` with a reason that quotes no secret.
 */
export function openPush(request: HttpRequest, config: PushConfig, nowMs: number): OpenedPush {
  if (request.method !== 'POST') throw refusal(405, 'use POST');
  const { timestamp, nonce, msg_signature: signature, encrypt_type: encryptType } = request.query;
  if (encryptType !== 'aes') throw refusal(400, 'encrypt_type=aes expected');
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !nonce || !signature) throw refusal(400, 'timestamp, nonce and msg_signature expected');
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) throw refusal(403, 'stale timestamp');

  let envelope: XmlFields;
  try {
    envelope = parseFlatXml(request.body);
  } catch (error) {
    throw refusal(400, error instanceof XmlError ? error.message : 'malformed XML');
  }
  const ciphertext = textField(envelope, 'Encrypt');
  if (!ciphertext) throw refusal(400, 'no Encrypt element');
  if (!signatureMatches(messageSignature(config.token, timestamp, nonce, ciphertext), signature)) throw refusal(401, 'bad signature');
  const outerAppid = textField(envelope, 'AppId') ?? textField(envelope, 'ToUserName');
  if (outerAppid !== undefined && outerAppid !== config.componentAppid) throw refusal(403, 'wrong AppId');

  let decrypted;
  try {
    decrypted = decryptMessage(config.encodingAesKey, ciphertext);
  } catch (error) {
    throw refusal(400, error instanceof PushCryptoError ? error.reason : 'undecryptable body');
  }
  if (decrypted.appid !== config.componentAppid) throw refusal(403, 'wrong AppId');
  let fields: XmlFields;
  try {
    fields = parseFlatXml(decrypted.message);
  } catch (error) {
    throw refusal(400, error instanceof XmlError ? `message: ${error.message}` : 'malformed message');
  }
  const innerAppid = textField(fields, 'AppId');
  if (innerAppid !== undefined && innerAppid !== config.componentAppid) throw refusal(403, 'wrong AppId');
  const infoType = textField(fields, 'InfoType');
  if (!infoType) throw refusal(400, 'no InfoType');
  const createTime = Number(textField(fields, 'CreateTime'));
  return { infoType, createdAt: (Number.isSafeInteger(createTime) && createTime > 0 ? createTime : Number(timestamp)) * 1000, fields };
}
