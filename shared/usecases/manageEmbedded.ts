import { createError, LOCAL, UPSTREAM } from '../errors';
import type { Invocation } from '../core/invocation';
import { EMBEDDED_FLAG, labelOf, type EmbeddedFlagLabel } from '../normalize/labels';
import { normalizeEmbeddedList, type EmbeddedAuthorization } from '../schemas/embeddedList';
import { targetAppids, type ManageEmbeddedEvent } from '../schemas/writeEvents';
import type { Deadline } from '../core/deadline';
import { sendRequest } from '../transport/sendRequest';
import type { ApiDescriptor, Transport } from '../transport/types';
import { auditedWrite } from '../writes/auditedWrite';
import { embeddedMode, embeddedStatus } from '../writes/rereadLists';
import { WRITE_RETRY_POLICY } from '../transport/retryPolicy';
import { notAttempted, runBulk, summarize } from '../writes/runBulk';
import type { Reread, WriteOutcome, WriteSpec } from '../writes/types';
import { writeOnce } from '../writes/writeOnce';
import { fitWriteResult } from '../writes/fitWriteResult';
import { itemsThatFit } from '../core/resultSize';
import { EMBEDDED_ADD, EMBEDDED_DEL, EMBEDDED_DEL_AUTHORIZE, EMBEDDED_GET_LIST, EMBEDDED_SET_AUTHORIZE, GET_OWN_LIST } from '../upstream/descriptors';
import { httpsTransportFor } from '../upstream/httpsTransportFor';
import { FUNC_SET } from '../authorizers/funcSets';
import { logRetry } from '../upstream/logRetry';

const FUNCTION_NAME = 'manageEmbedded';
const APPROVED = 2;
const PENDING = 1;
const DEAUTHORIZED = 6;

type WriteEvent = Exclude<ManageEmbeddedEvent, { action: 'get_list' }>;

export interface EmbeddingPage {
  via: 'https';
  tokenProvider: string;
  paging: { start: number; num: number; returned: number; nextStart: number | null };
  /** The Mini Programs this account embeds (or applied to), normalized like get_own_list's items. */
  embedded: EmbeddedAuthorization[];
  extra: Record<string, unknown>;
}

export interface ManageEmbeddedWriteResult {
  action: WriteEvent['action'];
  dryRun: boolean;
  via?: 'https';
  tokenProvider?: string;
  /** set_authorize: the mode asked for, labelled. */
  flagLabel?: EmbeddedFlagLabel | 'unknown';
  summary?: Record<WriteOutcome['outcome'], number>;
  outcomes?: WriteOutcome[];
  wouldSend?: Array<{ https: string; body: Record<string, string | number> }>;
}

/** The half-screen management calls (HTTPS only): get_list reads; the others write, audited. */
export async function manageEmbedded(event: ManageEmbeddedEvent, invocation: Invocation): Promise<EmbeddingPage | ManageEmbeddedWriteResult> {
  if (event.action === 'get_list') return listEmbedding(event, invocation);
  return writeEmbedded(event, invocation);
}

async function configuredHttps(event: { authorizerAppid?: string }, invocation: Invocation) {
  const https = await httpsTransportFor(invocation.env, { authorizerAppid: event.authorizerAppid }, FUNC_SET.HALF_SCREEN, invocation.deadline);
  if (!https) throw createError(LOCAL.TOKEN_NOT_CONFIGURED, { functionName: FUNCTION_NAME });
  return https;
}

async function listEmbedding(event: Extract<ManageEmbeddedEvent, { action: 'get_list' }>, invocation: Invocation): Promise<EmbeddingPage> {
  const https = await configuredHttps(event, invocation);
  const reply = await sendRequest(https.transport, { api: EMBEDDED_GET_LIST, params: { start: event.start, num: event.num } }, invocation.deadline, {
    onRetry: logRetry(invocation.log),
  });
  // The same machinery as get_own_list (shared/schemas/embeddedList.ts): same item shape, labels, extras.
  const list = normalizeEmbeddedList(reply.body);
  return {
    via: 'https',
    tokenProvider: https.provider,
    paging: { start: event.start, num: event.num, returned: list.items.length, nextStart: list.items.length < event.num ? null : event.start + list.items.length },
    embedded: list.items,
    extra: { ...list.extra, ...(list.embeddedFlag === undefined ? {} : { embeddedFlag: list.embeddedFlag }) },
  };
}

/**
 * A result over the 1 MB limit of a function result (createHandler; docs/errors.md, "What always
 * holds"): a get_list page is shortened to the leading items that fit, `paging.nextStart` saying
 * where to continue (as getOwnList does); a write keeps every outcome with shorter error texts
 * (fitWriteResult).
 */
export function fitManageEmbeddedResult(result: EmbeddingPage | ManageEmbeddedWriteResult, budgetBytes: number): EmbeddingPage | ManageEmbeddedWriteResult {
  if (!('embedded' in result)) return fitWriteResult(result);
  const fits = itemsThatFit(result, 'embedded', budgetBytes);
  if (fits === 0) {
    throw createError(LOCAL.RESULT_WOULD_EXCEED_LIMIT, {
      functionName: FUNCTION_NAME,
      detail: `The Mini Program at start=${result.paging.start} alone is too large for a function result.`,
    });
  }
  const { start, num } = result.paging;
  return { ...result, paging: { start, num, returned: fits, nextStart: start + fits }, embedded: result.embedded.slice(0, fits) };
}

