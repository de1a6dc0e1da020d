import { createError, LOCAL } from '../errors';
import { envValue } from '../core/envValue';
import { registerApiOrigin } from '../secrets/redact';
import { DEFAULT_ATTEMPT_TIMEOUT_MS } from './attemptTimer';
import { DEFAULT_WECHAT_API_BASE_URL } from './httpsTransport';

export interface HttpConfig {
  /** WECHAT_API_BASE_URL: api.weixin.qq.com, or the local emulator. */
  baseUrl: string;
  /** HTTP_ATTEMPT_TIMEOUT_MS: the limit of one attempt; the function's own time limit bounds all. */
  attemptTimeoutMs: number;
}

export function httpConfigFromEnv(env: NodeJS.ProcessEnv): HttpConfig {
  const baseUrl = envValue(env, 'WECHAT_API_BASE_URL') ?? DEFAULT_WECHAT_API_BASE_URL;
  // Credentials in the API's own URLs are masked by pattern (secrets/redact.ts), wherever it is.
  registerApiOrigin(baseUrl);
  if (!/^https?:\/\/[^/\s]+/.test(baseUrl)) {
    throw createError(LOCAL.CONFIG_INVALID, { detail: `WECHAT_API_BASE_URL must be an http(s) URL such as ${DEFAULT_WECHAT_API_BASE_URL}.` });
  }
  const rawTimeout = envValue(env, 'HTTP_ATTEMPT_TIMEOUT_MS');
  const attemptTimeoutMs = rawTimeout === undefined ? DEFAULT_ATTEMPT_TIMEOUT_MS : Number(rawTimeout);
  if (!Number.isInteger(attemptTimeoutMs) || attemptTimeoutMs < 100 || attemptTimeoutMs > 60_000) {
    throw createError(LOCAL.CONFIG_INVALID, { detail: 'HTTP_ATTEMPT_TIMEOUT_MS must be an integer from 100 to 60000 (milliseconds).' });
  }
  return { baseUrl, attemptTimeoutMs };
}
