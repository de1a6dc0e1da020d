import { envValue } from '../core/envValue';
import { callerOf } from '../auth/authorizeCaller';
import type { Refusal } from '../auth/refusal';
import { recordAudit, stamped, type AuditRecord } from './auditTrail';

/**
 * A caller refused before the event is even validated (not an admin, or a source not allowed)
 * is recorded too when the event asks for a write: who tried, from where, what and on whom,
 * taken from the raw event (strings only, at most 100 targets).
 */
export function auditRefusedCaller(functionName: string, isWrite: (action: string) => boolean) {
  return async (refusal: Refusal): Promise<void> => {
    const event = (refusal.event ?? {}) as { action?: unknown; appid?: unknown; appids?: unknown; authorizerAppid?: unknown; dryRun?: unknown };
    const action = typeof event.action === 'string' ? event.action.slice(0, 40) : 'unknown';
    if (!isWrite(action)) return;
    const rawTargets = Array.isArray(event.appids) ? event.appids : [event.appid];
    const { source, openid } = callerOf(refusal.context);
    const record: AuditRecord = stamped({
      ...(refusal.requestId ? { requestId: refusal.requestId } : {}),
      function: functionName,
      action,
      caller: openid === undefined ? { source } : { source, openid },
      authorizer: typeof event.authorizerAppid === 'string' ? event.authorizerAppid.slice(0, 40) : envValue(refusal.env, 'AUTHORIZER_APPID') ?? 'self',
      targets: rawTargets.filter((t): t is string => typeof t === 'string').slice(0, 100).map((t) => t.slice(0, 40)),
      dryRun: event.dryRun === true,
      result: 'refused' as const,
      error: { code: refusal.error.code, name: refusal.error.entry.name },
    });
    await recordAudit(record, refusal.env, refusal.deadline, refusal.log);
  };
}
