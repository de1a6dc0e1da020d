import { envValue } from '../core/envValue';
import { authorizerTokenSource } from '../authorizers/authorizerTokens';
import { componentSetupFromEnv, type ComponentSetup } from '../authorizers/componentSetup';
import { FUNC_SET_NAMES, type FuncSetId } from '../authorizers/funcSets';
import { createError, LOCAL, toWxError } from '../errors';
import { createLogger } from '../log/logger';
import { authorizerRecord } from '../authorizers/authorizerRecord';
import { storedTokenOf } from '../authorizers/authorizerTokenStore';
import { createHttpsTransport } from '../transport/httpsTransport';
import type { Deadline } from '../core/deadline';
import { httpsTransportFromEnv, type ConfiguredHttps } from './httpsTransportFromEnv';

export interface HttpsTarget {
  /** The account to act for (third-party flow); AUTHORIZER_APPID when absent. */
  authorizerAppid?: string;
}

export interface TargetedHttps extends ConfiguredHttps {
  /** The authorizer the calls act for (component provider only). */
  authorizerAppid?: string;
}

/**
 * The HTTPS transport for one call, with the token of the account it acts for. With the
 * component provider, the authorizer (named in the event, or AUTHORIZER_APPID) is looked up in
 * the registry first: unknown, revoked, or without `requiredFuncSet`, the call is refused with
 * its own code before any WeChat request. With another provider, naming an authorizer is an
 * error and the configured token is used. `undefined` when no provider is configured and no
 * authorizer was named. Reused by every function that calls WeChat for an authorizer.
 */
export async function httpsTransportFor(env: NodeJS.ProcessEnv, target: HttpsTarget, requiredFuncSet: FuncSetId, deadline: Deadline): Promise<TargetedHttps | undefined> {
  const setup = componentSetupFromEnv(env);
  if (!setup) {
    if (target.authorizerAppid !== undefined) {
      throw createError(LOCAL.AUTHORIZER_NEEDS_COMPONENT, { detail: `authorizerAppid ${target.authorizerAppid} was named, but the ${envValue(env, 'TOKEN_PROVIDER') ?? 'configured'} token provider acts for one account only.` });
    }
    return httpsTransportFromEnv(env);
  }
  const authorizerAppid = target.authorizerAppid ?? setup.config.authorizerAppid;
  if (authorizerAppid === undefined) {
    throw createError(LOCAL.AUTHORIZER_UNKNOWN, { detail: 'Name the account: authorizerAppid in the event, or set AUTHORIZER_APPID.' });
  }
  // One read: the record holds the account's grants and its current token alike
  // (docs/authorizer-lifecycle.md). Only read: a refusal below still means no WeChat request.
  const record = await authorizerRecord(setup, authorizerAppid, deadline, (cause) =>
    createLogger({ component: 'authorizers' }).warn('authorizer registry unavailable; using AUTHORIZER_REFRESH_TOKEN', { reason: toWxError(cause).message }),
  );
  if (!record) {
    const seedHint = authorizerAppid === setup.config.authorizerAppid ? ' Set AUTHORIZER_REFRESH_TOKEN to seed it, or let its authorization push reach componentEvents.' : '';
    throw createError(LOCAL.AUTHORIZER_UNKNOWN, { detail: `${authorizerAppid} has not authorized component ${setup.config.componentAppid}.${seedHint}` });
  }
  if (record.revoked) {
    throw createError(LOCAL.AUTHORIZER_REVOKED, { detail: `${authorizerAppid} revoked its authorization${record.revokedAt ? ` at ${new Date(record.revokedAt).toISOString()}` : ''}.` });
  }
  // Unknown grants (seeded from the environment) are let through: WeChat decides.
  if (record.funcIds !== null && !record.funcIds.includes(requiredFuncSet)) {
    throw createError(LOCAL.AUTHORIZER_PERMISSION_MISSING, {
      detail: `${authorizerAppid} did not grant permission set ${requiredFuncSet} (${FUNC_SET_NAMES[requiredFuncSet]}); it granted ${record.funcIds.join(', ') || 'none'}.`,
    });
  }
  // A record read from the database (not one standing in for it) saves the token source a read.
  if (record.generation !== undefined) authorizerTokenSource(setup, authorizerAppid).offer(storedTokenOf(record));
  return authorizerHttps(setup, authorizerAppid);
}

/**
 * The HTTPS transport acting for one authorizer, whose record the caller has already checked
 * (httpsTransportFor above; syncLists, which lists the registry once for every account). Its
 * token goes through that authorizer's cached, leased lifecycle on its record (authorizerTokens.ts).
 */
export function authorizerHttps(setup: ComponentSetup, authorizerAppid: string): TargetedHttps & { authorizerAppid: string } {
  const tokens = authorizerTokenSource(setup, authorizerAppid);
  return {
    transport: createHttpsTransport({ baseUrl: setup.http.baseUrl, attemptTimeoutMs: setup.http.attemptTimeoutMs, tokens }),
    provider: 'component',
    authorizerAppid,
  };
}
