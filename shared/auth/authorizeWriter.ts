import { envList } from '../core/envValue';
import { createError, LOCAL } from '../errors';
import type { Caller } from '../core/invocation';

/**
 * Writes need an admin, as reads do (authorizeCaller has already let the caller in); when
 * OPERATOR_OPENIDS is set, a Mini Program caller must also be listed there: those admins may
 * approve, refuse, delete and revoke, the others only look. Unset or empty means every admin may
 * write. Console test runs, timers and DevTools carry no OPENID and follow ALLOWED_SOURCES as
 * for reads (README, "Who may write").
 */
export function operatorOpenidsFromEnv(env: NodeJS.ProcessEnv): ReadonlySet<string> | undefined {
  const list = envList(env, 'OPERATOR_OPENIDS') ?? [];
  return list.length === 0 ? undefined : new Set(list);
}

export function authorizeWriter(caller: Caller, env: NodeJS.ProcessEnv, functionName: string): void {
  const operators = operatorOpenidsFromEnv(env);
  if (!operators || caller.source !== 'wx_client') return;
  if (caller.openid !== undefined && operators.has(caller.openid)) return;
  throw createError(LOCAL.OPERATOR_NOT_ALLOWED, {
    functionName,
    detail: `This admin (OPENID ${caller.openid ?? '(none)'}) is not in OPERATOR_OPENIDS, which names the admins who may change anything.`,
  });
}
