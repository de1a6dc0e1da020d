import { randomBytes } from 'node:crypto';

/**
 * errcode -> errmsg of api.weixin.qq.com, for the codes the emulator answers
 * (docs/platform/tokens.md, "Codes every API may answer"; docs/platform/plugin-manager.md, "Codes";
 * docs/platform/half-screen.md, "Codes 89408–89432").
 */
const ERRMSG: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40066: 'invalid url',
  40097: 'invalid args',
  40125: 'invalid appsecret',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  42001: 'access_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  47001: 'data format error',
  61003: 'component is not authorized by this account',
  61004: 'invalid component credential, component_appsecret does not match',
  61005: 'component ticket is expired',
  61006: 'component ticket is invalid',
  61007: 'api is unauthorized to component',
  61010: 'code is expired',
  61023: 'refresh_token is invalid',
  89044: '不存在该插件appid',
  89236: '该插件不能申请',
  89237: '已经添加该插件',
  89238: '申请或使用的插件已经达到上限',
  89239: '该插件不存在',
  89240: '无法进行此操作，只有“待确认”的申请可操作通过/拒绝',
  89241: '无法进行此操作，只有“已拒绝/已超时”的申请可操作删除',
  89242: '该appid不在申请列表内',
  89243: '“待确认”的申请不可删除',
  89408: '半屏小程序系统错误',
  89409: '获取半屏小程序列表参数错误',
  89410: '添加半屏小程序 appid 参数错误',
  89411: '添加半屏小程序 appid 参数为空',
  89412: '添加半屏小程序申请理由不得超过30个字',
  89415: '删除半屏小程序 appid 参数为空',
  89416: '取消半屏小程序授权 appid 参数为空',
  89417: '修改半屏小程序方式 flag 参数错误',
  89421: '删除数据未找到',
  89422: '删除状态异常',
  89427: '申请号和授权号相同',
  89428: '该小程序已申请，不允许重复添加',
};

export interface WechatErrorBody {
  errcode: number;
  errmsg: string;
}

/** Real error messages end with a request id (" rid: ..."), which clients must tolerate. */
function rid(): string {
  const hex = randomBytes(12).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}`;
}

export function wechatError(errcode: number, errmsg?: string): WechatErrorBody {
  const text = errmsg ?? ERRMSG[errcode] ?? 'emulated error';
  return { errcode, errmsg: `${text} rid: ${rid()}` };
}

/** WeChat's answer to a write that was applied. */
export function wechatOk(): WechatErrorBody {
  return { errcode: 0, errmsg: 'ok' };
}
