import { wechatError } from '../platform/wechat-errors';
import type { PlatformState } from '../state';
import { jsonReply, type Reply } from '../wire/reply';
import { applyDevPluginAction, isDevPluginWriteAction } from './devplugin-actions';
import { addEmbedded, deleteAuthorization, deleteEmbedded, setAuthorize } from './embedded-actions';
import { answerGetOwnList } from './embedded-own-list';
import { parseJsonObjectBody } from './json-body';
import { answerDevApplyList } from './plugin-apply-list';
import { answerConsent, answerLoginPage, CONSENT_PATHS } from '../open-platform/consent-page';
import { authorizerInfo, authorizerList, authorizerToken, componentToken, createPreAuthCode, queryAuth, stableToken, startPushTicket } from './token-endpoints';
import { handleWecomWebhook, WECOM_WEBHOOK_PATH } from './wecom-webhook';

/** Paths of api.weixin.qq.com the emulator serves; the call log names https calls by them. */
export const WECHAT_PATHS = {
  stableToken: '/cgi-bin/stable_token',
  componentToken: '/cgi-bin/component/api_component_token',
  authorizerToken: '/cgi-bin/component/api_authorizer_token',
  createPreAuthCode: '/cgi-bin/component/api_create_preauthcode',
  queryAuth: '/cgi-bin/component/api_query_auth',
  getAuthorizerList: '/cgi-bin/component/api_get_authorizer_list',
  getAuthorizerInfo: '/cgi-bin/component/api_get_authorizer_info',
  startPushTicket: '/cgi-bin/component/api_start_push_ticket',
  getOwnList: '/wxaapi/wxaembedded/get_own_list',
  devPlugin: '/wxa/devplugin',
  getList: '/wxaapi/wxaembedded/get_list',
  setAuthorize: '/wxaapi/wxaembedded/set_authorize',
  delAuthorize: '/wxaapi/wxaembedded/del_authorize',
  addEmbedded: '/wxaapi/wxaembedded/add_embedded',
  delEmbedded: '/wxaapi/wxaembedded/del_embedded',
} as const;

/** The POST half-screen writes, by path. */
const EMBEDDED_WRITES: Readonly<Record<string, (state: PlatformState, params: Record<string, unknown>) => object>> = {
  [WECHAT_PATHS.setAuthorize]: setAuthorize,
  [WECHAT_PATHS.delAuthorize]: deleteAuthorization,
  [WECHAT_PATHS.addEmbedded]: addEmbedded,
  [WECHAT_PATHS.delEmbedded]: deleteEmbedded,
};

/** dev_apply_list reads; dev_agree / dev_refuse / dev_delete write (both on /wxa/devplugin). */
export function answerDevPlugin(state: PlatformState, params: Record<string, unknown>): object {
  return isDevPluginWriteAction(params.action) ? applyDevPluginAction(state.applicants, params) : answerDevApplyList(state.applicants, params);
}

/**
 * The account a business call runs as: the app's own stable token, or the authorizer token of
 * a Mini Program that authorized the component (third-party call), which must have granted the
 * permission set of the API (`funcSet`; 61007 otherwise). Component tokens are not accepted there.
 */
function businessCaller(state: PlatformState, query: URLSearchParams, funcSet: number): { appid: string } | { errcode: number } {
  const credential = state.tokens.check(query.get('access_token'));
  if (!credential.ok) return { errcode: credential.errcode };
  if (credential.kind === 'stable' && credential.appid === state.accounts.app.appid) return { appid: credential.appid };
  if (credential.kind !== 'authorizer' || !state.openPlatform.isAuthorized(credential.appid)) return { errcode: 40001 };
  if (!state.openPlatform.funcIds(credential.appid).includes(funcSet)) return { errcode: 61007 };
  return { appid: credential.appid };
}

/** Permission sets (func_info ids): 18 half-screen Mini Programs, 40 plugin management. */
const HALF_SCREEN = 18;
const PLUGIN_MANAGEMENT = 40;

