import { LOCAL } from './codes';

/**
 * How a failure may be retried; decided here, once, for every code (the one place retryability
 * is classified, as smithy clients do):
 * - `backoff`: a transient failure; the same request may succeed after a jittered delay.
 * - `token`: the access token was rejected; retry once after refreshing it, never more.
 * - `never`: retrying the same request cannot help (parameters, permissions, quota).
 */
export type RetryClass = 'backoff' | 'token' | 'never';

/** Who produced a code: WeChat's API, the CloudBase platform, or this package. */
export type ErrorSource = 'wechat' | 'platform' | 'local';

export interface HintContext {
  /** Open API name on the cloud path, e.g. `pluginManager.getPluginDevApplyList`. */
  apiName?: string;
  /** The cloud function that failed, e.g. `getPluginDevApplyList`. */
  functionName?: string;
}

export interface CatalogEntry {
  name: string;
  source: ErrorSource;
  zh: string;
  en: string;
  retry: RetryClass;
  hint: string | ((ctx: HintContext) => string);
}

const fnConfig = (ctx: HintContext) =>
  `cloudfunctions/${ctx.functionName ?? '<function>'}/config.json`;

/**
 * Every code the two API documents declare (002: 0, -1, 89236-89243, 89044; 000: 89408, 89409),
 * the platform codes the cloud path really produces (platform-notes.md, "Platform error codes"),
 * the global token and quota codes, the token-endpoint codes, and this package's own codes.
 */
