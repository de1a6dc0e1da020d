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

/** A hint in Chinese and English, like the message. */
export interface Hint {
  zh: string;
  en: string;
}

export interface CatalogEntry {
  name: string;
  source: ErrorSource;
  zh: string;
  en: string;
  retry: RetryClass;
  /** What a developer can do about it, in both languages (a function: it names the API or the function that failed). */
  hint: Hint | ((ctx: HintContext) => Hint);
}

/** Where a function's permissions are edited (top level) and where the build puts them (what DevTools uploads). */
const fnConfig = (ctx: HintContext) =>
  `"functions.${ctx.functionName ?? '<function>'}.permissions.openapi" of the top-level config.json (npm run build copies it into dist/functions/${ctx.functionName ?? '<function>'}/config.json)`;
const fnConfigZh = (ctx: HintContext) =>
  `顶层 config.json 的 "functions.${ctx.functionName ?? '<function>'}.permissions.openapi"（npm run build 会把它复制到 dist/functions/${ctx.functionName ?? '<function>'}/config.json）`;

/**
 * Every code of the plugin manager API (0, -1, 89236-89243, 89044: docs/platform/plugin-manager.md,
 * "Codes"), the whole half-screen family (89408-89432: docs/platform/half-screen.md,
 * "Codes 89408–89432"), the platform codes the cloud path really produces
 * (docs/platform/limits.md, "Platform error codes"), the global token and quota codes, the
 * token-endpoint codes, and this package's own codes.
 */
