import { wechatError, wechatOk, type WechatErrorBody } from '../platform/wechat-errors';
import type { PlatformState } from '../state';

/**
 * subscribeMessage.send (cloud path names: touser, templateId, page, data, miniprogramState):
 * 40003 for a missing openid, 40037 for a missing template id, 47003 for missing data, else ok
 * and the message is kept for tests and the console. Whether the user subscribed (43101) is
 * not modelled.
 */
export function answerSubscribeSend(state: PlatformState, params: Record<string, unknown>): Record<string, unknown> | WechatErrorBody {
  const touser = params.touser;
  const templateId = params.templateId ?? params.template_id;
  if (typeof touser !== 'string' || touser === '') return wechatError(40003, 'invalid openid');
  if (typeof templateId !== 'string' || templateId === '') return wechatError(40037, 'invalid template_id');
  if (params.data === null || typeof params.data !== 'object') return wechatError(47003, 'argument invalid! data is empty');
  state.outbound.subscribe.push({
    at: state.clock.nowMs(), touser, templateId,
    ...(typeof params.page === 'string' ? { page: params.page } : {}),
    data: params.data as Record<string, unknown>,
  });
  return wechatOk();
}
