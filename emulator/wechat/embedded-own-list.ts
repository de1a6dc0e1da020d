import { wechatError, type WechatErrorBody } from '../platform/wechat-errors';

/**
 * GET /wxaapi/wxaembedded/get_own_list (docs/platform/half-screen.md, "The endpoints"): `start`
 * defaults to 0, `num` to 10 and is at most 1000. A num outside 1..1000, a negative start, or a
 * value that is not a decimal integer answers 89409 (list parameter error).
 */
export const GET_OWN_LIST_MAX_NUM = 1000;

export function answerGetOwnList(
  records: ReadonlyArray<Record<string, unknown>>,
  embeddedFlag: number,
  query: URLSearchParams,
): Record<string, unknown> | WechatErrorBody {
  const start = parseIntegerParam(query.get('start'), 0);
  const num = parseIntegerParam(query.get('num'), 10);
  if (start === undefined || start < 0) return wechatError(89409, '获取半屏小程序列表参数错误: start');
  if (num === undefined || num < 1 || num > GET_OWN_LIST_MAX_NUM) return wechatError(89409, '获取半屏小程序列表参数错误: num');
  return {
    errcode: 0,
    errmsg: 'ok',
    embedded_flag: embeddedFlag,
    wxa_embedded_list: records.slice(start, start + num),
  };
}

function parseIntegerParam(raw: string | null, fallback: number): number | undefined {
  if (raw === null) return fallback;
  const text = raw.trim();
  if (!/^-?\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}
