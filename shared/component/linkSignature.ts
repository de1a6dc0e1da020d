import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The short-lived signed parameter create_link puts into the redirect URI it hands WeChat
 * (WeChat keeps the redirect's own query and appends `auth_code` and `expires_in`). The
 * redirect page is public and every exchange spends WeChat quota, so it checks this first: a
 * request without a valid one costs no database read and no WeChat call
 * (docs/third-party-lifecycle.md, "The redirect page").
 *
 * Value: `<expires, unix seconds>.<nonce>.<HMAC-SHA256, base64url, 128 bits>` over the component
 * appid, the expiry and the nonce, with a key derived from COMPONENT_APPSECRET (which both
 * componentAdmin and componentEvents hold; rotating the secret voids the links given out).
 */
export const LINK_PARAM = 'wxpl_link';

/** The pre-auth code's 1800 s, then the authorization code's 600 s on the way back. */
export const LINK_LIFETIME_SECONDS = 1800 + 600;

const KEY_LABEL = 'wx-plugin-embedded-admin/authorization-link/v1';
const VALUE = /^(\d{10,12})\.([A-Za-z0-9_-]{8,32})\.([A-Za-z0-9_-]{22})$/;

function mac(componentSecret: string, componentAppid: string, expires: string, nonce: string): Buffer {
  const key = createHmac('sha256', componentSecret).update(KEY_LABEL).digest();
  return createHmac('sha256', key).update(`${componentAppid}.${expires}.${nonce}`).digest().subarray(0, 16);
}

export function signLink(componentSecret: string, componentAppid: string, nowMs: number, nonce = randomBytes(9).toString('base64url')): { value: string; expiresAt: number } {
  const expires = String(Math.floor(nowMs / 1000) + LINK_LIFETIME_SECONDS);
  return { value: `${expires}.${nonce}.${mac(componentSecret, componentAppid, expires, nonce).toString('base64url')}`, expiresAt: Number(expires) * 1000 };
}

export type LinkCheck = 'valid' | 'missing' | 'malformed' | 'forged' | 'expired';

/** Constant-time; the expiry is checked only once the signature holds (a forged one says nothing about time). */
export function checkLink(value: string | undefined, componentSecret: string, componentAppid: string, nowMs: number): LinkCheck {
  if (value === undefined || value === '') return 'missing';
  const match = VALUE.exec(value);
  if (!match) return 'malformed';
  const [, expires, nonce, given] = match as unknown as [string, string, string, string];
  const expected = mac(componentSecret, componentAppid, expires, nonce);
  const received = Buffer.from(given, 'base64url');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) return 'forged';
  const seconds = Number(expires);
  if (nowMs / 1000 > seconds) return 'expired';
  // A link valid for longer than any this code signs was not signed by it.
  if (seconds - nowMs / 1000 > LINK_LIFETIME_SECONDS + 60) return 'forged';
  return 'valid';
}
