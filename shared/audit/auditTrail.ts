import { envValue } from '../core/envValue';
import type { Caller } from '../core/invocation';
import { cloudCollection, type CloudCollection } from '../database/cloudDatabase';
import { createError, LOCAL, toWxError, type ErrorBody } from '../errors';
import type { Logger } from '../core/logger';
import { redactDeep } from '../secrets/redact';
import type { Deadline } from '../core/deadline';
import { currentClock } from '../core/clock';

/** Where write records go: env AUDIT_COLLECTION, default `wx_admin_audit` (an empty value means the default). */
export const DEFAULT_AUDIT_COLLECTION = 'wx_admin_audit';

/**
 * One write, as recorded: who (OPENID, or the call source for console runs and timers), what
 * (function, action, target appids, the authorizer acted for), how it ended (per appid), when,
 * and the request id. Only identifiers and codes: never a token or a secret (and redacted again
 * before it is written, as the last guard).
 */
export interface AuditRecord {
  time: string;
  at: number;
  requestId?: string;
  function: string;
  action: string;
  caller: { source: string; openid?: string };
  /** The authorized Mini Program a third-party platform acted for, or `self`. */
  authorizer: string;
  targets: string[];
  dryRun: boolean;
  /** `done` (outcomes below), `dry_run`, `refused` (the caller), or `failed` (the whole call). */
  result: 'done' | 'dry_run' | 'refused' | 'failed';
  outcomes?: Array<{ appid?: string; flag?: number; outcome: string; code?: number; answerLost?: string }>;
  error?: { code: number; name: string };
}

/** What the envelope says about the audit record. */
export interface AuditResult {
  recorded: boolean;
  collection: string;
  id?: string;
  error?: ErrorBody;
}

const collections = new Map<string, CloudCollection>();

export function auditCollectionName(env: NodeJS.ProcessEnv): string {
  return envValue(env, 'AUDIT_COLLECTION') ?? DEFAULT_AUDIT_COLLECTION;
}

/**
 * Writes one record through the deadline-bounded collection. A failure is logged and returned
 * (the envelope says it); it never undoes, hides or fails the action it records.
 */
export async function recordAudit(record: AuditRecord, env: NodeJS.ProcessEnv, deadline: Deadline, log: Logger): Promise<AuditResult> {
  const name = auditCollectionName(env);
  let collection = collections.get(name);
  if (!collection) collections.set(name, (collection = cloudCollection(name)));
  try {
    const added = await collection.run((c) => c.add({ data: redactDeep(record) }), deadline, 'Writing the audit record');
    return { recorded: true, collection: name, id: added._id };
  } catch (thrown) {
    const cause = toWxError(thrown);
    const error = createError(LOCAL.AUDIT_WRITE_FAILED, { cause, detail: `The audit record of ${record.function} ${record.action} could not be written to ${name}.` });
    log.error('audit failed', { errCode: cause.code, name: cause.entry.name, collection: name });
    return { recorded: false, collection: name, error: error.body };
  }
}

/** The parts of a record every write of one invocation shares. */
export function auditBase(fields: {
  functionName: string;
  action: string;
  caller: Caller;
  requestId?: string;
  targets: string[];
  authorizerAppid?: string;
  dryRun: boolean;
  env: NodeJS.ProcessEnv;
}): Omit<AuditRecord, 'result' | 'time' | 'at'> {
  return {
    ...(fields.requestId ? { requestId: fields.requestId } : {}),
    function: fields.functionName,
    action: fields.action,
    caller: fields.caller.openid === undefined ? { source: fields.caller.source } : { source: fields.caller.source, openid: fields.caller.openid },
    authorizer: fields.authorizerAppid ?? (envValue(fields.env, 'AUTHORIZER_APPID') ?? 'self'),
    targets: fields.targets,
    dryRun: fields.dryRun,
  };
}

export function stamped<T extends object>(record: T): T & { time: string; at: number } {
  const at = currentClock().now();
  return { ...record, time: new Date(at).toISOString(), at };
}
