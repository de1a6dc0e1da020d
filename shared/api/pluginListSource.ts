import { createError, toWxError, type WxError } from '../errors';
import type { Invocation } from '../handler/createHandler';
import { normalizePluginApplyList } from '../schemas/pluginApplyList';
import { createCloudTransport } from '../transport/cloudTransport';
import { sendRequest } from '../transport/sendRequest';
import type { Transport, Via } from '../transport/types';
import { PLUGIN_DEV_APPLY_LIST } from './descriptors';
import { httpsTransportFromEnv } from './httpsTransportFromEnv';
import { logRetry } from './logRetry';

export type PluginListPage = ReturnType<typeof normalizePluginApplyList> & { via: Via };
export interface Fallback {
  from: number;
  reason: string;
  tokenProvider: string;
}

/**
 * Console test runs and timers cannot use cloud calls (-501007), nor can local debugging
 * (-604104) (platform-notes.md, "Call sources"); with an HTTPS token provider configured, the
 * same page is fetched from POST /wxa/devplugin instead.
 */
const CLOUD_UNAVAILABLE_HERE = new Set([-501007, -604104]);

let cloudTransport: Transport | undefined;

/**
 * Pages of the plugin applicant list for one invocation: the cloud path first; once it proves
 * unavailable to this caller, every later page goes straight to HTTPS (one fallback decision
 * per invocation, not one per page).
 */
export function createPluginListSource(invocation: Invocation) {
  let chosen: Transport | undefined;
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
        const https = httpsTransportFromEnv(invocation.env);
        if (!https) throw explainNoFallback(error);
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