/** Each write's body and how a re-read tells whether it took effect. */
function planFor(event: WriteEvent, transport: Transport, deadline: Deadline): { api: ApiDescriptor; targets: Array<{ appid?: string; flag?: number; spec: WriteSpec }> } {
  const status = (list: ApiDescriptor, appid: string) => embeddedStatus(transport, list, appid, deadline);
  const decide = (wanted: boolean, actionable: boolean): Reread => ({ state: wanted ? 'wanted' : actionable ? 'actionable' : 'other' });
  switch (event.action) {
    case 'set_authorize':
      return {
        api: EMBEDDED_SET_AUTHORIZE,
        targets: [{
          flag: event.flag,
          spec: {
            request: { api: EMBEDDED_SET_AUTHORIZE, params: { flag: event.flag } },
            reread: async () => decide((await embeddedMode(transport, deadline)) === event.flag, true),
          },
        }],
      };
    case 'del_authorize':
      // 89422 "删除状态异常": not approved now; revoked already (unchanged) or never approved (failed): a re-read decides.
      return {
        api: EMBEDDED_DEL_AUTHORIZE,
        targets: targetAppids(event).map((appid) => ({
          appid,
          spec: {
            request: { api: EMBEDDED_DEL_AUTHORIZE, params: { appid } },
            reread: async () => {
              const s = await status(GET_OWN_LIST, appid);
              return decide(s === DEAUTHORIZED, s === APPROVED);
            },
            decideByReread: new Set([UPSTREAM.EMBEDDED_DELETE_STATE_INVALID]),
          },
        })),
      };
    case 'add_embedded': {
      const params: Record<string, string> = { appid: event.appid, ...(event.apply_reason === undefined ? {} : { apply_reason: event.apply_reason }) };
      return {
        api: EMBEDDED_ADD,
        targets: [{
          appid: event.appid,
          spec: {
            request: { api: EMBEDDED_ADD, params },
            reread: async () => {
              const s = await status(EMBEDDED_GET_LIST, event.appid);
              return decide(s === PENDING || s === APPROVED, s === undefined);
            },
            // 89428 "已申请，不允许重复添加": the application exists already.
            alreadyDone: new Set([UPSTREAM.EMBEDDED_ALREADY_APPLIED]),
          },
        }],
      };
    }
    case 'del_embedded':
      return {
        api: EMBEDDED_DEL,
        targets: [{
          appid: event.appid,
          spec: {
            request: { api: EMBEDDED_DEL, params: { appid: event.appid } },
            reread: async () => decide((await status(EMBEDDED_GET_LIST, event.appid)) === undefined, true),
            // 89421 "删除数据未找到": already gone.
            alreadyDone: new Set([UPSTREAM.EMBEDDED_NOT_FOUND]),
          },
        }],
      };
  }
}

function writeEmbedded(event: WriteEvent, invocation: Invocation) {
  const dryRun = event.dryRun === true;
  const targets = event.action === 'set_authorize' ? [] : event.action === 'del_authorize' ? targetAppids(event) : [event.appid];
  const call = { functionName: FUNCTION_NAME, action: event.action, targets, authorizerAppid: event.authorizerAppid, dryRun };
  return auditedWrite(call, invocation, async (deadline): Promise<ManageEmbeddedWriteResult> => {
    const flagLabel = event.action === 'set_authorize' ? { flagLabel: labelOf(EMBEDDED_FLAG, event.flag) } : {};
    if (dryRun) {
      // Nothing is sent, not even a token request: the plan needs no transport to describe itself.
      const plan = planFor(event, NO_TRANSPORT, deadline);
      const https = plan.api.https!;
      return { action: event.action, dryRun, ...flagLabel, wouldSend: plan.targets.map((t) => ({ https: `${https.method} ${https.path}`, body: t.spec.request.params })) };
    }
    const https = await configuredHttps(event, invocation);
    const plan = planFor(event, https.transport, deadline);
    const write = (spec: WriteSpec) => writeOnce(https.transport, spec, deadline, invocation.log);
    let outcomes: WriteOutcome[];
    if (event.action === 'set_authorize') {
      // One write with no appid: its outcome names the mode instead.
      const only = plan.targets[0]!;
      outcomes = [deadline.remaining() < WRITE_RETRY_POLICY.minAttemptMs ? notAttempted({ flag: event.flag }) : { flag: event.flag, ...(await write(only.spec)) }];
    } else {
      const specs = new Map(plan.targets.map((t) => [t.appid!, t.spec]));
      outcomes = await runBulk([...specs.keys()], deadline, (appid) => write(specs.get(appid)!));
    }
    return { action: event.action, dryRun, via: 'https', tokenProvider: https.provider, ...flagLabel, summary: summarize(outcomes), outcomes };
  });
}

/** A transport for a dry run's plan: never asked to send. */
const NO_TRANSPORT: Transport = {
  via: 'https',
  send: () => Promise.reject(createError(LOCAL.INTERNAL, { detail: 'A dry run sends nothing.' })),
};
