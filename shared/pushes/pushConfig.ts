import { envValue } from '../core/envValue';
import { createError, LOCAL } from '../errors';
import { registerSecret } from '../secrets/redact';

/** The open platform's message settings, as entered there ("消息校验 Token", "消息加解密 Key"). */
export interface PushConfig {
  componentAppid: string;
  token: string;
  encodingAesKey: string;
}

const REQUIRED = ['COMPONENT_APPID', 'COMPONENT_TOKEN', 'COMPONENT_ENCODING_AES_KEY'] as const;

/** Reads and registers the settings; a missing or malformed one is CONFIG_INVALID naming it. */
export function pushConfigFromEnv(env: NodeJS.ProcessEnv): PushConfig {
  const value = (name: (typeof REQUIRED)[number]) => envValue(env, name);
  registerSecret(value('COMPONENT_TOKEN'));
  registerSecret(value('COMPONENT_ENCODING_AES_KEY'));
  const missing = REQUIRED.filter((name) => value(name) === undefined);
  if (missing.length > 0) throw createError(LOCAL.CONFIG_INVALID, { detail: `componentEvents needs ${missing.join(', ')} (the open platform's settings).` });
  const encodingAesKey = value('COMPONENT_ENCODING_AES_KEY') as string;
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) {
    throw createError(LOCAL.CONFIG_INVALID, { detail: 'COMPONENT_ENCODING_AES_KEY must be the 43 letters and digits of the open platform\'s "消息加解密 Key".' });
  }
  return { componentAppid: value('COMPONENT_APPID') as string, token: value('COMPONENT_TOKEN') as string, encodingAesKey };
}
