import type { ApiDescriptor } from '../transport/types';

/** Cloud `pluginManager.getPluginDevApplyList`, HTTPS `POST /wxa/devplugin` (docs/platform/plugin-manager.md, "Two ways to call it"). */
export const PLUGIN_DEV_APPLY_LIST: ApiDescriptor = {
  name: 'getPluginDevApplyList',
  cloudApi: 'pluginManager.getPluginDevApplyList',
  https: { method: 'POST', path: '/wxa/devplugin' },
};

/** HTTPS only: no cloud call exists for it (docs/platform/half-screen.md, "HTTPS only"). */
export const GET_OWN_LIST: ApiDescriptor = {
  name: 'getOwnList',
  https: { method: 'GET', path: '/wxaapi/wxaembedded/get_own_list' },
};

/**
 * pluginManager.setDevPluginApplyStatus / POST /wxa/devplugin, actions dev_agree, dev_refuse,
 * dev_delete (permission set 40). What each action takes, and why we send what we send:
 * - dev_agree: `{ action, appid }`. Every source agrees (the document's sample, node-easywechat
 *   PluginDevClient.agree, the newer managePluginApplication page: "appid: action为dev_agree时填写").
 * - dev_refuse: `{ action, appid, reason }`. The known disagreement: the document's sample and
 *   node-easywechat PluginDevClient.refuse(reason) send only `reason`, and the parameter table
 *   marks `appid` "同意申请时填写" (for approval). But one refusal is of one application, and the
 *   documented errors 89240 ("only pending applications can be approved/refused") and 89242
 *   ("appid not in the application list") only make sense if the platform reads `appid` for it.
 *   Sending `appid` too is harmless if ignored, and leaving it out could refuse the wrong
 *   application or none; so we send both. `reason` is required by us (the table: "拒绝申请时填写").
 * - dev_delete: `{ action, appid }`. The document describes it as "删除已拒绝的申请者" (delete rejected
 *   applicants) and node-easywechat sends no appid at all, which would delete every rejected one;
 *   we always name the applicant, so a delete never reaches further than the caller chose. The
 *   documented 89241/89243 (only rejected/expired may be deleted, pending may not) are per-application rules.
 * Writes are never retried blindly (shared/transport/retryPolicy.ts WRITE_RETRY_POLICY).
 */
export const SET_DEV_PLUGIN_APPLY_STATUS: ApiDescriptor = {
  name: 'setDevPluginApplyStatus',
  cloudApi: 'pluginManager.setDevPluginApplyStatus',
  https: { method: 'POST', path: '/wxa/devplugin' },
};

/**
 * The half-screen management endpoints (open-platform "embedded-management" documents; HTTPS
 * only, docs/platform/half-screen.md, "The endpoints"; SKIT.FlurlHttpClient.Wechat
 * and WxJava WxOpenMaEmbeddedService agree on methods and bodies):
 * - set_authorize: POST `{ flag }`, 0 admin confirms, 1 approve automatically, 2 reject automatically.
 * - del_authorize: POST `{ appid }` (several SDKs, e.g. Senparc DelAuthorize(flag) and an
 *   EasySwoole client, wrongly send `{ flag }`; SKIT's WxaApiWxaEmbeddedDeleteAuthorizeRequest and
 *   the document send `appid`, and 89416 is "取消半屏小程序授权 appid 参数为空").
 * - add_embedded: POST `{ appid, apply_reason }`, apply_reason at most 30 characters (89412).
 * - del_embedded: POST `{ appid }`.
 * - get_list: GET `?start&num` (num at most 1000), answered like get_own_list.
 */
export const EMBEDDED_SET_AUTHORIZE: ApiDescriptor = { name: 'manageEmbedded', https: { method: 'POST', path: '/wxaapi/wxaembedded/set_authorize' } };
export const EMBEDDED_DEL_AUTHORIZE: ApiDescriptor = { name: 'manageEmbedded', https: { method: 'POST', path: '/wxaapi/wxaembedded/del_authorize' } };
export const EMBEDDED_ADD: ApiDescriptor = { name: 'manageEmbedded', https: { method: 'POST', path: '/wxaapi/wxaembedded/add_embedded' } };
export const EMBEDDED_DEL: ApiDescriptor = { name: 'manageEmbedded', https: { method: 'POST', path: '/wxaapi/wxaembedded/del_embedded' } };
export const EMBEDDED_GET_LIST: ApiDescriptor = { name: 'manageEmbedded', https: { method: 'GET', path: '/wxaapi/wxaembedded/get_list' } };
/** Subscribe messages to admins (syncLists' notifications), cloud path `subscribeMessage.send`. */
export const SUBSCRIBE_MESSAGE_SEND: ApiDescriptor = {
  name: 'syncLists',
  cloudApi: 'subscribeMessage.send',
  https: { method: 'POST', path: '/cgi-bin/message/subscribe/send' },
};
