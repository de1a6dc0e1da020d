import { componentSetupOf, type ComponentSetup } from '../authorizers/componentSetup';
import { envValue } from '../core/envValue';
import { createError, LOCAL } from '../errors';
import { registerSecret } from '../secrets/redact';

/** Whether the environment names a third-party platform (COMPONENT_APPID and COMPONENT_APPSECRET). */
export function componentConfigured(env: NodeJS.ProcessEnv): boolean {
  return envValue(env, 'COMPONENT_APPID') !== undefined && envValue(env, 'COMPONENT_APPSECRET') !== undefined;
}

/**
 * The third-party platform as componentAdmin and syncLists' recovery act for it: COMPONENT_APPID
 * and COMPONENT_APPSECRET whatever token provider the lists use, the ticket pushed to
 * componentEvents (or COMPONENT_VERIFY_TICKET when set), the shared token store and the
 * authorizer registry (componentSetup.ts). AUTHORIZER_APPID / AUTHORIZER_REFRESH_TOKEN, when set,
 * only tell reconcile which account the variables seed.
 */
export function componentAdminSetupFromEnv(env: NodeJS.ProcessEnv, functionName: string): ComponentSetup {
  const value = (name: string) => envValue(env, name);
  for (const name of ['COMPONENT_APPSECRET', 'COMPONENT_VERIFY_TICKET', 'AUTHORIZER_REFRESH_TOKEN']) registerSecret(value(name));
  const missing = ['COMPONENT_APPID', 'COMPONENT_APPSECRET'].filter((name) => value(name) === undefined);
  if (missing.length > 0) throw createError(LOCAL.CONFIG_INVALID, { functionName, detail: `${functionName} needs ${missing.join(', ')} (the third-party platform's appid and secret).` });
  const optional = (key: string, name: string) => (value(name) === undefined ? {} : { [key]: value(name) as string });
  return componentSetupOf(
    {
      kind: 'component',
      componentAppid: value('COMPONENT_APPID') as string,
      componentSecret: value('COMPONENT_APPSECRET') as string,
      ...optional('verifyTicket', 'COMPONENT_VERIFY_TICKET'),
      ...optional('authorizerAppid', 'AUTHORIZER_APPID'),
      ...optional('refreshToken', 'AUTHORIZER_REFRESH_TOKEN'),
    },
    env,
  );
}
