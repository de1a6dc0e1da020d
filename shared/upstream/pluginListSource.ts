import { FUNC_SET } from '../authorizers/funcSets';
import type { Invocation } from '../core/invocation';
import { normalizePluginApplyList } from '../schemas/pluginApplyList';
import { sendRequest } from '../transport/sendRequest';
import type { Transport, Via } from '../transport/types';
import { cloudFirstRoute } from './cloudFirstRoute';
import { PLUGIN_DEV_APPLY_LIST } from './descriptors';
import type { ConfiguredHttps } from './httpsTransportFromEnv';
import { logRetry } from './logRetry';

export type PluginListPage = ReturnType<typeof normalizePluginApplyList> & { via: Via };

/**
 * Pages of the plugin applicant list for one invocation, through the cloud-first route
 * (cloudFirstRoute.ts: once the cloud path proves unavailable to this caller, every later page
 * goes straight to HTTPS). With `direct` (another account named by a third-party platform, whose
 * list the cloud path cannot reach), every page goes over its HTTPS transport.
 */
export function createPluginListSource(invocation: Invocation, direct?: ConfiguredHttps) {
  const route = direct ? undefined : cloudFirstRoute(invocation, PLUGIN_DEV_APPLY_LIST, FUNC_SET.PLUGIN_MANAGEMENT);

  const send = (transport: Transport, page: number, num: number) =>
    sendRequest(transport, { api: PLUGIN_DEV_APPLY_LIST, params: { action: 'dev_apply_list', page, num } }, invocation.deadline, {
      onRetry: logRetry(invocation.log),
    });

  async function fetchPage(page: number, num: number): Promise<PluginListPage> {
    const reply = route ? await route.use((transport) => send(transport, page, num), invocation.deadline) : await send(direct!.transport, page, num);
    return { ...normalizePluginApplyList(reply.body), via: reply.via };
  }

  return {
    fetchPage,
    /** Set once the cloud path proved unavailable here and HTTPS answered instead. */
    fallback: () => route?.fallback(),
  };
}
