// @ts-check
/**
 * Every visible string of index.html, app.js and records.js, in English and Chinese (i18n.js
 * explains the table). Static elements of index.html name their key in data-i18n (text) or
 * data-i18n-<attribute> (an attribute); the modules read the rest through t().
 */
import { addStrings } from './i18n.js';

addStrings({
  'page.title': { en: 'Local CloudBase console', zh: '本地云开发控制台' },
  'brand.name': { en: 'Local CloudBase', zh: '本地云开发' },
  'brand.tag': { en: 'console', zh: '控制台' },
  'subtitle.before': { en: 'Runs the built functions in ', zh: '在本地平台模拟器上运行 ' },
  'subtitle.after': { en: ' against the local platform emulator.', zh: ' 中构建好的云函数。' },
  'lang.label': { en: 'Language', zh: '语言' },
  'lang.en': { en: 'English', zh: 'English' },
  'lang.zh': { en: '中文', zh: '中文' },

  'request.title': { en: 'Invoke', zh: '调用' },
  'request.function': { en: 'Function', zh: '云函数' },
  'request.caller': { en: 'Caller', zh: '调用方' },
  'request.openid': { en: 'OPENID', zh: 'OPENID' },
  'request.timerDevtools': { en: 'set up from WeChat DevTools (gets an API token)', zh: '由微信开发者工具创建（带 API token）' },
  'request.event': { en: 'Event', zh: '事件' },
  'request.eventJson': { en: '(JSON)', zh: '（JSON）' },
  'request.run': { en: 'Run', zh: '运行' },
  'request.running': { en: 'Running…', zh: '运行中…' },
  'request.example': { en: 'Reset to example', zh: '恢复示例' },
  // The functions' descriptions in Chinese; in English the page shows config.json's own text, and a
  // function not named here shows that in both languages.
  'fnDescription.getPluginDevApplyList': {
    zh: '列出申请使用本账号插件的用户（云调用，控制台测试和定时触发时回退到 HTTPS）。',
  },
  'fnDescription.getOwnList': {
    zh: '列出获准以半屏方式打开本小程序的小程序（HTTPS，授权方 access token）。',
  },
  'fnDescription.syncLists': {
    zh: '把三个列表保存在数据库中（plugin_applicants、embedded_authorizations、embedded_applications），每个变化记入 list_changes 并通知管理员（企业微信机器人、订阅消息）。每 10 分钟定时运行，管理员也可手动运行。',
  },
  'fnDescription.setDevPluginApplyStatus': {
    zh: '通过、拒绝或删除插件申请，一次一个或最多 100 个（云调用，回退到 HTTPS），写操作从不盲目重试；每次写入都有审计记录。',
  },
  'fnDescription.manageEmbedded': {
    zh: '通过 HTTPS 管理半屏小程序：设置授权方式、取消授权（可批量）、添加或删除半屏小程序、列出它们；每次写入都有审计记录。',
  },
  'fnDescription.componentEvents': {
    zh: '开放平台的授权事件接收 URL（HTTP 访问服务）：保存 component_verify_ticket、authorized、updateauthorized 和 unauthorized 推送；带 auth_code 的 GET 请求是授权回调页面（兑换授权码，返回 HTML）。',
  },
  'fnDescription.listAuthorizers': {
    zh: '列出授权了本第三方平台的账号：appid、名称、头像、授予的权限集、授权时间、是否已取消，以及票据是否仍在送达；不含任何 token。',
  },
  'fnDescription.componentAdmin': {
    zh: '第三方平台的完整生命周期：生成授权链接（create_link）、与微信的授权方列表核对（reconcile）、重启票据推送、查看状态。仅限管理员；会改变状态的操作受 OPERATOR_OPENIDS 限制并记入审计。',
  },
  'request.meta': { en: 'Timeout {timeout} s · {memory} MB', zh: '超时 {timeout} 秒 · 内存 {memory} MB' },

  'caller.admin': { en: 'Mini Program admin', zh: '小程序管理员' },
  'caller.user': { en: 'Mini Program user', zh: '小程序用户' },
  'caller.console': { en: 'Console test run', zh: '控制台云端测试' },
  'caller.timer': { en: 'Timer trigger', zh: '定时触发器' },
  'caller.devtools': { en: 'WeChat DevTools', zh: '微信开发者工具' },
  'callerNote.admin': {
    en: 'A Mini Program user whose OPENID is in ADMIN_OPENIDS (source wx_client, with an API token).',
    zh: 'OPENID 在 ADMIN_OPENIDS 中的小程序用户（来源 wx_client，带 API token）。',
  },
  'callerNote.user': {
    en: 'A Mini Program user (source wx_client, with an API token). Not an admin unless listed in ADMIN_OPENIDS.',
    zh: '小程序用户（来源 wx_client，带 API token）。未列入 ADMIN_OPENIDS 则不是管理员。',
  },
  'callerNote.console': {
    en: 'A console test run: no OPENID, no SOURCE, no API token; cloud calls fail with -501007.',
    zh: '控制台云端测试：没有 OPENID、SOURCE 和 API token；云调用返回 -501007。',
  },
  'callerNote.timer': {
    en: 'A timer trigger (source wx_trigger). Cloud calls need a trigger set up from WeChat DevTools.',
    zh: '定时触发器（来源 wx_trigger）。只有由微信开发者工具创建的触发器才能使用云调用。',
  },
  'callerNote.devtools': {
    en: 'WeChat DevTools cloud testing (source wx_devtools, with an API token).',
    zh: '微信开发者工具云端测试（来源 wx_devtools，带 API token）。',
  },

  'event.valid': { en: 'Valid JSON', zh: 'JSON 格式正确' },
  'event.invalidJson': { en: 'Invalid JSON: {message}', zh: 'JSON 格式错误：{message}' },
  'event.notObject': { en: 'A Mini Program call sends an object as data: use {...}.', zh: '小程序调用的 data 必须是对象：请使用 {...}。' },
  'event.badOpenid': {
    en: 'Enter the OPENID of the Mini Program user (letters, digits, _ or -).',
    zh: '请输入小程序用户的 OPENID（字母、数字、_ 或 -）。',
  },

  'placeholder.first': { en: 'Pick a function and a caller, then Run.', zh: '选择云函数和调用方，然后点击“运行”。' },
  'placeholder.second': {
    en: 'The envelope, the upstream requests and the listed records appear here.',
    zh: '返回结果、上游请求和列表记录会显示在这里。',
  },
  'error.cloudGone': {
    en: 'The local cloud is not answering: it was stopped. Run npm start again, then reload this page.',
    zh: '本地云没有响应：它已停止。请重新运行 npm start，然后刷新本页。',
  },
  'error.loadFunctions': { en: 'Could not load the function list: {message}', zh: '无法加载云函数列表：{message}' },
  'error.request': { en: 'The local cloud could not do this: {message}', zh: '本地云无法完成此请求：{message}' },

  'fact.ms': { en: '{ms} ms', zh: '{ms} 毫秒' },
  'fact.msTitle': { en: 'Time the caller waited', zh: '调用方等待的时间' },
  'fact.cold': { en: 'instance #{id} · cold start', zh: '实例 #{id} · 冷启动' },
  'fact.warm': { en: 'instance #{id} · warm', zh: '实例 #{id} · 热启动' },
  'fact.outcome': { en: 'outcome: {outcome}', zh: '结果：{outcome}' },
  'outcome.timeout': { en: 'timed out', zh: '超时' },
  'outcome.error': { en: 'error', zh: '出错' },
  'outcome.crashed': { en: 'instance crashed', zh: '实例崩溃' },
  // How the function reached WeChat (envelope.via) and whose token it used (tokenProvider).
  'fact.via': { en: 'via {via}', zh: '经由 {via}' },
  'fact.via.cloud': { en: 'via the cloud call', zh: '经由云调用' },
  'fact.via.https': { en: 'via HTTPS', zh: '经由 HTTPS' },
  'fact.fallback': { en: 'fallback from {from} ({provider})', zh: '由 {from} 回退（{provider}）' },
  'token.component': { en: 'third-party platform (component) token', zh: '第三方平台（component）的令牌' },
  'token.fixed': { en: 'fixed token (AUTHORIZER_ACCESS_TOKEN)', zh: '固定令牌（AUTHORIZER_ACCESS_TOKEN）' },
  'token.service': { en: 'token from TOKEN_SERVICE_URL', zh: '来自 TOKEN_SERVICE_URL 的令牌' },
  'token.stable': { en: 'stable_token (APPID + APPSECRET)', zh: 'stable_token（APPID + APPSECRET）' },
  'fact.embeddedFlag': { en: 'authorization mode: {label}', zh: '授权方式：{label}' },

  'hint.platform': { en: 'Platform error · {code}', zh: '平台错误 · {code}' },
  'hint.noErrCode': { en: 'no errCode', zh: '无 errCode' },
  'hint.noEnvelope': { en: 'The function did not return an envelope.', zh: '云函数没有返回结果信封。' },
  'hint.httpTitle': { en: 'HTTP answer · {status}', zh: 'HTTP 应答 · {status}' },
  'hint.httpAnswer': {
    en: 'This function answers the HTTP access service: its result is an HTTP response (status, headers, body), not an envelope with errCode.',
    zh: '该云函数应答 HTTP 访问服务：其结果是 HTTP 响应（状态码、头、正文），不是带 errCode 的结果信封。',
  },
  'hint.httpSigned': {
    en: 'A push not signed by the open platform is refused, as here: this example is not signed. "Send a signed test push" (Pushes, below) has the open platform send one to /{fn}; the push log shows what came back.',
    zh: '未经开放平台签名的推送会被拒绝，如本例：这个示例没有签名。点击下方“推送”中的“发送签名测试推送”，由开放平台向 /{fn} 发送一条签名推送；推送记录会显示应答。',
  },

  'records.applicants': { en: 'Plugin applicants', zh: '插件申请者' },
  'records.authorizations': { en: 'Half-screen authorizations', zh: '半屏小程序授权' },
  'records.filters': { en: 'Filter by status', zh: '按状态筛选' },
  'records.all': { en: 'All', zh: '全部' },
  'records.empty': { en: 'No records on this page.', zh: '本页没有记录。' },
  'records.next': { en: 'Next page', zh: '下一页' },
  'records.nextTitle': { en: 'Run again with the next page', zh: '用下一页再次运行' },
  'records.lastPage': { en: 'last page', zh: '最后一页' },
  'records.pagingApplicants': { en: 'page {page} · {returned} of num {num}', zh: '第 {page} 页 · 本页 {returned} 条（num {num}）' },
  'records.pagingAuthorizations': { en: 'start {start} · {returned} of num {num}', zh: '从 {start} 开始 · 本页 {returned} 条（num {num}）' },
  'records.pagingAll': { en: 'whole list · {returned} of {total} ({calls} calls)', zh: '整个列表 · {returned} / {total} 条（{calls} 次调用）' },
  'records.rest': {
    en: 'only the first {returned}: the whole list is over the result limit; page through it instead',
    zh: '仅前 {returned} 条：整个列表超出结果大小上限，请改为分页读取',
  },
  'records.more': { en: 'Show {n} more ({shown} of {total} shown)', zh: '再显示 {n} 条（已显示 {shown} / {total}）' },
  'records.nextPage': { en: 'next page {page}', zh: '下一页 {page}' },
  'records.nextStart': { en: 'next start {start}', zh: '下一页从 {start} 开始' },
  'records.timeZone': { en: 'Times are Beijing time (UTC+8), the platform’s time zone.', zh: '时间为北京时间（UTC+8），即平台所用时区。' },

  'col.number': { en: '#', zh: '序号' },
  'col.applicant': { en: 'Applicant', zh: '申请者' },
  'col.miniProgram': { en: 'Mini Program', zh: '小程序' },
  'col.status': { en: 'Status', zh: '状态' },
  'col.reason': { en: 'Reason', zh: '理由' },
  'col.categories': { en: 'Categories', zh: '类目' },
  'col.applied': { en: 'Applied (UTC+8)', zh: '申请时间（UTC+8）' },
  'col.authorization': { en: 'Authorization', zh: '授权方式' },
  'col.added': { en: 'Added (UTC+8)', zh: '添加时间（UTC+8）' },
  // apply_url is the applicant's Mini Program code (docs/platform/plugin-manager.md).
  'cell.applyUrl': { en: 'Mini Program code ↗', zh: '小程序码 ↗' },
  'cell.applyUrlTitle': { en: 'Opens {url} in a new tab', zh: '在新标签页打开 {url}' },
  'cell.applyUrlNotWeb': { en: 'Mini Program code: {value} (not a web address)', zh: '小程序码：{value}（不是网址）' },
  'cell.statusTitle': { en: 'status {status}', zh: '状态值 {status}' },
  'cell.avatarTitle': { en: 'Placeholder: the emulator\'s avatar addresses are made up ({url})', zh: '占位头像：模拟器的头像地址是虚构的（{url}）' },

  'status.pending': { en: 'pending', zh: '申请中' },
  'status.approved': { en: 'approved', zh: '已通过' },
  'status.rejected': { en: 'rejected', zh: '已拒绝' },
  'status.expired': { en: 'expired', zh: '已超时' },
  'status.timeout': { en: 'timeout', zh: '已超时' },
  'status.withdrawn': { en: 'withdrawn', zh: '已撤销' },
  'status.deauthorized': { en: 'deauthorized', zh: '已解除授权' },
  'status.unknown': { en: 'unknown', zh: '未知' },
  'flag.admin-confirm': { en: 'admin-confirm', zh: '管理员确认' },
  'flag.auto-approve': { en: 'auto-approve', zh: '自动通过' },
  'flag.auto-reject': { en: 'auto-reject', zh: '自动拒绝' },

  'block.envelope': { en: 'Envelope', zh: '返回结果' },
  'block.upstream': { en: 'Upstream requests', zh: '上游请求' },
  'block.logs': { en: 'Function log', zh: '云函数日志' },
  'upstream.shared': {
    en: 'Another invocation ran at the same time: these are all requests made meanwhile.',
    zh: '同一时间还有其他调用：这里是期间发出的全部请求。',
  },
  'upstream.none': { en: 'No request reached the platform.', zh: '没有请求到达平台。' },
  'upstream.withToken': { en: 'with wxCloudApiToken', zh: '带 wxCloudApiToken' },
  'upstream.noToken': { en: 'no wxCloudApiToken', zh: '无 wxCloudApiToken' },
  'upstream.showAll': { en: 'Show all ({n} characters)', zh: '显示全部（{n} 个字符）' },
});
