import { createError, LOCAL, toWxError, type WxError } from '../errors';
import type { Invocation } from '../handler/createHandler';
import { describeBytes, itemsThatFit, jsonByteLength } from '../handler/resultSize';
import type { PluginApplyListEvent } from '../schemas/events';
import { normalizePluginApplyList, type PluginApplicant } from '../schemas/pluginApplyList';
import { createCloudTransport } from '../transport/cloudTransport';
import { sendRequest } from '../transport/sendRequest';
import type { Transport, UpstreamReply, Via } from '../transport/types';
import { PLUGIN_DEV_APPLY_LIST } from './descriptors';
import { httpsTransportFromEnv } from './httpsTransportFromEnv';
import { logRetry } from './logRetry';

export interface PluginApplicantsPage {
  via: Via;
  /** Set when the cloud path could not be used here and HTTPS answered instead. */
  fallback?: { from: number; reason: string; tokenProvider: string };
  paging: { page: number; num: number; returned: number; nextPage: number | null };
  applicants: PluginApplicant[];
  /** Unknown top-level fields of the upstream answer, camelCased. */
  extra: Record<string, unknown>;
}

/**
 * Console test runs and timers cannot use cloud calls (-501007), nor can local debugging
 * (-604104) (platform-notes.md, "Call sources"); with an HTTPS token provider configured, the
 * same page is fetched from POST /wxa/devplugin instead.
 */
const CLOUD_UNAVAILABLE_HERE = new Set([-501007, -604104]);

let cloudTransport: Transport | undefined;

export async function listPluginApplicants(event: PluginApplyListEvent, invocation: Invocation): Promise<PluginApplicantsPage> {
  const request = { api: PLUGIN_DEV_APPLY_LIST, params: { action: 'dev_apply_list', page: event.page, num: event.num } };
  const send = (transport: Transport) => sendRequest(transport, request, invocation.deadline, { onRetry: logRetry(invocation.log) });

  let reply: UpstreamReply;
  let fallback: PluginApplicantsPage['fallback'];
  try {
    reply = await send((cloudTransport ??= createCloudTransport()));
  } catch (thrown) {
    const error = toWxError(thrown, { functionName: PLUGIN_DEV_APPLY_LIST.name, apiName: PLUGIN_DEV_APPLY_LIST.cloudApi });
    if (!CLOUD_UNAVAILABLE_HERE.has(error.code)) throw error;
    const https = httpsTransportFromEnv(invocation.env);
    if (!https) throw explainNoFallback(error);
    invocation.log.info('fallback', { from: error.code, to: 'https', tokenProvider: https.provider });
    fallback = { from: error.code, reason: error.entry.en, tokenProvider: https.provider };
    reply = await send(https.transport);
  }

  const list = normalizePluginApplyList(reply.body);
  return {
    via: reply.via,
    ...(fallback ? { fallback } : {}),
    paging: { page: event.page, num: event.num, returned: list.items.length, nextPage: list.items.length < event.num ? null : event.page + 1 },
    applicants: list.items,
    extra: list.extra,
  };
}

function explainNoFallback(error: WxError): WxError {
  return createError(error.code, {
    functionName: PLUGIN_DEV_APPLY_LIST.name,
    apiName: PLUGIN_DEV_APPLY_LIST.cloudApi,
    upstreamMessage: error.body.upstreamMessage,
    detail:
      'Cloud calls are not available to this caller (console test run, timer or local debugging) and no HTTPS token provider is configured. ' +
      'Set AUTHORIZER_ACCESS_TOKEN, TOKEN_SERVICE_URL, APPID + APPSECRET, or the COMPONENT_* variables so the function can answer over HTTPS.',
  });
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