export const CATALOG: Readonly<Record<number, CatalogEntry>> = {
  0: { name: 'OK', source: 'wechat', zh: '正常', en: 'OK', retry: 'never', hint: 'No action needed.' },
  [-1]: {
    name: 'SYSTEM_BUSY', source: 'wechat', zh: '系统错误（系统繁忙）', en: 'WeChat system error (system busy)',
    retry: 'backoff', hint: 'Transient on the WeChat side; the call was retried with backoff. Try again shortly.',
  },

  // --- pluginManager / devplugin (002_75be91f7a4c61c42.txt) ---
  89236: { name: 'PLUGIN_CANNOT_APPLY', source: 'wechat', zh: '该插件不能申请', en: 'This plugin cannot be applied for', retry: 'never',
    hint: 'The plugin does not accept applications; check its settings in the Mini Program admin console.' },
  89237: { name: 'PLUGIN_ALREADY_ADDED', source: 'wechat', zh: '已经添加该插件', en: 'The plugin has already been added', retry: 'never',
    hint: 'Nothing to do: the applicant already uses this plugin.' },
  89238: { name: 'PLUGIN_LIMIT_REACHED', source: 'wechat', zh: '申请或使用的插件已经达到上限', en: 'The limit of applied or used plugins has been reached', retry: 'never',
    hint: 'Remove a plugin or an application before adding another.' },
  89239: { name: 'PLUGIN_NOT_EXIST', source: 'wechat', zh: '该插件不存在', en: 'The plugin does not exist', retry: 'never',
    hint: 'Call this function from the plugin account (the Mini Program that owns the plugin); the calling account has no plugin.' },
  89240: { name: 'ONLY_PENDING_CAN_BE_DECIDED', source: 'wechat', zh: '无法进行此操作，只有“待确认”的申请可操作通过/拒绝', en: 'Only pending applications can be approved or rejected', retry: 'never',
    hint: 'Reload the list: the application is no longer pending (status 1).' },
  89241: { name: 'ONLY_REJECTED_OR_EXPIRED_CAN_BE_DELETED', source: 'wechat', zh: '无法进行此操作，只有“已拒绝/已超时”的申请可操作删除', en: 'Only rejected or expired applications can be deleted', retry: 'never',
    hint: 'Delete only applications with status 3 (rejected) or 4 (expired).' },
  89242: { name: 'APPID_NOT_IN_APPLY_LIST', source: 'wechat', zh: '该appid不在申请列表内', en: 'The appid is not in the application list', retry: 'never',
    hint: 'Check the appid against a fresh applicant list.' },
  89243: { name: 'PENDING_CANNOT_BE_DELETED', source: 'wechat', zh: '“待确认”的申请不可删除', en: 'A pending application cannot be deleted', retry: 'never',
    hint: 'Approve or reject the application first, then delete it.' },
  89044: { name: 'PLUGIN_APPID_NOT_EXIST', source: 'wechat', zh: '不存在该插件appid', en: 'No plugin with this appid exists', retry: 'never',
    hint: 'Check the plugin appid; it must be a plugin the calling account owns.' },

  // --- half-screen Mini Program (000_9eef388058d54acd.txt) ---
  89408: { name: 'EMBEDDED_SYSTEM_ERROR', source: 'wechat', zh: '半屏小程序系统错误', en: 'Half-screen Mini Program system error', retry: 'backoff',
    hint: 'Transient on the WeChat side; the call was retried with backoff. Try again shortly.' },
  89409: { name: 'EMBEDDED_LIST_PARAM_ERROR', source: 'wechat', zh: '获取半屏小程序列表参数错误', en: 'Invalid parameters for the half-screen Mini Program list', retry: 'never',
    hint: 'Use start >= 0 and num between 1 and 1000.' },

  // --- global token and quota codes (platform-notes.md, "Tokens") ---
  40001: { name: 'INVALID_CREDENTIAL', source: 'wechat', zh: '获取 access_token 时 AppSecret 错误，或者 access_token 无效', en: 'Invalid credential: the access token is invalid or not the latest', retry: 'token',
    hint: 'The token was refreshed and the call retried once. If this persists, another system is refreshing the same account\'s token: fetch tokens from one place (TOKEN_SERVICE_URL) instead.' },
  40014: { name: 'INVALID_ACCESS_TOKEN', source: 'wechat', zh: '不合法的 access_token', en: 'Illegal access token', retry: 'token',
    hint: 'The token was refreshed and the call retried once. If this persists, check that the token provider returns the full, untrimmed token.' },
  42001: { name: 'ACCESS_TOKEN_EXPIRED', source: 'wechat', zh: 'access_token 超时', en: 'Access token expired', retry: 'token',
    hint: 'The token was refreshed and the call retried once. If this persists, check the clock of the token service and the expires_in it reports.' },
  45009: { name: 'DAILY_QUOTA_REACHED', source: 'wechat', zh: '接口调用超过限制（日调用量已达上限）', en: 'API daily call quota reached', retry: 'never',
    hint: 'The daily quota is used up; it resets at midnight (Beijing time). Reduce calls (cache pages, share tokens) or reset it with the clear_quota API.' },
  40013: { name: 'INVALID_APPID', source: 'wechat', zh: '不合法的 AppID', en: 'Invalid AppID', retry: 'never',
    hint: 'Check APPID / COMPONENT_APPID / AUTHORIZER_APPID.' },
  40125: { name: 'INVALID_APPSECRET', source: 'wechat', zh: '无效的 AppSecret', en: 'Invalid AppSecret', retry: 'never',
    hint: 'Check APPSECRET (or COMPONENT_APPSECRET); reset it in the admin console if it was rotated.' },
  61004: { name: 'COMPONENT_CREDENTIAL_REJECTED', source: 'wechat', zh: '第三方平台凭证被拒绝（IP 白名单或 AppSecret 错误）', en: 'Third-party platform credentials rejected (IP allow-list or secret)', retry: 'never',
    hint: 'Check COMPONENT_APPSECRET and add the function\'s outbound IP to the third-party platform\'s allow-list.' },
  61005: { name: 'VERIFY_TICKET_EXPIRED', source: 'wechat', zh: 'component_verify_ticket 已过期', en: 'component_verify_ticket expired', retry: 'never',
    hint: 'Store the ticket WeChat pushes every 10 minutes (it is valid 12 hours) and make sure the push endpoint works.' },
  61006: { name: 'VERIFY_TICKET_INVALID', source: 'wechat', zh: 'component_verify_ticket 无效', en: 'component_verify_ticket invalid', retry: 'never',
    hint: 'Use the latest ticket WeChat pushed for this COMPONENT_APPID.' },
  61023: { name: 'REFRESH_TOKEN_INVALID', source: 'wechat', zh: 'authorizer_refresh_token 无效', en: 'authorizer_refresh_token invalid', retry: 'never',
    hint: 'The refresh token rotated or the authorization was revoked. Re-authorize the Mini Program and store the new authorizer_refresh_token.' },

  // --- CloudBase platform codes seen on the cloud path (platform-notes.md) ---
  [-604101]: { name: 'OPENAPI_NO_PERMISSION', source: 'platform', zh: '云函数未在 config.json 中声明该接口权限', en: 'The function has no permission to call this API', retry: 'never',
    hint: (ctx) => `Add "${ctx.apiName ?? '<api>'}" to "permissions.openapi" in ${fnConfig(ctx)} (npm run build writes it from the top-level config.json), upload the function again, and wait about 10 minutes: permissions are refreshed on upload and cached.` },
  [-604100]: { name: 'OPENAPI_NOT_FOUND', source: 'platform', zh: '接口不存在', en: 'API not found', retry: 'never',
    hint: (ctx) => `The platform does not know "${ctx.apiName ?? '<api>'}"; update wx-server-sdk and check the API name.` },
  [-604102]: { name: 'OPENAPI_TIMEOUT', source: 'platform', zh: '开放接口调用超时', en: 'Open API call timed out', retry: 'backoff',
    hint: 'Transient; the call was retried with backoff. If it persists, lower num.' },
  [-604103]: { name: 'OPENAPI_SYSTEM_ERROR', source: 'platform', zh: '云调用系统错误', en: 'Cloud call system error', retry: 'backoff',
    hint: 'Transient on the platform; the call was retried with backoff. Try again shortly.' },
  [-604104]: { name: 'ILLEGAL_CALL_SOURCE', source: 'platform', zh: '非法调用来源', en: 'Illegal call source', retry: 'never',
    hint: 'Cloud calls work only when the function is invoked from a Mini Program or WeChat DevTools. For local debugging or console runs configure an HTTPS token provider (see README) so the function can use the HTTPS path.' },
  [-604001]: { name: 'RESULT_TOO_LARGE', source: 'platform', zh: '云函数返回结果超过 1MB', en: 'Function result larger than 1 MB', retry: 'never',
    hint: 'Request fewer records per page (lower num).' },
  [-501007]: { name: 'MISSING_WX_CLOUD_API_TOKEN', source: 'platform', zh: '参数错误：缺少 wxCloudApiToken（控制台、定时器等来源不支持云调用）', en: 'Invalid parameters: wxCloudApiToken missing (console, timer and web calls cannot use cloud calls)', retry: 'never',
    hint: 'Cloud calls need a Mini Program or DevTools caller (or a timer set up from WeChat DevTools). For console test runs and timers configure an HTTPS token provider (AUTHORIZER_ACCESS_TOKEN, TOKEN_SERVICE_URL or APPID+APPSECRET) so the function falls back to the HTTPS path.' },
  [-501001]: { name: 'CLOUDBASE_SYSTEM_ERROR', source: 'platform', zh: '云开发系统错误（网络或服务异常）', en: 'CloudBase system error (network or service failure)', retry: 'backoff',
    hint: 'Transient; the call was retried with backoff. Try again shortly.' },
  [-501002]: { name: 'CLOUDBASE_TIMEOUT', source: 'platform', zh: '云开发服务超时', en: 'CloudBase service timed out', retry: 'backoff',
    hint: 'Transient; the call was retried with backoff.' },
  [-501003]: { name: 'CLOUDBASE_RATE_LIMITED', source: 'platform', zh: '超出请求频率限制', en: 'CloudBase request rate limit exceeded', retry: 'backoff',
    hint: 'Slow down; calls are being retried with backoff.' },
  [-502005]: { name: 'DATABASE_COLLECTION_NOT_EXIST', source: 'platform', zh: '数据库集合不存在', en: 'Database collection does not exist', retry: 'never',
    hint: 'Create the collection named by TOKEN_COLLECTION in the CloudBase console, or allow the function to create it.' },
  [-601001]: { name: 'WX_SYSTEM_ERROR', source: 'platform', zh: '微信系统错误（云调用返回无法解析）', en: 'WeChat system error (unreadable cloud call reply)', retry: 'backoff',
    hint: 'Transient or a malformed reply; the call was retried with backoff.' },

  // --- this package's own codes (codes.ts) ---
  [LOCAL.INVALID_EVENT]: { name: 'INVALID_EVENT', source: 'local', zh: '事件参数不合法', en: 'Invalid event', retry: 'never',
    hint: 'Fix the field named in error.issues; no upstream call was made.' },
  [LOCAL.CALLER_NOT_ALLOWED]: { name: 'CALLER_NOT_ALLOWED', source: 'local', zh: '调用方无权使用此云函数', en: 'This caller may not use this function', retry: 'never',
    hint: 'Mini Program callers must be listed in ADMIN_OPENIDS (comma-separated OPENIDs); other call sources must be listed in ALLOWED_SOURCES. See README, "Who may call".' },
  [LOCAL.UPSTREAM_INVALID_BODY]: { name: 'UPSTREAM_INVALID_BODY', source: 'local', zh: '上游返回的数据结构不符合接口文档', en: 'The upstream answer does not match the documented shape', retry: 'never',
    hint: 'error.issues names the field that did not match; report it with the request id.' },
  [LOCAL.UPSTREAM_NOT_JSON]: { name: 'UPSTREAM_NOT_JSON', source: 'local', zh: '上游返回的不是 JSON（可能是网关错误页）', en: 'The upstream answer is not JSON (probably a gateway error page)', retry: 'backoff',
    hint: 'Usually a proxy or gateway error page; retried with backoff. Check WECHAT_API_BASE_URL if it persists.' },
  [LOCAL.UPSTREAM_HTTP_ERROR]: { name: 'UPSTREAM_HTTP_ERROR', source: 'local', zh: '上游 HTTP 状态异常', en: 'Upstream HTTP error status', retry: 'backoff',
    hint: '5xx answers are retried with backoff while time remains; if it persists the upstream is down.' },
  [LOCAL.UPSTREAM_HTTP_CLIENT_ERROR]: { name: 'UPSTREAM_HTTP_CLIENT_ERROR', source: 'local', zh: '上游返回 HTTP 4xx', en: 'Upstream answered with an HTTP 4xx status', retry: 'never',
    hint: 'The request did not reach a WeChat API: check WECHAT_API_BASE_URL (and any proxy in front of it).' },
  [LOCAL.NETWORK_ERROR]: { name: 'NETWORK_ERROR', source: 'local', zh: '网络错误（连接被断开或无法建立）', en: 'Network error (connection dropped or refused)', retry: 'backoff',
    hint: 'Retried with backoff; check the network and WECHAT_API_BASE_URL if it persists.' },
  [LOCAL.ATTEMPT_TIMEOUT]: { name: 'ATTEMPT_TIMEOUT', source: 'local', zh: '单次请求超时', en: 'Request attempt timed out', retry: 'backoff',
    hint: 'Retried while time remained; raise HTTP_ATTEMPT_TIMEOUT_MS or the function timeout if the upstream is slow.' },
  [LOCAL.DEADLINE_EXCEEDED]: { name: 'DEADLINE_EXCEEDED', source: 'local', zh: '在云函数超时前未能完成请求', en: 'Could not finish before the function time limit', retry: 'never',
    hint: 'The upstream was too slow for the function timeout; raise "timeout" for this function in config.json or lower num.' },
  [LOCAL.TOKEN_NOT_CONFIGURED]: { name: 'TOKEN_NOT_CONFIGURED', source: 'local', zh: '未配置 access_token 来源', en: 'No access token provider is configured', retry: 'never',
    hint: 'Set one of: AUTHORIZER_ACCESS_TOKEN; TOKEN_SERVICE_URL; COMPONENT_APPID + COMPONENT_APPSECRET + AUTHORIZER_APPID + AUTHORIZER_REFRESH_TOKEN; or APPID + APPSECRET. See README, "Tokens".' },
  [LOCAL.TOKEN_PROVIDER_FAILED]: { name: 'TOKEN_PROVIDER_FAILED', source: 'local', zh: '获取 access_token 失败', en: 'Fetching the access token failed', retry: 'backoff',
    hint: 'See error.cause for the token endpoint\'s own code.' },
  [LOCAL.CONFIG_INVALID]: { name: 'CONFIG_INVALID', source: 'local', zh: '环境变量配置不合法', en: 'Invalid environment configuration', retry: 'never',
    hint: 'Fix the environment variable named in the message (see README, "Environment variables").' },
  [LOCAL.DATABASE_TIMEOUT]: { name: 'DATABASE_TIMEOUT', source: 'local', zh: '云数据库在云函数超时前未响应', en: 'The CloudBase database did not answer before the function time limit', retry: 'never',
    hint: 'The database is stalled or slow; the function answered instead of being killed. Try again shortly; check the environment\'s database status if it persists.' },
  [LOCAL.SYNC_IN_PROGRESS]: { name: 'SYNC_IN_PROGRESS', source: 'local', zh: '另一次同步正在进行', en: 'Another sync run holds the lease', retry: 'never',
    hint: 'Nothing to do: the run holding the lease finishes the work (a crashed run\'s lease lapses after its time limit). Look at the sync_state collection or run syncLists again in a minute.' },
  [LOCAL.SYNC_LIST_FAILED]: { name: 'SYNC_LIST_FAILED', source: 'local', zh: '同步某个列表时上游请求失败', en: 'A page of a list failed while syncing it', retry: 'never',
    hint: 'error.cause holds the upstream code. Pages already stored stay stored and the next run resumes from the failed page; nothing is counted twice.' },
  [LOCAL.NOTIFY_SEND_FAILED]: { name: 'NOTIFY_SEND_FAILED', source: 'local', zh: '通知发送失败，将在下次同步时重发', en: 'A notification could not be sent; the next sync run sends it again', retry: 'never',
    hint: 'error.cause holds the WeCom or WeChat code (45009: the robot\'s 20 messages a minute; 43101: the admin has not subscribed to NOTIFY_TEMPLATE_ID). The notification stays pending in the notifications collection.' },
  [LOCAL.INTERNAL]: { name: 'INTERNAL', source: 'local', zh: '内部错误', en: 'Internal error', retry: 'never',
    hint: 'A bug in this package; report it with the request id.' },
};

/** An entry for a code nobody documented: still well-formed, never retried (unknown errors are never retried, as ky does). */
export function unknownEntry(code: number): CatalogEntry {
  return {
    name: 'UNKNOWN',
    source: code > 0 || code === -1 ? 'wechat' : code <= -500000 && code > -700000 ? 'platform' : 'local',
    zh: `未知错误码 ${code}`,
    en: `Unknown error code ${code}`,
    retry: 'never',
    hint: 'Look the code up in the WeChat global error code list; error.upstreamMessage holds what the platform said.',
  };
}

export function lookup(code: number): CatalogEntry {
  return Object.prototype.hasOwnProperty.call(CATALOG, code) ? (CATALOG[code] as CatalogEntry) : unknownEntry(code);
}
