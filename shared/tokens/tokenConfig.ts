import { createError, LOCAL } from '../errors';
import { envValue } from '../core/envValue';
import { registerSecret } from '../secrets/redact';
import { registerUrlSecrets } from '../secrets/registerUrlSecrets';
import type { TokenProviderKind } from '../transport/tokenSource';

/** Which provider the environment configures (README, "Tokens"). */
export type TokenConfig =
  | { kind: 'fixed'; token: string }
  | { kind: 'service'; url: string; authorization?: string }
  | { kind: 'component'; componentAppid: string; componentSecret: string; verifyTicket?: string; authorizerAppid?: string; refreshToken?: string }
  | { kind: 'stable'; appid: string; secret: string };

const REQUIRED: Record<TokenProviderKind, string[]> = {
  fixed: ['AUTHORIZER_ACCESS_TOKEN'],
  service: ['TOKEN_SERVICE_URL'],
  // AUTHORIZER_APPID (the default account) and AUTHORIZER_REFRESH_TOKEN (its seed) are optional:
  // authorizations pushed to componentEvents are kept in the authorizer registry
  // (docs/authorizer-lifecycle.md, "Authorization pushes").
  component: ['COMPONENT_APPID', 'COMPONENT_APPSECRET'],
  stable: ['APPID', 'APPSECRET'],
};
/** The order in which providers are tried when TOKEN_PROVIDER does not name one. */
const PRECEDENCE: TokenProviderKind[] = ['fixed', 'service', 'component', 'stable'];
/** URLs whose query or userinfo may hold a credential, registered as secrets (docs/errors.md, "What always holds"). */
const SECRET_URL_VARS = ['TOKEN_SERVICE_URL'];
const SECRET_VARS = ['AUTHORIZER_ACCESS_TOKEN', 'TOKEN_SERVICE_AUTH', 'COMPONENT_APPSECRET', 'COMPONENT_VERIFY_TICKET', 'AUTHORIZER_REFRESH_TOKEN', 'APPSECRET'];

/**
 * Reads the token provider from the environment, or `undefined` when none is configured. Every
 * secret variable is registered for redaction as it is read. A provider named but half
 * configured is a CONFIG_INVALID error naming the missing variables.
 */
export function tokenConfigFromEnv(env: NodeJS.ProcessEnv): TokenConfig | undefined {
  for (const name of SECRET_VARS) registerSecret(envValue(env, name));
  for (const name of SECRET_URL_VARS) {
    const url = envValue(env, name);
    if (url !== undefined) registerUrlSecrets(url);
  }
  const has = (name: string) => envValue(env, name) !== undefined;
  const named = envValue(env, 'TOKEN_PROVIDER');

  let kind: TokenProviderKind | undefined;
  if (named) {
    if (!(named in REQUIRED)) {
      throw createError(LOCAL.CONFIG_INVALID, { detail: `TOKEN_PROVIDER must be one of ${PRECEDENCE.join(', ')}; got "${named}".` });
    }
    kind = named as TokenProviderKind;
  } else {
    kind = PRECEDENCE.find((k) => REQUIRED[k].every(has));
    if (!kind) {
      const partial = PRECEDENCE.find((k) => REQUIRED[k].some(has) && k !== 'stable');
      if (partial) kind = partial; // half-configured: report what is missing below
    }
  }
  if (!kind) return undefined;

  const missing = REQUIRED[kind].filter((name) => !has(name));
  if (missing.length > 0) {
    throw createError(LOCAL.CONFIG_INVALID, { detail: `The ${kind} token provider also needs ${missing.join(', ')}.` });
  }
  const v = (name: string) => envValue(env, name) as string;
  switch (kind) {
    case 'fixed':
      return { kind, token: v('AUTHORIZER_ACCESS_TOKEN') };
    case 'service':
      return { kind, url: v('TOKEN_SERVICE_URL'), ...(has('TOKEN_SERVICE_AUTH') ? { authorization: v('TOKEN_SERVICE_AUTH') } : {}) };
    case 'component':
      return {
        kind,
        componentAppid: v('COMPONENT_APPID'),
        componentSecret: v('COMPONENT_APPSECRET'),
        ...(has('COMPONENT_VERIFY_TICKET') ? { verifyTicket: v('COMPONENT_VERIFY_TICKET') } : {}),
        ...(has('AUTHORIZER_APPID') ? { authorizerAppid: v('AUTHORIZER_APPID') } : {}),
        ...(has('AUTHORIZER_REFRESH_TOKEN') ? { refreshToken: v('AUTHORIZER_REFRESH_TOKEN') } : {}),
      };
    case 'stable':
      return { kind, appid: v('APPID'), secret: v('APPSECRET') };
  }
}