export function handleWechatRequest(state: PlatformState, method: string, url: URL, body: Buffer): Reply {
  const path = url.pathname;
  const query = url.searchParams;
  switch (path) {
    case WECHAT_PATHS.stableToken:
    case WECHAT_PATHS.componentToken:
    case WECHAT_PATHS.authorizerToken: {
      if (method !== 'POST') return jsonReply(wechatError(43002));
      if (path === WECHAT_PATHS.authorizerToken) {
        // The query credential is checked before the body, as the gateway does.
        const credential = state.tokens.check(query.get('component_access_token'));
        if (!credential.ok) return jsonReply(wechatError(credential.errcode));
      }
      const parsed = parseJsonObjectBody(body);
      if (!parsed.ok) return jsonReply(wechatError(parsed.errcode));
      if (path === WECHAT_PATHS.stableToken) return stableToken(state, parsed.value);
      if (path === WECHAT_PATHS.componentToken) return componentToken(state, parsed.value);
      return authorizerToken(state, query, parsed.value);
    }
    case WECHAT_PATHS.createPreAuthCode:
    case WECHAT_PATHS.queryAuth:
    case WECHAT_PATHS.getAuthorizerList:
    case WECHAT_PATHS.getAuthorizerInfo:
    case WECHAT_PATHS.startPushTicket: {
      if (method !== 'POST') return jsonReply(wechatError(43002));
      const parsed = parseJsonObjectBody(body);
      if (!parsed.ok) return jsonReply(wechatError(parsed.errcode));
      const endpoint = {
        [WECHAT_PATHS.createPreAuthCode]: createPreAuthCode,
        [WECHAT_PATHS.queryAuth]: queryAuth,
        [WECHAT_PATHS.getAuthorizerList]: authorizerList,
        [WECHAT_PATHS.getAuthorizerInfo]: authorizerInfo,
        [WECHAT_PATHS.startPushTicket]: startPushTicket,
      }[path];
      return endpoint(state, query, parsed.value);
    }
    // The merchant's side of an authorization link (mp.weixin.qq.com / open.weixin.qq.com), played here.
    case CONSENT_PATHS.pcLogin:
    case CONSENT_PATHS.mobileLogin:
      return answerLoginPage(state, url);
    case CONSENT_PATHS.consent:
      return answerConsent(state, url);
    case WECHAT_PATHS.getOwnList: {
      if (method !== 'GET') return jsonReply(wechatError(43001));
      const caller = businessCaller(state, query, HALF_SCREEN);
      if ('errcode' in caller) return jsonReply(wechatError(caller.errcode));
      if (!state.quota.take('get_own_list', caller.appid)) return jsonReply(wechatError(45009));
      return jsonReply(answerGetOwnList(state.embedded, state.embeddedFlag, query));
    }
    case WECHAT_PATHS.devPlugin: {
      if (method !== 'POST') return jsonReply(wechatError(43002));
      const caller = businessCaller(state, query, PLUGIN_MANAGEMENT);
      if ('errcode' in caller) return jsonReply(wechatError(caller.errcode));
      const parsed = parseJsonObjectBody(body);
      if (!parsed.ok) return jsonReply(wechatError(parsed.errcode));
      if (!state.quota.take('devplugin', caller.appid)) return jsonReply(wechatError(45009));
      return jsonReply(answerDevPlugin(state, parsed.value));
    }
    case WECHAT_PATHS.getList: {
      if (method !== 'GET') return jsonReply(wechatError(43001));
      const caller = businessCaller(state, query, HALF_SCREEN);
      if ('errcode' in caller) return jsonReply(wechatError(caller.errcode));
      if (!state.quota.take('get_list', caller.appid)) return jsonReply(wechatError(45009));
      // get_list answers in get_own_list's shape (the Mini Programs this account embeds), without a mode.
      const answer = answerGetOwnList(state.embedding, state.embeddedFlag, query);
      if ('embedded_flag' in answer) delete answer.embedded_flag;
      return jsonReply(answer);
    }
    case WECHAT_PATHS.setAuthorize:
    case WECHAT_PATHS.delAuthorize:
    case WECHAT_PATHS.addEmbedded:
    case WECHAT_PATHS.delEmbedded: {
      if (method !== 'POST') return jsonReply(wechatError(43002));
      const caller = businessCaller(state, query, HALF_SCREEN);
      if ('errcode' in caller) return jsonReply(wechatError(caller.errcode));
      const parsed = parseJsonObjectBody(body);
      if (!parsed.ok) return jsonReply(wechatError(parsed.errcode));
      if (!state.quota.take(path.slice(path.lastIndexOf('/') + 1), caller.appid)) return jsonReply(wechatError(45009));
      return jsonReply((EMBEDDED_WRITES[path] as (s: PlatformState, p: Record<string, unknown>) => object)(state, parsed.value));
    }
    case WECOM_WEBHOOK_PATH:
      return handleWecomWebhook(state, method, url, body);
    default:
      return jsonReply(wechatError(40066), 404);
  }
}
