import { FUNC_SET } from '../authorizers/funcSets';
import { toWxError } from '../errors';
import type { Invocation } from '../core/invocation';
import { normalizePluginApplyList } from '../schemas/pluginApplyList';
import { createCloudTransport } from '../transport/cloudTransport';
import { sendRequest } from '../transport/sendRequest';
import type { Transport, Via } from '../transport/types';
import { PLUGIN_DEV_APPLY_LIST } from './descriptors';
import { CLOUD_UNAVAILABLE_HERE, explainNoFallback } from './cloudFallback';
import { httpsTransportFor } from './httpsTransportFor';
import type { ConfiguredHttps } from './httpsTransportFromEnv';
import { logRetry } from './logRetry';

export type PluginListPage = ReturnType<typeof normalizePluginApplyList> & { via: Via };
export interface Fallback {
  from: number;
  reason: string;
  tokenProvider: string;
}

let cloudTransport: Transport | undefined;

/**
 * Pages of the plugin applicant list for one invocation: the cloud path first; once it proves
 * unavailable to this caller, every later page goes straight to HTTPS (one fallback decision
 * per invocation, not one per page). With `direct` (another account named by a third-party
 * platform, whose list the cloud path cannot reach), every page goes over its HTTPS transport.
 */
export function createPluginListSource(invocation: Invocation, direct?: ConfiguredHttps) {
  let chosen: Transport | undefined = direct?.transport;
  let fallback: Fallback | undefined;
  let deciding: Promise<unknown> | undefined;

  const send = (transport: Transport, page: number, num: number) =>
    sendRequest(transport, { api: PLUGIN_DEV_APPLY_LIST, params: { action: 'dev_apply_list', page, num } }, invocation.deadline, {
      onRetry: logRetry(invocation.log),
    });

  async function fetchPage(page: number, num: number): Promise<PluginListPage> {
    // Concurrent pages wait for the first one to settle the transport.
    if (!chosen && deciding) await deciding.catch(() => undefined);
    if (chosen) {
      const reply = await send(chosen, page, num);
      return { ...normalizePluginApplyList(reply.body), via: reply.via };
    }
    const attempt = (async () => {
      const cloud = (cloudTransport ??= createCloudTransport());
      try {
        const reply = await send(cloud, page, num);
        chosen = cloud;
        return reply;
      } catch (thrown) {
        const error = toWxError(thrown, { functionName: PLUGIN_DEV_APPLY_LIST.name, apiName: PLUGIN_DEV_APPLY_LIST.cloudApi });
        if (!CLOUD_UNAVAILABLE_HERE.has(error.code)) throw error;
        const https = await httpsTransportFor(invocation.env, {}, FUNC_SET.PLUGIN_MANAGEMENT, invocation.deadline);
        if (!https) throw explainNoFallback(error, PLUGIN_DEV_APPLY_LIST);
        invocation.log.info('fallback', { from: error.code, to: 'https', tokenProvider: https.provider });
        fallback = { from: error.code, reason: error.entry.en, tokenProvider: https.provider };
        chosen = https.transport;
        return send(https.transport, page, num);
      }
    })();
    deciding = attempt;
    const reply = await attempt;
    return { ...normalizePluginApplyList(reply.body), via: reply.via };
  }

  return {
    fetchPage,
    /** Set once the cloud path proved unavailable here and HTTPS answered instead. */
    fallback: () => fallback,
  };
}
