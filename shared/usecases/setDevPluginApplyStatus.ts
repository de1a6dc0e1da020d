import { FUNC_SET } from '../authorizers/funcSets';
import { createError, LOCAL, UPSTREAM } from '../errors';
import { labelOf, PLUGIN_APPLY_STATUS } from '../normalize/labels';
import type { Invocation } from '../core/invocation';
import { targetAppids, type SetDevPluginApplyStatusEvent } from '../schemas/writeEvents';
import type { Transport, Via } from '../transport/types';
import { auditedWrite } from '../writes/auditedWrite';
import { applicantStatus } from '../writes/rereadLists';
import { runBulk, summarize } from '../writes/runBulk';
import type { Reread, WriteOutcome, WriteSpec } from '../writes/types';
import { writeOnce } from '../writes/writeOnce';
import { cloudFirstRoute, type Fallback } from '../upstream/cloudFirstRoute';
import { SET_DEV_PLUGIN_APPLY_STATUS } from '../upstream/descriptors';
import { httpsTransportFor } from '../upstream/httpsTransportFor';

const PENDING = 1;
const APPROVED = 2;
const REJECTED = 3;
const EXPIRED = 4;

/**
 * Per action: the body sent (descriptors.ts says why each carries what it does), how a re-read
 * tells the wanted state from one the write can still change, and what WeChat's state codes mean
 * here (docs/platform/plugin-manager.md, "Codes"): 89240 "only pending can be approved/refused" is
 * ambiguous (approved already, or refused?) so a re-read decides; dev_delete's 89242 "not in the
 * list" means already gone.
 */
const ACTIONS = {
  dev_agree: { wanted: (s?: number) => s === APPROVED, actionable: (s?: number) => s === PENDING, decideByReread: new Set([UPSTREAM.ONLY_PENDING_CAN_BE_DECIDED]), alreadyDone: undefined },
  dev_refuse: { wanted: (s?: number) => s === REJECTED, actionable: (s?: number) => s === PENDING, decideByReread: new Set([UPSTREAM.ONLY_PENDING_CAN_BE_DECIDED]), alreadyDone: undefined },
  dev_delete: { wanted: (s?: number) => s === undefined, actionable: (s?: number) => s === REJECTED || s === EXPIRED, decideByReread: undefined, alreadyDone: new Set([UPSTREAM.APPID_NOT_IN_APPLY_LIST]) },
} as const;

export interface SetDevPluginApplyStatusResult {
  action: SetDevPluginApplyStatusEvent['action'];
  dryRun: boolean;
  via?: Via;
  fallback?: Fallback;
  summary?: Record<WriteOutcome['outcome'], number>;
  outcomes?: WriteOutcome[];
  /** dryRun only: each request that would be sent, sending nothing. */
  wouldSend?: Array<{ appid: string; cloudApi: string; https: string; body: Record<string, string> }>;
}

export function devPluginRequestBody(event: SetDevPluginApplyStatusEvent, appid: string): Record<string, string> {
  return event.action === 'dev_refuse' ? { action: event.action, appid, reason: event.reason } : { action: event.action, appid };
}

/** Approve, refuse or delete plugin applicants: cloud path first, HTTPS where the cloud path is not available. */
export function setDevPluginApplyStatus(event: SetDevPluginApplyStatusEvent, invocation: Invocation) {
  const targets = targetAppids(event);
  const dryRun = event.dryRun === true;
  const call = { functionName: SET_DEV_PLUGIN_APPLY_STATUS.name, action: event.action, targets, authorizerAppid: event.authorizerAppid, dryRun };
  return auditedWrite(call, invocation, async (deadline): Promise<SetDevPluginApplyStatusResult> => {
    if (dryRun) {
      const https = SET_DEV_PLUGIN_APPLY_STATUS.https!;
      return {
        action: event.action,
        dryRun,
        wouldSend: targets.map((appid) => ({ appid, cloudApi: SET_DEV_PLUGIN_APPLY_STATUS.cloudApi!, https: `${https.method} ${https.path}`, body: devPluginRequestBody(event, appid) })),
      };
    }

    const rule = ACTIONS[event.action];
    const specFor = (transport: Transport, appid: string): WriteSpec => ({
      request: { api: SET_DEV_PLUGIN_APPLY_STATUS, params: devPluginRequestBody(event, appid) },
      reread: async (): Promise<Reread> => {
        const status = await applicantStatus(transport, appid, deadline);
        const now = status === undefined ? 'it is no longer in the list' : `it is now ${labelOf(PLUGIN_APPLY_STATUS, status)} (status ${status})`;
        return { state: rule.wanted(status) ? 'wanted' : rule.actionable(status) ? 'actionable' : 'other', now };
      },
      decideByReread: rule.decideByReread,
      alreadyDone: rule.alreadyDone,
    });
    const write = (transport: Transport) => (appid: string) => writeOnce(transport, specFor(transport, appid), deadline, invocation.log);

    // Another account's applicants (third-party flow): HTTPS with that account's token; the
    // cloud path only ever acts as this account itself.
    if (event.authorizerAppid !== undefined) {
      const https = await httpsTransportFor(invocation.env, { authorizerAppid: event.authorizerAppid }, FUNC_SET.PLUGIN_MANAGEMENT, deadline);
      if (!https) throw createError(LOCAL.AUTHORIZER_NEEDS_COMPONENT, { functionName: SET_DEV_PLUGIN_APPLY_STATUS.name });
      const outcomes = await runBulk(targets, deadline, write(https.transport));
      return { action: event.action, dryRun, via: 'https', summary: summarize(outcomes), outcomes };
    }

    // The first write settles the route (cloudFirstRoute.ts): the cloud path, or HTTPS when the
    // platform refuses cloud calls from this caller (before reaching WeChat: nothing was applied).
    const route = cloudFirstRoute(invocation, SET_DEV_PLUGIN_APPLY_STATUS, FUNC_SET.PLUGIN_MANAGEMENT);
    const [first, ...rest] = targets;
    const firstOutcome = await route.use(
      async (transport) => (await runBulk([first!], deadline, write(transport)))[0]!,
      deadline,
      (outcome) => (outcome.outcome === 'failed' && outcome.error ? { code: outcome.error.code, reason: outcome.error.message.en, upstreamMessage: outcome.error.upstreamMessage } : undefined),
    );
    const transport = route.transport()!;
    const fallback = route.fallback();
    const outcomes = [firstOutcome, ...(await runBulk(rest, deadline, write(transport)))];
    return { action: event.action, dryRun, via: transport.via, ...(fallback ? { fallback } : {}), summary: summarize(outcomes), outcomes };
  });
}
