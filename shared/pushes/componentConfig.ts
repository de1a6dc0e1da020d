import { envValue } from '../core/envValue';
import type { ComponentConfig } from '../authorizers/componentSetup';
import { createError, LOCAL } from '../errors';
import { registerSecret } from '../secrets/redact';

/**
 * The component credentials componentEvents needs to exchange authorization codes. It never
 * reads COMPONENT_VERIFY_TICKET: it receives the tickets itself and uses the latest stored one.
 */
export function componentConfigFromEnv(env: NodeJS.ProcessEnv): ComponentConfig {
  registerSecret(envValue(env, 'COMPONENT_APPSECRET'));
  const missing = ['COMPONENT_APPID', 'COMPONENT_APPSECRET'].filter((name) => envValue(env, name) === undefined);
  if (missing.length > 0) throw createError(LOCAL.CONFIG_INVALID, { detail: `componentEvents needs ${missing.join(', ')}.` });
  return { kind: 'component', componentAppid: envValue(env, 'COMPONENT_APPID') as string, componentSecret: envValue(env, 'COMPONENT_APPSECRET') as string };
}
