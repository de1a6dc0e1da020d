import { createError, UPSTREAM, type WxError } from '../errors';
import type { ApiDescriptor } from '../transport/types';

/**
 * Console test runs and timers cannot use cloud calls (-501007), nor can local debugging (-604104)
 * (docs/platform/call-sources.md, "Console runs, timers and cloud calls"); with an HTTPS token
 * provider configured, the same call goes to the HTTPS endpoint instead. The platform refuses such
 * a call before it reaches WeChat, so even a write refused this way was not applied.
 */
export const CLOUD_UNAVAILABLE_HERE: ReadonlySet<number> = new Set([UPSTREAM.MISSING_WX_CLOUD_API_TOKEN, UPSTREAM.ILLEGAL_CALL_SOURCE]);

export function explainNoFallback(error: WxError, api: ApiDescriptor): WxError {
  return createError(error.code, {
    functionName: api.name,
    apiName: api.cloudApi,
    upstreamMessage: error.body.upstreamMessage,
    detail:
      'Cloud calls are not available to this caller (console test run, timer or local debugging) and no HTTPS token provider is configured. ' +
      'Set AUTHORIZER_ACCESS_TOKEN, TOKEN_SERVICE_URL, APPID + APPSECRET, or the COMPONENT_* variables so the function can answer over HTTPS.',
  });
}