export const CATALOG: Readonly<Record<number, CatalogEntry>> = {
  0: { name: 'OK', source: 'wechat', zh: '正常', en: 'OK', retry: 'never', hint: { en: 'No action needed.', zh: '无需处理。' } },
  [-1]: {
    name: 'SYSTEM_BUSY', source: 'wechat', zh: '系统错误（系统繁忙）', en: 'WeChat system error (system busy)',
    retry: 'backoff', hint: { en: 'Transient on the WeChat side; the call was retried with backoff. Try again shortly.', zh: '微信侧的临时故障，已按退避策略重试。请稍后再试。' },
  },

  // --- pluginManager / devplugin (docs/platform/plugin-manager.md, "Codes") ---
  89236: { name: 'PLUGIN_CANNOT_APPLY', source: 'wechat', zh: '该插件不能申请', en: 'This plugin cannot be applied for', retry: 'never',
    hint: { en: 'The plugin does not accept applications; check its settings in the Mini Program admin console.', zh: '该插件不接受申请；请在小程序管理后台检查插件设置。' } },
  89237: { name: 'PLUGIN_ALREADY_ADDED', source: 'wechat', zh: '已经添加该插件', en: 'The plugin has already been added', retry: 'never',
    hint: { en: 'Nothing to do: the applicant already uses this plugin.', zh: '无需处理：申请方已经在使用该插件。' } },
  89238: { name: 'PLUGIN_LIMIT_REACHED', source: 'wechat', zh: '申请或使用的插件已经达到上限', en: 'The limit of applied or used plugins has been reached', retry: 'never',
    hint: { en: 'Remove a plugin or an application before adding another.', zh: '先移除一个插件或一条申请，再添加新的。' } },
  89239: { name: 'PLUGIN_NOT_EXIST', source: 'wechat', zh: '该插件不存在', en: 'The plugin does not exist', retry: 'never',
    hint: { en: 'Call this function from the plugin account (the Mini Program that owns the plugin); the calling account has no plugin.', zh: '请用插件所属账号（拥有该插件的小程序）调用本云函数；当前账号没有插件。' } },
  89240: { name: 'ONLY_PENDING_CAN_BE_DECIDED', source: 'wechat', zh: '无法进行此操作，只有“待确认”的申请可操作通过/拒绝', en: 'Only pending applications can be approved or rejected', retry: 'never',
    hint: { en: 'Reload the list: only a pending application can be approved or refused, and this one is not pending any more (error.detail says what it is now).', zh: '请刷新列表：只有“待确认”的申请可以通过或拒绝，而这条已不是待确认状态（error.detail 说明了它现在的状态）。' } },
  89241: { name: 'ONLY_REJECTED_OR_EXPIRED_CAN_BE_DELETED', source: 'wechat', zh: '无法进行此操作，只有“已拒绝/已超时”的申请可操作删除', en: 'Only rejected or expired applications can be deleted', retry: 'never',
    hint: { en: 'Delete only applications with status 3 (rejected) or 4 (expired).', zh: '只能删除状态为 3（已拒绝）或 4（已超时）的申请。' } },
  89242: { name: 'APPID_NOT_IN_APPLY_LIST', source: 'wechat', zh: '该appid不在申请列表内', en: 'The appid is not in the application list', retry: 'never',
    hint: { en: 'Check the appid against a fresh applicant list.', zh: '请对照最新的申请列表核对该 appid。' } },
  89243: { name: 'PENDING_CANNOT_BE_DELETED', source: 'wechat', zh: '“待确认”的申请不可删除', en: 'A pending application cannot be deleted', retry: 'never',
    hint: { en: 'Approve or reject the application first, then delete it.', zh: '先通过或拒绝该申请，再删除。' } },
  89044: { name: 'PLUGIN_APPID_NOT_EXIST', source: 'wechat', zh: '不存在该插件appid', en: 'No plugin with this appid exists', retry: 'never',
    hint: { en: 'Check the plugin appid; it must be a plugin the calling account owns.', zh: '请核对插件 appid，它必须是调用账号自己的插件。' } },

  // --- half-screen Mini Program (docs/platform/half-screen.md, "Codes 89408–89432") ---
  89408: { name: 'EMBEDDED_SYSTEM_ERROR', source: 'wechat', zh: '半屏小程序系统错误', en: 'Half-screen Mini Program system error', retry: 'backoff',
    hint: { en: 'Transient on the WeChat side; the call was retried with backoff. Try again shortly.', zh: '微信侧的临时故障，已按退避策略重试。请稍后再试。' } },
  89409: { name: 'EMBEDDED_LIST_PARAM_ERROR', source: 'wechat', zh: '获取半屏小程序列表参数错误', en: 'Invalid parameters for the half-screen Mini Program list', retry: 'never',
    hint: { en: 'Use start >= 0 and num between 1 and 1000.', zh: 'start 须不小于 0，num 须在 1 到 1000 之间。' } },

  // --- the rest of the half-screen family, 89410..89432 (add_embedded, del_embedded, del_authorize,
  // set_authorize). No single official page lists them all: the meanings are the per-endpoint error
  // tables of the open-platform "embedded-management" documents (addEmbedded, deleteEmbedded,
  // deleteAuthorizedEmbedded, setAuthorizedEmbedded), as the dtapps/go-library SDK transcribes
  // them endpoint by endpoint; the English is ours. ---
  89410: { name: 'EMBEDDED_ADD_APPID_INVALID', source: 'wechat', zh: '添加半屏小程序 appid 参数错误', en: 'add_embedded: the appid parameter is wrong', retry: 'never',
    hint: { en: 'Use the appid of an existing Mini Program ("wx" + 16 hexadecimal characters).', zh: '请使用一个已存在的小程序的 appid（“wx”加 16 位十六进制字符）。' } },
  89411: { name: 'EMBEDDED_ADD_APPID_EMPTY', source: 'wechat', zh: '添加半屏小程序 appid 参数为空', en: 'add_embedded: the appid parameter is empty', retry: 'never',
    hint: { en: 'Send the appid of the Mini Program to embed.', zh: '请传入要添加的半屏小程序的 appid。' } },
  89412: { name: 'EMBEDDED_APPLY_REASON_TOO_LONG', source: 'wechat', zh: '添加半屏小程序申请理由不得超过30个字', en: 'add_embedded: apply_reason must be at most 30 characters', retry: 'never',
    hint: { en: 'Shorten apply_reason to 30 characters or fewer.', zh: '把 apply_reason 缩短到 30 个字以内。' } },
  89413: { name: 'EMBEDDED_TARGET_DAILY_APPLY_LIMIT', source: 'wechat', zh: '该小程序被申请次数已达24h限制', en: 'This Mini Program has been applied for too often in the last 24 hours', retry: 'never',
    hint: { en: 'Try again tomorrow: a half-screen Mini Program accepts a limited number of applications per 24 hours.', zh: '明天再试：一个半屏小程序每 24 小时能接受的申请次数有限。' } },
  89414: { name: 'EMBEDDED_DAILY_APPLY_LIMIT', source: 'wechat', zh: '每天仅允许申请50次半屏小程序', en: 'At most 50 half-screen applications are allowed per day', retry: 'never',
    hint: { en: 'The daily limit of 50 applications is used up; try again tomorrow.', zh: '今天的 50 次申请已用完，请明天再试。' } },
  89415: { name: 'EMBEDDED_DELETE_APPID_EMPTY', source: 'wechat', zh: '删除半屏小程序 appid 参数为空', en: 'del_embedded: the appid parameter is empty', retry: 'never',
    hint: { en: 'Send the appid of the embedded Mini Program to remove (see get_list).', zh: '请传入要删除的半屏小程序的 appid（见 get_list）。' } },
  89416: { name: 'EMBEDDED_REVOKE_APPID_EMPTY', source: 'wechat', zh: '取消半屏小程序授权 appid 参数为空', en: 'del_authorize: the appid parameter is empty', retry: 'never',
    hint: { en: 'del_authorize takes the appid of the authorized Mini Program (not flag, as some SDKs send).', zh: 'del_authorize 要传已授权小程序的 appid（不是某些 SDK 传的 flag）。' } },
  89417: { name: 'EMBEDDED_FLAG_INVALID', source: 'wechat', zh: '修改半屏小程序方式 flag 参数错误', en: 'set_authorize: the flag parameter is wrong', retry: 'never',
    hint: { en: 'flag must be 0 (admin confirms), 1 (approve automatically) or 2 (reject automatically).', zh: 'flag 只能是 0（管理员确认）、1（自动通过）或 2（自动拒绝）。' } },
  89418: { name: 'EMBEDDED_DAILY_APPLY_COUNT_UNAVAILABLE', source: 'wechat', zh: '获取半屏小程序每日申请次数失败', en: 'Could not read the daily half-screen application count', retry: 'never',
    hint: { en: 'A WeChat-side failure; re-read get_list before trying again, the application may already exist.', zh: '微信侧故障；重试前先重新读取 get_list，申请可能已经存在。' } },
  89419: { name: 'EMBEDDED_DAILY_AUTHORIZE_COUNT_UNAVAILABLE', source: 'wechat', zh: '获取半屏小程序每日授权次数失败', en: 'Could not read the daily half-screen authorization count', retry: 'never',
    hint: { en: 'A WeChat-side failure; re-read the list before trying again.', zh: '微信侧故障；重试前先重新读取列表。' } },
  89420: { name: 'EMBEDDED_PERSONAL_NOT_SUPPORTED', source: 'wechat', zh: '不支持添加个人主体小程序', en: 'Mini Programs of individuals cannot be embedded', retry: 'never',
    hint: { en: 'Only Mini Programs owned by an organization can be opened as half-screen apps.', zh: '只有企业等组织主体的小程序才能以半屏方式打开。' } },
  89421: { name: 'EMBEDDED_NOT_FOUND', source: 'wechat', zh: '删除数据未找到', en: 'Nothing to delete: no such record', retry: 'never',
    hint: { en: 'The appid is not in the list; reload it (get_list or get_own_list).', zh: '该 appid 不在列表中；请刷新列表（get_list 或 get_own_list）。' } },
  89422: { name: 'EMBEDDED_DELETE_STATE_INVALID', source: 'wechat', zh: '删除状态异常', en: 'The record is not in a state that can be deleted or revoked', retry: 'never',
    hint: { en: 'Reload the list: the record may already be revoked or never have been approved.', zh: '请刷新列表：这条记录可能已被取消授权，或从未通过。' } },
  89423: { name: 'EMBEDDED_APPLY_LIMIT_REACHED', source: 'wechat', zh: '申请次数添加到达上限', en: 'The limit of half-screen applications has been reached', retry: 'never',
    hint: { en: 'An account may embed up to 100 half-screen Mini Programs as WeChat now states it (older API pages said 10): remove one (del_embedded) first. See docs/third-party-lifecycle.md, "Half-screen limits".', zh: '按微信现在的说明，一个账号最多可添加 100 个半屏小程序（较早的接口文档写的是 10 个）：先用 del_embedded 删除一个。见 docs/third-party-lifecycle.md 的“Half-screen limits”。' } },
  89424: { name: 'EMBEDDED_AUTHORIZE_LIMIT_REACHED', source: 'wechat', zh: '授权次数到达上限', en: 'The limit of half-screen authorizations has been reached', retry: 'never',
    hint: { en: 'A Mini Program may be embedded by up to 10,000 accounts as WeChat now states it (older pages said 1000); revoke one (del_authorize) first.', zh: '按微信现在的说明，一个小程序最多可被 10,000 个账号以半屏方式打开（较早的文档写的是 1000 个）；先用 del_authorize 取消一个授权。' } },
  89425: { name: 'EMBEDDED_APPLY_EXPIRED', source: 'wechat', zh: '申请添加已超时', en: 'The application has expired', retry: 'never',
    hint: { en: 'Apply again (add_embedded).', zh: '重新申请（add_embedded）。' } },
  89426: { name: 'EMBEDDED_APPLY_STATE_INVALID', source: 'wechat', zh: '申请添加状态异常', en: 'The application is in an unexpected state', retry: 'never',
    hint: { en: 'Reload get_list to see the application\'s current status.', zh: '重新读取 get_list，查看该申请当前的状态。' } },
  89427: { name: 'EMBEDDED_SELF_APPLY', source: 'wechat', zh: '申请号和授权号相同', en: 'A Mini Program cannot apply to embed itself', retry: 'never',
    hint: { en: 'Use the appid of another Mini Program.', zh: '请使用另一个小程序的 appid。' } },
  89428: { name: 'EMBEDDED_ALREADY_APPLIED', source: 'wechat', zh: '该小程序已申请，不允许重复添加', en: 'This Mini Program has already been applied for', retry: 'never',
    hint: { en: 'Nothing to send: the application exists; see its status in get_list.', zh: '无需再发：申请已存在，可在 get_list 中查看其状态。' } },
  89429: { name: 'EMBEDDED_SAME_TARGET_DAILY_LIMIT', source: 'wechat', zh: '已到达同一小程序每日最多申请次数', en: 'The daily limit of applications to the same Mini Program has been reached', retry: 'never',
    hint: { en: 'At most 3 applications to the same Mini Program per 24 hours; try again tomorrow.', zh: '每 24 小时最多向同一个小程序申请 3 次；请明天再试。' } },
  89430: { name: 'EMBEDDED_TARGET_AUTO_REJECTS', source: 'wechat', zh: '该小程序已设置自动拒绝申请', en: 'This Mini Program rejects applications automatically', retry: 'never',
    hint: { en: 'The other Mini Program\'s owner set set_authorize flag 2; ask them to change it.', zh: '对方小程序把授权方式设成了自动拒绝（set_authorize flag 2）；请联系对方修改。' } },
  89431: { name: 'EMBEDDED_TYPE_NOT_SUPPORTED', source: 'wechat', zh: '不支持此类型小程序', en: 'This type of Mini Program is not supported', retry: 'never',
    hint: { en: 'The account type cannot take part in half-screen opening (e.g. a game or a trial Mini Program).', zh: '该类型的账号不能参与半屏打开（例如小游戏或试用小程序）。' } },
  89432: { name: 'EMBEDDED_NOT_A_MINI_PROGRAM', source: 'wechat', zh: '不是小程序', en: 'The appid is not a Mini Program', retry: 'never',
    hint: { en: 'Check the appid: it must belong to a Mini Program, not an Official Account or another app.', zh: '请核对 appid：它必须属于小程序，而不是公众号或其他应用。' } },

  // --- global token and quota codes (docs/platform/tokens.md, "Codes every API may answer") ---
  40001: { name: 'INVALID_CREDENTIAL', source: 'wechat', zh: '获取 access_token 时 AppSecret 错误，或者 access_token 无效', en: 'Invalid credential: the access token is invalid or not the latest', retry: 'token',
    hint: { en: 'The token was refreshed and the call retried once. If this persists, another system is refreshing the same account\'s token: fetch tokens from one place (TOKEN_SERVICE_URL) instead.', zh: '已刷新令牌并重试一次。如果仍然出现，说明另有系统在刷新同一账号的令牌：请改为从同一处获取令牌（TOKEN_SERVICE_URL）。' } },
  40014: { name: 'INVALID_ACCESS_TOKEN', source: 'wechat', zh: '不合法的 access_token', en: 'Illegal access token', retry: 'token',
    hint: { en: 'The token was refreshed and the call retried once. If this persists, check that the token provider returns the full, untrimmed token.', zh: '已刷新令牌并重试一次。如果仍然出现，请检查令牌来源返回的令牌是否完整、未被截断。' } },
  42001: { name: 'ACCESS_TOKEN_EXPIRED', source: 'wechat', zh: 'access_token 超时', en: 'Access token expired', retry: 'token',
    hint: { en: 'The token was refreshed and the call retried once. If this persists, check the clock of the token service and the expires_in it reports.', zh: '已刷新令牌并重试一次。如果仍然出现，请检查令牌服务的时钟和它返回的 expires_in。' } },
  45009: { name: 'DAILY_QUOTA_REACHED', source: 'wechat', zh: '接口调用超过限制（日调用量已达上限）', en: 'API daily call quota reached', retry: 'never',
    hint: { en: 'The daily quota is used up; it resets at midnight (Beijing time). Reduce calls (cache pages, share tokens) or reset it with the clear_quota API.', zh: '今日调用额度已用完，北京时间零点重置。请减少调用（缓存分页、共享令牌），或用 clear_quota 接口重置。' } },
  40013: { name: 'INVALID_APPID', source: 'wechat', zh: '不合法的 AppID', en: 'Invalid AppID', retry: 'never',
    hint: { en: 'Check APPID / COMPONENT_APPID / AUTHORIZER_APPID.', zh: '请检查 APPID / COMPONENT_APPID / AUTHORIZER_APPID。' } },
  40125: { name: 'INVALID_APPSECRET', source: 'wechat', zh: '无效的 AppSecret', en: 'Invalid AppSecret', retry: 'never',
    hint: { en: 'Check APPSECRET (or COMPONENT_APPSECRET); reset it in the admin console if it was rotated.', zh: '请检查 APPSECRET（或 COMPONENT_APPSECRET）；如果在管理后台重置过，请换成新的。' } },
  61004: { name: 'COMPONENT_CREDENTIAL_REJECTED', source: 'wechat', zh: '第三方平台凭证被拒绝（IP 白名单或 AppSecret 错误）', en: 'Third-party platform credentials rejected (IP allow-list or secret)', retry: 'never',
    hint: { en: 'Check COMPONENT_APPSECRET and add the function\'s outbound IP to the third-party platform\'s allow-list.', zh: '请检查 COMPONENT_APPSECRET，并把云函数的出口 IP 加入第三方平台的 IP 白名单。' } },
  61005: { name: 'VERIFY_TICKET_EXPIRED', source: 'wechat', zh: 'component_verify_ticket 已过期', en: 'component_verify_ticket expired', retry: 'never',
    hint: { en: 'Store the ticket WeChat pushes every 10 minutes (it is valid 12 hours) and make sure the push endpoint works.', zh: '请保存微信每 10 分钟推送一次的 ticket（有效期 12 小时），并确认接收推送的地址工作正常。' } },
  61006: { name: 'VERIFY_TICKET_INVALID', source: 'wechat', zh: 'component_verify_ticket 无效', en: 'component_verify_ticket invalid', retry: 'never',
    hint: { en: 'Use the latest ticket WeChat pushed for this COMPONENT_APPID.', zh: '请使用微信为该 COMPONENT_APPID 最新推送的 ticket。' } },
  61010: { name: 'AUTHORIZATION_CODE_INVALID', source: 'wechat', zh: '授权码（authorization_code）已过期或已被使用', en: 'The authorization code expired or was already used', retry: 'never',
    hint: { en: 'A code works once and expires (the redirect page\'s auth_code within 10 minutes). If the account is already held (listAuthorizers lists it), nothing is lost: the push or the redirect page exchanged the code, and componentEvents answers success. Otherwise send the account a new authorization link (componentAdmin create_link), or recover it from WeChat\'s authorizer list (componentAdmin reconcile).', zh: '授权码只能用一次，并会过期（回调页的 auth_code 在 10 分钟内有效）。如果该账号已在登记中（listAuthorizers 能列出），没有任何损失：推送或回调页已经换过这个码，componentEvents 会返回 success。否则请给该账号发一个新的授权链接（componentAdmin create_link），或从微信的授权方列表恢复它（componentAdmin reconcile）。' } },
  61023: { name: 'REFRESH_TOKEN_INVALID', source: 'wechat', zh: 'authorizer_refresh_token 无效', en: 'authorizer_refresh_token invalid', retry: 'never',
    hint: { en: 'The stored refresh token no longer works (rotated elsewhere, or the account authorized again and the push was lost). The account is marked and the next reconcile (componentAdmin {"action":"reconcile"}, or syncLists soon after) takes WeChat\'s current token from the authorizer list; if WeChat no longer lists the account, it is marked revoked and must re-authorize the platform (a new link from componentAdmin create_link). See docs/third-party-lifecycle.md.', zh: '保存的刷新令牌已失效（在别处被轮换，或账号重新授权而推送丢失）。该账号已被标记，下一次核对（componentAdmin {"action":"reconcile"}，或随后的 syncLists）会从微信的授权方列表取回当前的令牌；如果微信的列表里已没有该账号，它会被标记为已取消授权，必须重新授权给第三方平台（用 componentAdmin create_link 生成新链接）。见 docs/third-party-lifecycle.md。' } },

  // --- third-party platform: authorization and recovery (docs/third-party-lifecycle.md) ---
  61003: { name: 'COMPONENT_NOT_AUTHORIZED', source: 'wechat', zh: '该账号未授权给此第三方平台（或已取消授权）', en: 'The account has not authorized this third-party platform (or cancelled it)', retry: 'never',
    hint: { en: 'The account cancelled the authorization, or never gave it. The account is marked and the next reconcile checks WeChat\'s authorizer list: listed, its token is repaired; not listed, it is marked revoked. To bring it back, send the account a new authorization link (componentAdmin {"action":"create_link"}).', zh: '该账号取消了授权，或从未授权。它已被标记，下一次核对会查看微信的授权方列表：列表里有，就修复它的令牌；没有，就标记为已取消授权。要恢复，请给该账号发一个新的授权链接（componentAdmin {"action":"create_link"}）。' } },
  61007: { name: 'API_NOT_AUTHORIZED_TO_COMPONENT', source: 'wechat', zh: '该账号未向第三方平台授予此接口所属的权限集', en: 'The account did not grant this third-party platform the permission set of this API', retry: 'never',
    hint: { en: 'The permission sets the registry holds are stale: run componentAdmin {"action":"reconcile"} to read the sets the account grants now (listAuthorizers shows them). If the set is really missing, ask the account to authorize again with it (a new link from componentAdmin create_link).', zh: '登记中保存的权限集已过时：运行 componentAdmin {"action":"reconcile"} 读取该账号当前授予的权限集（listAuthorizers 会显示）。如果确实缺少该权限集，请让该账号带着它重新授权（用 componentAdmin create_link 生成新链接）。' } },
  45011: { name: 'MINUTE_QUOTA_REACHED', source: 'wechat', zh: 'API 调用太频繁（分钟频率限制）', en: 'API minute quota reached: calls are too frequent', retry: 'never',
    hint: { en: 'WeChat limits calls per minute; wait a minute and run the call again (a reconcile resumes where it stopped). Lower LIST_CONCURRENCY if it happens during listing.', zh: '微信限制了每分钟的调用次数；等一分钟再调用（核对会从中断处继续）。如果发生在拉取列表时，请调小 LIST_CONCURRENCY。' } },
  48001: { name: 'API_UNAUTHORIZED', source: 'wechat', zh: 'API 功能未授权', en: 'API unauthorized: the account has no permission for this API', retry: 'never',
    hint: { en: 'The account (or the third-party platform) lacks this API: check the permission sets the account granted (listAuthorizers), the platform\'s own permissions on the open platform, and that the account type supports the API.', zh: '该账号（或第三方平台）没有这个接口的权限：请检查账号授予的权限集（listAuthorizers）、第三方平台在开放平台上的接口权限，以及该账号类型是否支持这个接口。' } },
  40164: { name: 'IP_NOT_WHITELISTED', source: 'wechat', zh: '调用接口的 IP 地址不在白名单中', en: 'The calling IP address is not in the whitelist', retry: 'never',
    hint: { en: 'Cloud functions leave from changing addresses unless the environment has a fixed outbound IP: turn on the CloudBase environment\'s fixed outbound IP (环境设置 → 固定出口 IP) and add that address to the third-party platform\'s IP whitelist on the open platform (开发资料 → 白名单 IP).', zh: '除非环境开启了固定出口 IP，云函数的出口地址会变化：请在云开发环境中开启固定出口 IP（环境设置 → 固定出口 IP），并把这个地址加到开放平台上第三方平台的 IP 白名单（开发资料 → 白名单 IP）。' } },
  // The two below are met by third-party platforms, but no page this package relies on says what
  // they mean; they are named so they are not UNKNOWN, and the hint says where to look.
  76021: { name: 'COMPONENT_ERROR_76021', source: 'wechat', zh: '第三方平台接口错误 76021', en: 'Third-party platform error 76021', retry: 'never',
    hint: { en: 'WeChat\'s error page does not describe 76021 in the sources this package follows; error.upstreamMessage holds WeChat\'s own words. Check COMPONENT_APPID / COMPONENT_APPSECRET and the authorization link (create a new one with componentAdmin create_link), then look the code up in the open platform\'s error code list.', zh: '本软件包依据的资料中没有说明 76021；微信的原话见 error.upstreamMessage。请检查 COMPONENT_APPID / COMPONENT_APPSECRET 和授权链接（用 componentAdmin create_link 重新生成），再到开放平台的错误码列表中查找。' } },
  76022: { name: 'COMPONENT_ERROR_76022', source: 'wechat', zh: '第三方平台接口错误 76022', en: 'Third-party platform error 76022', retry: 'never',
    hint: { en: 'WeChat\'s error page does not describe 76022 in the sources this package follows; error.upstreamMessage holds WeChat\'s own words. Check COMPONENT_APPID / COMPONENT_APPSECRET and the authorization link (create a new one with componentAdmin create_link), then look the code up in the open platform\'s error code list.', zh: '本软件包依据的资料中没有说明 76022；微信的原话见 error.upstreamMessage。请检查 COMPONENT_APPID / COMPONENT_APPSECRET 和授权链接（用 componentAdmin create_link 重新生成），再到开放平台的错误码列表中查找。' } },

  // --- CloudBase platform codes seen on the cloud path (docs/platform/limits.md, "Platform error codes") ---
  [-604101]: { name: 'OPENAPI_NO_PERMISSION', source: 'platform', zh: '云函数未在 config.json 中声明该接口权限', en: 'The function has no permission to call this API', retry: 'never',
    // Only an upload from WeChat DevTools applies permissions.openapi; the CloudBase CLI and
    // miniprogram-ci do not read it (docs/platform/deploy-tools.md, "WeChat DevTools").
    hint: (ctx) => ({
      en: `Add "${ctx.apiName ?? '<api>'}" to ${fnConfig(ctx)}, run npm run build, then upload the function from WeChat DevTools (right-click it: upload and deploy) — the CloudBase CLI (npm run deploy) does not apply permissions — and wait about 10 minutes: permissions are refreshed on upload and cached.`,
      zh: `把 "${ctx.apiName ?? '<api>'}" 加到${fnConfigZh(ctx)}，运行 npm run build，再用微信开发者工具上传该云函数（右键：上传并部署）——CloudBase CLI（npm run deploy）不会应用接口权限——然后等大约 10 分钟：权限在上传时刷新，并会被缓存。`,
    }) },
  [-604100]: { name: 'OPENAPI_NOT_FOUND', source: 'platform', zh: '接口不存在', en: 'API not found', retry: 'never',
    hint: (ctx) => ({
      en: `The platform does not know "${ctx.apiName ?? '<api>'}"; update wx-server-sdk and check the API name.`,
      zh: `平台不认识 "${ctx.apiName ?? '<api>'}"；请更新 wx-server-sdk 并核对接口名称。`,
    }) },
  [-604102]: { name: 'OPENAPI_TIMEOUT', source: 'platform', zh: '开放接口调用超时', en: 'Open API call timed out', retry: 'backoff',
    hint: { en: 'Transient; the call was retried with backoff. If it persists, lower num.', zh: '临时故障，已按退避策略重试。如果持续出现，请减小 num。' } },
  [-604103]: { name: 'OPENAPI_SYSTEM_ERROR', source: 'platform', zh: '云调用系统错误', en: 'Cloud call system error', retry: 'backoff',
    hint: { en: 'Transient on the platform; the call was retried with backoff. Try again shortly.', zh: '平台侧的临时故障，已按退避策略重试。请稍后再试。' } },
  [-604104]: { name: 'ILLEGAL_CALL_SOURCE', source: 'platform', zh: '非法调用来源', en: 'Illegal call source', retry: 'never',
    hint: { en: 'Cloud calls work only when the function is invoked from a Mini Program or WeChat DevTools. For local debugging or console runs configure an HTTPS token provider (docs/tokens.md) so the function can use the HTTPS path.', zh: '云调用只在从小程序或微信开发者工具调用云函数时可用。本地调试或云端测试时，请配置 HTTPS 令牌来源（见 docs/tokens.md），让云函数走 HTTPS。' } },
  [-604001]: { name: 'RESULT_TOO_LARGE', source: 'platform', zh: '云函数返回结果超过 1MB', en: 'Function result larger than 1 MB', retry: 'never',
    hint: { en: 'Request fewer records per page (lower num).', zh: '每页少取一些记录（减小 num）。' } },
  [-501007]: { name: 'MISSING_WX_CLOUD_API_TOKEN', source: 'platform', zh: '参数错误：缺少 wxCloudApiToken（控制台、定时器等来源不支持云调用）', en: 'Invalid parameters: wxCloudApiToken missing (console, timer and web calls cannot use cloud calls)', retry: 'never',
    hint: { en: 'Cloud calls need a Mini Program or DevTools caller (or a timer set up from WeChat DevTools). For console test runs and timers configure an HTTPS token provider (AUTHORIZER_ACCESS_TOKEN, TOKEN_SERVICE_URL or APPID+APPSECRET) so the function falls back to the HTTPS path.', zh: '云调用需要由小程序或开发者工具发起（或由开发者工具上传的定时触发器发起）。云端测试和定时器请配置 HTTPS 令牌来源（AUTHORIZER_ACCESS_TOKEN、TOKEN_SERVICE_URL 或 APPID+APPSECRET），云函数会改走 HTTPS。' } },
  [-501001]: { name: 'CLOUDBASE_SYSTEM_ERROR', source: 'platform', zh: '云开发系统错误（网络或服务异常）', en: 'CloudBase system error (network or service failure)', retry: 'backoff',
    hint: { en: 'Transient; the call was retried with backoff. Try again shortly.', zh: '临时故障，已按退避策略重试。请稍后再试。' } },
  [-501002]: { name: 'CLOUDBASE_TIMEOUT', source: 'platform', zh: '云开发服务超时', en: 'CloudBase service timed out', retry: 'backoff',
    hint: { en: 'Transient; the call was retried with backoff.', zh: '临时故障，已按退避策略重试。' } },
  [-501003]: { name: 'CLOUDBASE_RATE_LIMITED', source: 'platform', zh: '超出请求频率限制', en: 'CloudBase request rate limit exceeded', retry: 'backoff',
    hint: { en: 'Slow down; calls are being retried with backoff.', zh: '请放慢调用；正在按退避策略重试。' } },
  // CloudBase's generic database failure: among others an insert whose _id exists (E11000 in
  // the message), which the sync code handles itself (shared/sync/entryStore.ts, lease.ts).
  // Never retried: a duplicate key is a definitive answer, and a database write that failed
  // this generically may still have been applied, so sending it again blindly could act twice.
  [-502001]: { name: 'DATABASE_REQUEST_FAILED', source: 'platform', zh: '数据库请求失败', en: 'The CloudBase database request failed', retry: 'never',
    hint: { en: 'error.upstreamMessage holds the database\'s own message (E11000: a document with this _id already exists). Check the collection and its documents in the CloudBase console; try again shortly if the message names no cause.', zh: '数据库自己的说明见 error.upstreamMessage（E11000：已有相同 _id 的记录）。请在云开发控制台检查该集合及其记录；如果说明中没有原因，请稍后再试。' } },
  [-502003]: { name: 'DATABASE_PERMISSION_DENIED', source: 'platform', zh: '数据库权限不足', en: 'The function may not access this database collection', retry: 'never',
    hint: { en: 'Check the collection\'s permissions in the CloudBase console (the functions need read and write on the collections named in docs/database.md).', zh: '请在云开发控制台检查该集合的权限（云函数需要读写 docs/database.md 中列出的集合）。' } },
  [-502005]: { name: 'DATABASE_COLLECTION_NOT_EXIST', source: 'platform', zh: '数据库集合不存在', en: 'Database collection does not exist', retry: 'never',
    hint: { en: 'Create the collection named in the message in the CloudBase console (with the rule docs/database.md gives), or allow the function to create it.', zh: '请在云开发控制台创建提示中的集合（并按 docs/database.md 设置规则），或允许云函数自动创建。' } },
  [-601001]: { name: 'WX_SYSTEM_ERROR', source: 'platform', zh: '微信系统错误（云调用返回无法解析）', en: 'WeChat system error (unreadable cloud call reply)', retry: 'backoff',
    hint: { en: 'Transient or a malformed reply; the call was retried with backoff.', zh: '临时故障或返回格式有误；已按退避策略重试。' } },

  // --- this package's own codes (codes.ts) ---
  [LOCAL.INVALID_EVENT]: { name: 'INVALID_EVENT', source: 'local', zh: '事件参数不合法', en: 'Invalid event', retry: 'never',
    hint: { en: 'Fix the field named in error.issues; no upstream call was made.', zh: '请修正 error.issues 里指出的字段；没有发出任何上游请求。' } },
  [LOCAL.CALLER_NOT_ALLOWED]: { name: 'CALLER_NOT_ALLOWED', source: 'local', zh: '调用方无权使用此云函数', en: 'This caller may not use this function', retry: 'never',
    hint: { en: 'Mini Program callers must be listed in ADMIN_OPENIDS (comma-separated OPENIDs); other call sources must be listed in ALLOWED_SOURCES. See docs/callers.md.', zh: '小程序调用方的 OPENID 必须在 ADMIN_OPENIDS 中（逗号分隔）；其他调用来源必须在 ALLOWED_SOURCES 中。见 docs/callers.md。' } },
  [LOCAL.UPSTREAM_INVALID_BODY]: { name: 'UPSTREAM_INVALID_BODY', source: 'local', zh: '上游返回的数据结构不符合接口文档', en: 'The upstream answer does not match the documented shape', retry: 'never',
    hint: { en: 'error.issues names the field that did not match; report it with the request id.', zh: 'error.issues 指出了不符合的字段；请连同 requestId 一起反馈。' } },
  [LOCAL.UPSTREAM_NOT_JSON]: { name: 'UPSTREAM_NOT_JSON', source: 'local', zh: '上游返回的不是 JSON（可能是网关错误页）', en: 'The upstream answer is not JSON (probably a gateway error page)', retry: 'backoff',
    hint: { en: 'Usually a proxy or gateway error page; retried with backoff. Check WECHAT_API_BASE_URL if it persists.', zh: '通常是代理或网关的错误页；已按退避策略重试。如果持续出现，请检查 WECHAT_API_BASE_URL。' } },
  [LOCAL.UPSTREAM_HTTP_ERROR]: { name: 'UPSTREAM_HTTP_ERROR', source: 'local', zh: '上游 HTTP 状态异常', en: 'Upstream HTTP error status', retry: 'backoff',
    hint: { en: '5xx answers are retried with backoff (3 retries per invocation and upstream, while time remains: docs/retries-and-deadlines.md); if it persists the upstream is down.', zh: '5xx 应答会在剩余时间内按退避策略重试；如果持续出现，说明上游服务不可用。' } },
  [LOCAL.UPSTREAM_HTTP_CLIENT_ERROR]: { name: 'UPSTREAM_HTTP_CLIENT_ERROR', source: 'local', zh: '上游返回 HTTP 4xx', en: 'Upstream answered with an HTTP 4xx status', retry: 'never',
    hint: { en: 'The request did not reach a WeChat API: check WECHAT_API_BASE_URL (and any proxy in front of it).', zh: '请求没有到达微信接口：请检查 WECHAT_API_BASE_URL（以及前面的代理）。' } },
  [LOCAL.NETWORK_ERROR]: { name: 'NETWORK_ERROR', source: 'local', zh: '网络错误（连接被断开或无法建立）', en: 'Network error (connection dropped or refused)', retry: 'backoff',
    hint: { en: 'Retried with backoff; check the network and WECHAT_API_BASE_URL if it persists.', zh: '已按退避策略重试；如果持续出现，请检查网络和 WECHAT_API_BASE_URL。' } },
  [LOCAL.ATTEMPT_TIMEOUT]: { name: 'ATTEMPT_TIMEOUT', source: 'local', zh: '单次请求超时', en: 'Request attempt timed out', retry: 'backoff',
    hint: { en: 'Retried while the retry budget and the time allowed (docs/retries-and-deadlines.md); raise HTTP_ATTEMPT_TIMEOUT_MS or the function timeout if the upstream is slow.', zh: '在剩余时间内已重试；如果上游确实较慢，请调大 HTTP_ATTEMPT_TIMEOUT_MS 或云函数的超时时间。' } },
  [LOCAL.DEADLINE_EXCEEDED]: { name: 'DEADLINE_EXCEEDED', source: 'local', zh: '在云函数超时前未能完成请求', en: 'Could not finish before the function time limit', retry: 'never',
    hint: { en: 'The upstream was too slow for the function timeout; raise "timeout" for this function in config.json or lower num.', zh: '上游太慢，云函数超时时间内来不及完成；请在 config.json 中调大该云函数的 "timeout"，或减小 num。' } },
  [LOCAL.TOKEN_NOT_CONFIGURED]: { name: 'TOKEN_NOT_CONFIGURED', source: 'local', zh: '未配置 access_token 来源', en: 'No access token provider is configured', retry: 'never',
    hint: { en: 'Set one of: AUTHORIZER_ACCESS_TOKEN; TOKEN_SERVICE_URL; COMPONENT_APPID + COMPONENT_APPSECRET + AUTHORIZER_APPID + AUTHORIZER_REFRESH_TOKEN; or APPID + APPSECRET. See docs/tokens.md.', zh: '请设置其中一种：AUTHORIZER_ACCESS_TOKEN；TOKEN_SERVICE_URL；COMPONENT_APPID + COMPONENT_APPSECRET + AUTHORIZER_APPID + AUTHORIZER_REFRESH_TOKEN；或 APPID + APPSECRET。见 docs/tokens.md。' } },
  [LOCAL.TOKEN_PROVIDER_FAILED]: { name: 'TOKEN_PROVIDER_FAILED', source: 'local', zh: '获取 access_token 失败', en: 'Fetching the access token failed', retry: 'backoff',
    hint: { en: 'See error.cause for the token endpoint\'s own code.', zh: '令牌接口自己的错误码见 error.cause。' } },
  [LOCAL.CONFIG_INVALID]: { name: 'CONFIG_INVALID', source: 'local', zh: '环境变量配置不合法', en: 'Invalid environment configuration', retry: 'never',
    hint: { en: 'Fix the environment variable named in the message (see docs/configuration.md).', zh: '请修正提示中指出的环境变量（见 docs/configuration.md）。' } },
  [LOCAL.DATABASE_TIMEOUT]: { name: 'DATABASE_TIMEOUT', source: 'local', zh: '云数据库在云函数超时前未响应', en: 'The CloudBase database did not answer before the function time limit', retry: 'never',
    hint: { en: 'The database is stalled or slow; the function answered instead of being killed. Try again shortly; check the environment\'s database status if it persists.', zh: '数据库停滞或变慢；云函数没有被强行终止，而是先返回了结果。请稍后再试；如果持续出现，请检查环境的数据库状态。' } },
  [LOCAL.OPERATOR_NOT_ALLOWED]: { name: 'OPERATOR_NOT_ALLOWED', source: 'local', zh: '该管理员无权执行写操作', en: 'This admin may read but not change anything', retry: 'never',
    hint: { en: 'OPERATOR_OPENIDS is set and this OPENID is not in it; add it there (comma-separated) to let this admin approve, refuse, delete or revoke. See docs/callers.md.', zh: '已设置 OPERATOR_OPENIDS，而这个 OPENID 不在其中；把它加进去（逗号分隔），该管理员才能通过、拒绝、删除或取消授权。见 docs/callers.md。' } },
  [LOCAL.WRITE_NOT_ATTEMPTED]: { name: 'WRITE_NOT_ATTEMPTED', source: 'local', zh: '云函数超时前未来得及发送该写操作', en: 'Not sent: the function ran out of time first', retry: 'never',
    hint: { en: 'Nothing was sent for this appid. Send it again (alone or in a smaller batch), or raise "timeout" for this function in config.json.', zh: '这个 appid 的请求没有发出。请重新发送（单独发或分成更小的批次），或在 config.json 中调大该云函数的 "timeout"。' } },
  [LOCAL.WRITE_OUTCOME_UNKNOWN]: { name: 'WRITE_OUTCOME_UNKNOWN', source: 'local', zh: '写操作的应答丢失，且无法确认是否已生效', en: 'The write\'s answer was lost and whether it took effect could not be confirmed', retry: 'never',
    hint: { en: 'The write may have been applied. Reload the list to see the current status before sending it again; it was not resent blindly.', zh: '写操作可能已经生效。再次发送前请刷新列表查看当前状态；它没有被盲目重发。' } },
  [LOCAL.AUDIT_WRITE_FAILED]: { name: 'AUDIT_WRITE_FAILED', source: 'local', zh: '审计记录写入失败（操作本身未受影响）', en: 'The audit record could not be written (the action itself is unaffected)', retry: 'never',
    hint: { en: 'Check that the function may write the AUDIT_COLLECTION collection (default wx_admin_audit) and that the database answers; the action\'s outcomes in this envelope are accurate.', zh: '请检查云函数能否写入 AUDIT_COLLECTION 集合（默认 wx_admin_audit），以及数据库是否有响应；本次返回中各项操作的结果是准确的。' } },
  [LOCAL.AUTHORIZER_UNKNOWN]: { name: 'AUTHORIZER_UNKNOWN', source: 'local', zh: '该小程序未授权给本第三方平台', en: 'This account has not authorized the third-party platform', retry: 'never',
    hint: { en: 'No authorization of this appid was received (or AUTHORIZER_APPID is not set). Have the account authorize the platform (its authorized push reaches componentEvents), check the appid with listAuthorizers, run componentAdmin reconcile, or set AUTHORIZER_APPID + AUTHORIZER_REFRESH_TOKEN. No WeChat call was made.', zh: '没有收到该 appid 的授权（或未设置 AUTHORIZER_APPID）。请让该账号授权给第三方平台（授权推送会到达 componentEvents），用 listAuthorizers 核对 appid，运行 componentAdmin 的 reconcile，或设置 AUTHORIZER_APPID + AUTHORIZER_REFRESH_TOKEN。没有发出任何微信请求。' } },
  [LOCAL.AUTHORIZER_REVOKED]: { name: 'AUTHORIZER_REVOKED', source: 'local', zh: '该小程序已取消对第三方平台的授权', en: 'This account revoked its authorization of the third-party platform', retry: 'never',
    hint: { en: 'The account cancelled the authorization (an unauthorized push was received). It must authorize the platform again; no WeChat call was made.', zh: '该账号已取消授权（收到了取消授权推送），必须重新授权给第三方平台；没有发出任何微信请求。' } },
  [LOCAL.AUTHORIZER_PERMISSION_MISSING]: { name: 'AUTHORIZER_PERMISSION_MISSING', source: 'local', zh: '该小程序未授予此接口所需的权限集', en: 'The account did not grant the permission set this call needs', retry: 'never',
    hint: { en: 'Ask the account to authorize again with the permission set named in the message (18: half-screen Mini Programs, 40: plugin management); listAuthorizers shows what it granted. No WeChat call was made.', zh: '请让该账号重新授权，并勾选提示中的权限集（18：半屏小程序，40：插件管理）；listAuthorizers 会显示它授予了哪些。没有发出任何微信请求。' } },
  [LOCAL.AUTHORIZER_NEEDS_COMPONENT]: { name: 'AUTHORIZER_NEEDS_COMPONENT', source: 'local', zh: '指定 authorizerAppid 需要配置第三方平台凭据', en: 'Naming authorizerAppid needs the third-party (component) token provider', retry: 'never',
    hint: { en: 'Remove authorizerAppid from the event, or configure COMPONENT_APPID + COMPONENT_APPSECRET (and TOKEN_PROVIDER=component if another provider is set). See docs/third-party.md.', zh: '从事件中去掉 authorizerAppid，或配置 COMPONENT_APPID + COMPONENT_APPSECRET（如果设置了其他来源，再加 TOKEN_PROVIDER=component）。见 docs/third-party.md。' } },
  [LOCAL.PUSH_REJECTED]: { name: 'PUSH_REJECTED', source: 'local', zh: '推送消息未通过校验', en: 'The push was refused', retry: 'never',
    hint: { en: 'Check that COMPONENT_TOKEN, COMPONENT_ENCODING_AES_KEY and COMPONENT_APPID equal the open platform\'s settings, and that the function\'s clock is right (timestamps older than 5 minutes are refused).', zh: '请确认 COMPONENT_TOKEN、COMPONENT_ENCODING_AES_KEY 和 COMPONENT_APPID 与开放平台上的设置一致，并且云函数的时钟准确（超过 5 分钟的时间戳会被拒绝）。' } },
  [LOCAL.HTTP_ACCESS_REFUSED]: { name: 'HTTP_ACCESS_REFUSED', source: 'local', zh: '此云函数不通过 HTTP 访问服务提供', en: 'This function is not served over the HTTP access service', retry: 'never',
    hint: { en: 'The event has the shape of an HTTP access request (httpMethod, headers, requestContext). Only componentEvents answers the HTTP access service; remove this function\'s HTTP access path in the CloudBase console. No WeChat call was made.', zh: '这个事件具有 HTTP 访问请求的形状（httpMethod、headers、requestContext）。只有 componentEvents 通过 HTTP 访问服务应答；请在云开发控制台删除这个云函数的 HTTP 访问路径。没有发出任何微信请求。' } },
  [LOCAL.RECONCILE_IN_PROGRESS]: { name: 'RECONCILE_IN_PROGRESS', source: 'local', zh: '另一次授权方核对正在进行', en: 'Another reconcile of the authorizers is running', retry: 'never',
    hint: { en: 'Nothing to do: the run holding the lease finishes (a crashed run\'s lease lapses after its time limit). Run componentAdmin {"action":"status"} to see when the last reconcile ended, or try again in a minute.', zh: '无需处理：持有租约的那次核对会完成（崩溃的核对，其租约会在超时后失效）。运行 componentAdmin {"action":"status"} 查看上一次核对何时结束，或一分钟后再试。' } },
  [LOCAL.RESULT_WOULD_EXCEED_LIMIT]: { name: 'RESULT_WOULD_EXCEED_LIMIT', source: 'local', zh: '结果超过云函数返回值 1 MB 上限', en: 'The result would exceed the 1 MB limit of a function result', retry: 'never',
    hint: { en: 'Ask for fewer items per page: the message says which num fits (the platform refuses results over 1 MB with -604001).', zh: '每页少取一些：提示里给出了放得下的 num（平台会以 -604001 拒绝超过 1 MB 的结果）。' } },
  [LOCAL.UPSTREAM_UNREADABLE_BODY]: { name: 'UPSTREAM_UNREADABLE_BODY', source: 'local', zh: '上游返回的内容无法读取（压缩或二进制数据）', en: 'The upstream answer could not be read (compressed or binary data)', retry: 'never',
    hint: { en: 'A proxy or gateway between the function and the API changed the answer (e.g. compressed it unasked); asking again gets the same bytes. Check WECHAT_API_BASE_URL / TOKEN_SERVICE_URL and any proxy in front of them.', zh: '云函数与接口之间的代理或网关改动了应答（例如擅自压缩）；再请求一次也会得到同样的内容。请检查 WECHAT_API_BASE_URL / TOKEN_SERVICE_URL 以及前面的代理。' } },
  [LOCAL.SYNC_IN_PROGRESS]: { name: 'SYNC_IN_PROGRESS', source: 'local', zh: '另一次同步正在进行', en: 'Another sync run holds the lease', retry: 'never',
    hint: { en: 'Nothing to do: the run holding the lease finishes the work (a crashed run\'s lease lapses after its time limit). Look at the sync_state collection or run syncLists again in a minute.', zh: '无需处理：持有租约的那次同步会完成工作（崩溃的同步，其租约会在超时后失效）。可以查看 sync_state 集合，或一分钟后再运行 syncLists。' } },
  [LOCAL.SYNC_LIST_FAILED]: { name: 'SYNC_LIST_FAILED', source: 'local', zh: '同步某个列表时上游请求失败', en: 'A page of a list failed while syncing it', retry: 'never',
    hint: { en: 'error.cause holds the upstream code. Pages already stored stay stored and the next run resumes from the failed page; nothing is counted twice.', zh: '上游错误码见 error.cause。已保存的页面仍然保存着，下次同步从失败的那一页继续；不会重复计数。' } },
  [LOCAL.NOTIFY_SEND_FAILED]: { name: 'NOTIFY_SEND_FAILED', source: 'local', zh: '通知发送失败，将在下次同步时重发', en: 'A notification could not be sent; the next sync run sends it again', retry: 'never',
    hint: { en: 'error.cause holds the WeCom or WeChat code (45009: the robot\'s 20 messages a minute; 43101: the admin has not subscribed to NOTIFY_TEMPLATE_ID). The notification stays pending in the notifications collection.', zh: 'WeCom 或微信的错误码见 error.cause（45009：机器人每分钟 20 条的限制；43101：管理员没有订阅 NOTIFY_TEMPLATE_ID）。这条通知仍在 notifications 集合中等待发送。' } },
  [LOCAL.INTERNAL]: { name: 'INTERNAL', source: 'local', zh: '内部错误', en: 'Internal error', retry: 'never',
    hint: { en: 'A bug in this package; report it with the request id.', zh: '这是本软件包的缺陷；请连同 requestId 一起反馈。' } },
};

/** An entry for a code nobody documented: still well-formed, never retried (unknown errors are never retried, as ky does). */
export function unknownEntry(code: number): CatalogEntry {
  return {
    name: 'UNKNOWN',
    source: code > 0 || code === -1 ? 'wechat' : code <= -500000 && code > -700000 ? 'platform' : 'local',
    zh: `未知错误码 ${code}`,
    en: `Unknown error code ${code}`,
    retry: 'never',
    hint: { en: 'Look the code up in the WeChat global error code list; error.upstreamMessage holds what the platform said.', zh: '请在微信全局错误码列表中查找该错误码；error.upstreamMessage 中有平台的原话。' },
  };
}

export function lookup(code: number): CatalogEntry {
  return Object.prototype.hasOwnProperty.call(CATALOG, code) ? (CATALOG[code] as CatalogEntry) : unknownEntry(code);
}
