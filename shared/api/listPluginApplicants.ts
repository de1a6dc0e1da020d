import { FUNC_SET } from '../authorizers/funcSets';
import { createError, LOCAL, toWxError } from '../errors';
import type { Invocation } from '../handler/createHandler';
import { describeBytes, itemsThatFit, jsonByteLength } from '../handler/resultSize';
import type { PluginApplyListEvent } from '../schemas/events';
import { normalizePluginApplyList, type PluginApplicant } from '../schemas/pluginApplyList';
import { createCloudTransport } from '../transport/cloudTransport';
import { sendRequest } from '../transport/sendRequest';
import type { Transport, UpstreamReply, Via } from '../transport/types';
import { CLOUD_UNAVAILABLE_HERE, explainNoFallback } from './cloudFallback';
import { PLUGIN_DEV_APPLY_LIST } from './descriptors';
import { httpsTransportFor } from './httpsTransportFor';
import { logRetry } from './logRetry';

export interface PluginApplicantsPage {
  via: Via;
  /** Set when the cloud path could not be used here and HTTPS answered instead. */
  fallback?: { from: number; reason: string; tokenProvider: string };
  /** The account listed, when the event named one (third-party flow, HTTPS only). */
  authorizerAppid?: string;
  paging: { page: number; num: number; returned: number; nextPage: number | null };
  applicants: PluginApplicant[];
  /** Unknown top-level fields of the upstream answer, camelCased. */
  extra: Record<string, unknown>;
}

let cloudTransport: Transport | undefined;

export async function listPluginApplicants(event: PluginApplyListEvent, invocation: Invocation): Promise<PluginApplicantsPage> {
  const request = { api: PLUGIN_DEV_APPLY_LIST, params: { action: 'dev_apply_list', page: event.page, num: event.num } };
  const send = (transport: Transport) => sendRequest(transport, request, invocation.deadline, { onRetry: logRetry(invocation.log) });

  let reply: UpstreamReply;
  let fallback: PluginApplicantsPage['fallback'];
  let authorizerAppid: string | undefined;
  if (event.authorizerAppid !== undefined) {
    // Another account's applicants: the cloud path only ever acts as this account itself.
    const https = await httpsTransportFor(invocation.env, { authorizerAppid: event.authorizerAppid }, FUNC_SET.PLUGIN_MANAGEMENT, invocation.deadline);
    if (!https) throw createError(LOCAL.AUTHORIZER_NEEDS_COMPONENT, { functionName: PLUGIN_DEV_APPLY_LIST.name });
    authorizerAppid = https.authorizerAppid;
    reply = await send(https.transport);
  } else {
    ({ reply, fallback } = await cloudFirst(send, invocation));
  }

  const list = normalizePluginApplyList(reply.body);
  return {
    via: reply.via,
    ...(fallback ? { fallback } : {}),
    ...(authorizerAppid ? { authorizerAppid } : {}),
    paging: { page: event.page, num: event.num, returned: list.items.length, nextPage: list.items.length < event.num ? null : event.page + 1 },
    applicants: list.items,
    extra: list.extra,
  };
}

/** The cloud path; where it is not available to this caller, HTTPS with the configured provider. */
async function cloudFirst(send: (transport: Transport) => Promise<UpstreamReply>, invocation: Invocation): Promise<{ reply: UpstreamReply; fallback?: PluginApplicantsPage['fallback'] }> {
  try {
    return { reply: await send((cloudTransport ??= createCloudTransport())) };
  } catch (thrown) {
    const error = toWxError(thrown, { functionName: PLUGIN_DEV_APPLY_LIST.name, apiName: PLUGIN_DEV_APPLY_LIST.cloudApi });
    if (!CLOUD_UNAVAILABLE_HERE.has(error.code)) throw error;
    const https = await httpsTransportFor(invocation.env, {}, FUNC_SET.PLUGIN_MANAGEMENT, invocation.deadline);
    if (!https) throw explainNoFallback(error, PLUGIN_DEV_APPLY_LIST);
    invocation.log.info('fallback', { from: error.code, to: 'https', tokenProvider: https.provider });
    return { reply: await send(https.transport), fallback: { from: error.code, reason: error.entry.en, tokenProvider: https.provider } };
  }
}

/**
 * dev_apply_list pages by `page` and `num` (002_75be91f7a4c61c42.txt): a shorter page could not
 * say where to continue (page + 1 would skip the rest), so a page over the 1 MB result limit is
 * an error saying which `num` fits, from the sizes of the items of this very page.
 */
export function refusePluginApplicantsPage(page: PluginApplicantsPage, budgetBytes: number): never {
  const fits = itemsThatFit(page, 'applicants', budgetBytes);
  const { num } = page.paging;
  throw createError(LOCAL.RESULT_WOULD_EXCEED_LIMIT, {
    functionName: PLUGIN_DEV_APPLY_LIST.name,
    detail:
      `This page of ${page.applicants.length} applicants would be ${describeBytes(jsonByteLength(page))} of JSON; a function result must stay under 1 MB. ` +
      (fits > 0 ? `About ${fits} of these applicants fit: ask with num <= ${fits}.` : 'Even one of these applicants is too large.'),
    issues: [{ field: 'num', expected: fits > 0 ? `at most ${fits} for applicants this large` : 'a smaller page', received: `${num} (number)` }],
  });
}
