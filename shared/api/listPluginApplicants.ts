import { toWxError } from '../errors';
import type { Invocation } from '../handler/createHandler';
import type { PluginApplyListEvent } from '../schemas/events';
import { normalizePluginApplyList, type PluginApplicant } from '../schemas/pluginApplyList';
import { createCloudTransport } from '../transport/cloudTransport';
import { sendRequest } from '../transport/sendRequest';
import type { Transport, UpstreamReply, Via } from '../transport/types';
import { CLOUD_UNAVAILABLE_HERE, explainNoFallback } from './cloudFallback';
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
    if (!https) throw explainNoFallback(error, PLUGIN_DEV_APPLY_LIST);
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
