import { wechatError } from '../platform/wechat-errors';
import type { PlatformState } from '../state';
import { jsonReply, type Reply } from '../wire/reply';
import { answerGetOwnList } from './embedded-own-list';
import { parseJsonObjectBody } from './json-body';
import { answerDevApplyList } from './plugin-apply-list';
import { authorizerToken, componentToken, stableToken } from './token-endpoints';
import { handleWecomWebhook, WECOM_WEBHOOK_PATH } from './wecom-webhook';

/** Paths of api.weixin.qq.com the emulator serves; the call log names https calls by them. */
export const WECHAT_PATHS = {
  stableToken: '/cgi-bin/stable_token',
  componentToken: '/cgi-bin/component/api_component_token',
  authorizerToken: '/cgi-bin/component/api_authorizer_token',
  getOwnList: '/wxaapi/wxaembedded/get_own_list',
  devPlugin: '/wxa/devplugin',
} as const;

/**
 * The account a business call runs as: the app's own stable token, or the authorizer token
 * of the authorized Mini Program (third-party call). Component tokens are not accepted there.
 */
function businessCaller(state: PlatformState, query: URLSearchParams): { appid: string } | { errcode: number } {
  const credential = state.tokens.check(query.get('access_token'));
  if (!credential.ok) return { errcode: credential.errcode };
  const own = credential.kind === 'stable' && credential.appid === state.accounts.app.appid;
  const authorized = credential.kind === 'authorizer' && credential.appid === state.accounts.authorizer.appid;
  return own || authorized ? { appid: credential.appid } : { errcode: 40001 };
}

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
    case WECHAT_PATHS.getOwnList: {
      if (method !== 'GET') return jsonReply(wechatError(43001));
      const caller = businessCaller(state, query);
      if ('errcode' in caller) return jsonReply(wechatError(caller.errcode));
      if (!state.quota.take('get_own_list', caller.appid)) return jsonReply(wechatError(45009));
      return jsonReply(answerGetOwnList(state.embedded, state.embeddedFlag, query));
    }
    case WECHAT_PATHS.devPlugin: {
      if (method !== 'POST') return jsonReply(wechatError(43002));
      const caller = businessCaller(state, query);
      if ('errcode' in caller) return jsonReply(wechatError(caller.errcode));
      const parsed = parseJsonObjectBody(body);
      if (!parsed.ok) return jsonReply(wechatError(parsed.errcode));
      if (!state.quota.take('devplugin', caller.appid)) return jsonReply(wechatError(45009));
      return jsonReply(answerDevApplyList(state.applicants, parsed.value));
    }
    case WECOM_WEBHOOK_PATH:
      return handleWecomWebhook(state, method, url, body);
    default:
      return jsonReply(wechatError(40066), 404);
  }
}
