import { randomUUID } from 'node:crypto';
import { toJsonText } from '../json-text';
import { wechatError } from '../platform/wechat-errors';
import type { PlatformState } from '../state';
import { applyDevPluginAction, isDevPluginWriteAction } from '../wechat/devplugin-actions';
import { answerDevApplyList } from '../wechat/plugin-apply-list';
import { answerSubscribeSend } from '../wechat/subscribe-send';
import { encodeCommOpenApiResp } from '../wire/openapi-messages';
import { bytesReply, jsonReply, type Reply } from '../wire/reply';
import type { AdminRequest } from './admin-request';

/**
 * wx.openApi on the cloud path (docs/platform/cloud-wire.md, "An open-API call on the wire").
 * The platform answers with raw protobuf CommOpenApiResp whose respData is the WeChat JSON
 * body; CloudBase-level failures are a JSON {code, message} instead.
 */

/** Open APIs the emulated platform knows on the cloud path. Others answer -604100. */
export const CLOUD_OPEN_APIS = ['pluginManager.getPluginDevApplyList', 'pluginManager.setDevPluginApplyStatus', 'subscribeMessage.send'] as const;

export const PLATFORM_API_NOT_FOUND = -604100;

/** The content type of the protobuf reply; anything but the exact JSON one keeps the SDK on the protobuf branch. */
export const PROTOBUF_CONTENT_TYPE = 'application/octet-stream';

export function cloudbaseErrorReply(code: string, message: string): Reply {
  // The SDK only treats the body as JSON when content-type is exactly 'application/json; charset=utf-8'.
  return jsonReply({ code, message, requestId: randomUUID() });
}

export function openApiReply(wechatBody: unknown): Reply {
  return bytesReply(
    encodeCommOpenApiResp({ respData: Buffer.from(toJsonText(wechatBody), 'utf8'), contentType: 'application/json', httpCode: 200 }),
    PROTOBUF_CONTENT_TYPE,
  );
}

export function platformErrorReply(errorCode: number): Reply {
  return bytesReply(encodeCommOpenApiResp({ errorCode, httpCode: 200 }), PROTOBUF_CONTENT_TYPE);
}

export function handleOpenApi(state: PlatformState, request: Extract<AdminRequest, { kind: 'openapi' }>): Reply {
  // Console, timer (without DevTools set-up) and function-to-function calls carry no
  // wxCloudApiToken; the platform refuses them, which the SDK reports as -501007.
  if (!request.wxCloudApiToken) return cloudbaseErrorReply('INVALID_PARAM', 'missing wxCloudApiToken');
  if (!request.requestData || !request.params) return cloudbaseErrorReply('INVALID_PARAM', 'requestData is not a valid CommApiData');
  if (request.requestData.apiType !== 0 || !(CLOUD_OPEN_APIS as readonly string[]).includes(request.api)) {
    return platformErrorReply(PLATFORM_API_NOT_FOUND);
  }
  if (!state.quota.take(request.api, state.accounts.app.appid)) return openApiReply(wechatError(45009));
  if (request.api === 'pluginManager.setDevPluginApplyStatus') {
    // The write half of /wxa/devplugin: its three actions only.
    if (!isDevPluginWriteAction(request.params.action)) return openApiReply(wechatError(40097, 'invalid args: action'));
    return openApiReply(applyDevPluginAction(state.applicants, request.params));
  }
  if (request.api === 'subscribeMessage.send') return openApiReply(answerSubscribeSend(state, request.params));
  return openApiReply(answerDevApplyList(state.applicants, request.params));
}
