import { wechatError, wechatOk, type WechatErrorBody } from '../platform/wechat-errors';

/**
 * dev_agree / dev_refuse / dev_delete of /wxa/devplugin (pluginManager.setDevPluginApplyStatus),
 * applied to the one mutable applicant list, with the platform's rules
 * (docs/platform/plugin-manager.md, "Codes"):
 * - only a pending application (status 1) can be approved or refused: 89240 otherwise;
 * - only a rejected (3) or expired (4) one can be deleted: 89243 for a pending one, 89241 for
 *   any other status;
 * - an appid not in the list: 89242.
 * dev_refuse and dev_delete without an appid follow the document's wording: dev_refuse without
 * an appid names no application (40097); dev_delete without one deletes every rejected or
 * expired applicant ("删除已拒绝的申请者").
 */
export const DEV_PLUGIN_WRITE_ACTIONS = ['dev_agree', 'dev_refuse', 'dev_delete'] as const;

const PENDING = 1;
const APPROVED = 2;
const REJECTED = 3;
const EXPIRED = 4;

export function isDevPluginWriteAction(action: unknown): action is (typeof DEV_PLUGIN_WRITE_ACTIONS)[number] {
  return (DEV_PLUGIN_WRITE_ACTIONS as readonly unknown[]).includes(action);
}

export function applyDevPluginAction(applicants: Array<Record<string, unknown>>, params: Record<string, unknown>): WechatErrorBody {
  const { action, appid } = params;
  if (action === 'dev_delete' && appid === undefined) {
    for (let i = applicants.length - 1; i >= 0; i--) {
      const status = applicants[i]?.status;
      if (status === REJECTED || status === EXPIRED) applicants.splice(i, 1);
    }
    return wechatOk();
  }
  if (typeof appid !== 'string' || appid === '') return wechatError(40097, 'invalid args: appid');
  if (action === 'dev_refuse' && (typeof params.reason !== 'string' || params.reason === '')) return wechatError(40097, 'invalid args: reason');
  const index = applicants.findIndex((a) => a.appid === appid);
  const applicant = applicants[index];
  if (!applicant) return wechatError(89242);
  switch (action) {
    case 'dev_agree':
    case 'dev_refuse':
      if (applicant.status !== PENDING) return wechatError(89240);
      applicant.status = action === 'dev_agree' ? APPROVED : REJECTED;
      return wechatOk();
    case 'dev_delete':
      if (applicant.status === PENDING) return wechatError(89243);
      if (applicant.status !== REJECTED && applicant.status !== EXPIRED) return wechatError(89241);
      applicants.splice(index, 1);
      return wechatOk();
    default:
      return wechatError(40097, 'invalid args: action');
  }
}
