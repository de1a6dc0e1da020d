import { wechatError, type WechatErrorBody } from '../platform/wechat-errors';

/**
 * `dev_apply_list` of /wxa/devplugin, shared by the HTTPS path and the cloud path
 * (pluginManager.getPluginDevApplyList), per docs/platform/plugin-manager.md ("Actions", "What the
 * list answers"): page is 1-based, a page holds `num` records, a page past the end is an empty
 * list.
 *
 * Parameter errors (documented choice, the document lists none): a missing or other
 * `action` (the writes are routed to devplugin-actions.ts before this), or a page/num that is not
 * an integer >= 1, answer 40097 "invalid args". No maximum num is documented, so none is enforced.
 */
export function answerDevApplyList(
  applicants: ReadonlyArray<Record<string, unknown>>,
  params: Record<string, unknown>,
): Record<string, unknown> | WechatErrorBody {
  if (params.action !== 'dev_apply_list') return wechatError(40097, 'invalid args: action must be dev_apply_list');
  const { page, num } = params;
  if (!isPositiveInteger(page)) return wechatError(40097, 'invalid args: page must be an integer >= 1');
  if (!isPositiveInteger(num)) return wechatError(40097, 'invalid args: num must be an integer >= 1');
  const start = (page - 1) * num;
  return { errcode: 0, errmsg: 'ok', apply_list: applicants.slice(start, start + num) };
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}
