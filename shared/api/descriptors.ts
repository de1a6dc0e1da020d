import type { ApiDescriptor } from '../transport/types';

/** 002_75be91f7a4c61c42.txt: cloud `pluginManager.getPluginDevApplyList`, HTTPS `POST /wxa/devplugin`. */
export const PLUGIN_DEV_APPLY_LIST: ApiDescriptor = {
  name: 'getPluginDevApplyList',
  cloudApi: 'pluginManager.getPluginDevApplyList',
  https: { method: 'POST', path: '/wxa/devplugin' },
};

/** 000_9eef388058d54acd.txt: HTTPS only ("本接口不支持云调用", platform-notes.md). */
export const GET_OWN_LIST: ApiDescriptor = {
  name: 'getOwnList',
  https: { method: 'GET', path: '/wxaapi/wxaembedded/get_own_list' },
};

/** Subscribe messages to admins (syncLists' notifications), cloud path `subscribeMessage.send`. */
export const SUBSCRIBE_MESSAGE_SEND: ApiDescriptor = {
  name: 'syncLists',
  cloudApi: 'subscribeMessage.send',
  https: { method: 'POST', path: '/cgi-bin/message/subscribe/send' },
};
