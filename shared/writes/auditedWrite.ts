import { auditBase, recordAudit, stamped, type AuditRecord, type AuditResult } from '../audit/auditTrail';
import { authorizeWriter } from '../auth/authorizeWriter';
import { toWxError } from '../errors';
import type { Invocation } from '../core/invocation';
import type { Deadline } from '../core/deadline';
import { AUDIT_RESERVE_MS } from './runBulk';
import type { WriteOutcome } from './types';

export interface WriteCall {
  functionName: string;
  action: string;
  targets: string[];
  authorizerAppid?: string;
  dryRun: boolean;
}

/**
 * The frame every write runs in: the operator rule first, then the work, and one audit record
 * whatever happened — done (with each outcome), dry run, caller refused, or the whole call
 * failed. The record is written after the work and never changes its result; the envelope
 * carries `audit` (recorded or not, and why).
 */
export async function auditedWrite<R extends { outcomes?: WriteOutcome[] }>(
  call: WriteCall,
  invocation: Invocation,
  work: (writeDeadline: Deadline) => Promise<R>,
): Promise<R & { audit: AuditResult }> {
  const base = auditBase({ ...call, functionName: call.functionName, caller: invocation.caller, requestId: invocation.requestId, env: invocation.env });
  const audit = (record: Pick<AuditRecord, 'result' | 'outcomes' | 'error'>) =>
    recordAudit(stamped({ ...base, ...record }) as AuditRecord, invocation.env, invocation.deadline, invocation.log);

  try {
    authorizeWriter(invocation.caller, invocation.env, call.functionName);
  } catch (refused) {
    const error = toWxError(refused);
    await audit({ result: 'refused', error: { code: error.code, name: error.entry.name } });
    throw error;
  }

  let result: R;
  try {
    // The writes end AUDIT_RESERVE_MS before the invocation's deadline: the record always has time.
    result = await work(invocation.deadline.shortenedBy(AUDIT_RESERVE_MS));
  } catch (failed) {
    const error = toWxError(failed, { functionName: call.functionName });
    await audit({ result: 'failed', error: { code: error.code, name: error.entry.name } });
    throw error;
  }
  const recorded = await audit(
    call.dryRun ? { result: 'dry_run' } : { result: 'done', outcomes: auditOutcomes(result.outcomes ?? []) },
  );
  return { ...result, audit: recorded };
}

/** Each outcome as the audit record keeps it: identifiers and codes only. */
function auditOutcomes(outcomes: readonly WriteOutcome[]): AuditRecord['outcomes'] {
  return outcomes.map((o) => ({
    ...(o.appid === undefined ? {} : { appid: o.appid }),
    ...(o.flag === undefined ? {} : { flag: o.flag }),
    outcome: o.outcome,
    ...(o.error ? { code: o.error.code } : {}),
    ...(o.answerLost ? { answerLost: o.answerLost.resolution } : {}),
  }));
}
