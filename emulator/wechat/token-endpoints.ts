import { wechatError } from '../platform/wechat-errors';
import type { PlatformState } from '../state';
import { jsonReply, type Reply } from '../wire/reply';

/**
 * Token endpoints of api.weixin.qq.com (docs/platform/tokens.md).
 * Each takes the parsed JSON body; quota names are 'stable_token', 'api_component_token'
 * and 'api_authorizer_token'. Error choices where the sources are silent:
 * unknown appid 40013, wrong component secret 61004, authorizer not authorized 61003.
 */

export function stableToken(state: PlatformState, body: Record<string, unknown>): Reply {
  const { grant_type, appid, secret, force_refresh } = body;
  if (grant_type !== 'client_credential') return jsonReply(wechatError(40002));
  if (typeof appid !== 'string' || appid === '') return jsonReply(wechatError(41002));
  if (typeof secret !== 'string' || secret === '') return jsonReply(wechatError(41004));
  if (appid !== state.accounts.app.appid) return jsonReply(wechatError(40013));
  if (secret !== state.accounts.app.secret) return jsonReply(wechatError(40125));
  if (!state.quota.take('stable_token', appid)) return jsonReply(wechatError(45009));
  // Normal mode hands back the live token; force_refresh mints a new one (the old one overlaps).
  const token = (force_refresh === true ? undefined : state.tokens.currentValid('stable', appid)) ?? state.tokens.issue('stable', appid);
  return jsonReply({ access_token: token.value, expires_in: token.expiresIn });
}

export function componentToken(state: PlatformState, body: Record<string, unknown>): Reply {
  const { component_appid, component_appsecret, component_verify_ticket } = body;
  if (typeof component_appid !== 'string' || component_appid === '') return jsonReply(wechatError(41002));
  if (component_appid !== state.accounts.component.appid) return jsonReply(wechatError(40013));
  if (component_appsecret !== state.accounts.component.secret) return jsonReply(wechatError(61004));
  const ticket = state.tokens.checkTicket(component_verify_ticket);
  if (ticket !== 0) return jsonReply(wechatError(ticket));
  if (!state.quota.take('api_component_token', component_appid)) return jsonReply(wechatError(45009));
  const token = state.tokens.issue('component', component_appid);
  return jsonReply({ component_access_token: token.value, expires_in: token.expiresIn });
}

export function authorizerToken(state: PlatformState, query: URLSearchParams, body: Record<string, unknown>): Reply {
  const credential = state.tokens.check(query.get('component_access_token'));
  if (!credential.ok) return jsonReply(wechatError(credential.errcode));
  if (credential.kind !== 'component') return jsonReply(wechatError(40001));
  const { component_appid, authorizer_appid, authorizer_refresh_token } = body;
  if (component_appid !== credential.appid) return jsonReply(wechatError(40013));
  if (typeof authorizer_appid !== 'string' || !state.openPlatform.isAuthorized(authorizer_appid)) return jsonReply(wechatError(61003));
  const refresh = state.tokens.checkRefreshToken(authorizer_refresh_token, authorizer_appid);
  if (refresh !== 0) return jsonReply(wechatError(refresh));
  if (!state.quota.take('api_authorizer_token', credential.appid)) return jsonReply(wechatError(45009));
  const token = state.tokens.issue('authorizer', authorizer_appid);
  return jsonReply({
    authorizer_access_token: token.value,
    expires_in: token.expiresIn,
    authorizer_refresh_token: state.tokens.nextRefreshToken(authorizer_appid),
  });
}

/**
 * The component credential of the open-platform endpoints (query), checked as the gateway does.
 * WeChat's older pages name it `component_access_token`, its current ones `access_token`; both
 * are accepted.
 */
function componentCaller(state: PlatformState, query: URLSearchParams, body: Record<string, unknown>): { appid: string } | { errcode: number } {
  const credential = state.tokens.check(query.get('component_access_token') ?? query.get('access_token'));
  if (!credential.ok) return { errcode: credential.errcode };
  if (credential.kind !== 'component') return { errcode: 40001 };
  if (body.component_appid !== credential.appid) return { errcode: 40013 };
  return { appid: credential.appid };
}

/** POST /cgi-bin/component/api_create_preauthcode: `{component_appid}` -> `{pre_auth_code, expires_in}`. */
export function createPreAuthCode(state: PlatformState, query: URLSearchParams, body: Record<string, unknown>): Reply {
  const caller = componentCaller(state, query, body);
  if ('errcode' in caller) return jsonReply(wechatError(caller.errcode));
  const code = state.openPlatform.createPreAuthCode();
  return jsonReply({ pre_auth_code: code.value, expires_in: code.expiresIn });
}

/**
 * POST /cgi-bin/component/api_query_auth: `{component_appid, authorization_code}` ->
 * `authorization_info` with the authorizer's appid, access token, a fresh refresh token and the
 * permission sets it granted (docs/platform/pushes.md, "Exchanging the authorization code"). A code
 * works once, for an hour (61010 otherwise).
 */
export function queryAuth(state: PlatformState, query: URLSearchParams, body: Record<string, unknown>): Reply {
  const caller = componentCaller(state, query, body);
  if ('errcode' in caller) return jsonReply(wechatError(caller.errcode));
  const granted = state.openPlatform.queryAuth(body.authorization_code);
  if ('errcode' in granted) return jsonReply(wechatError(granted.errcode));
  const token = state.tokens.issue('authorizer', granted.appid);
  return jsonReply({
    authorization_info: {
      authorizer_appid: granted.appid,
      authorizer_access_token: token.value,
      expires_in: token.expiresIn,
      authorizer_refresh_token: state.tokens.grantRefreshToken(granted.appid),
      func_info: granted.funcIds.map((id) => ({ funcscope_category: { id } })),
    },
  });
}

/**
 * POST /cgi-bin/component/api_get_authorizer_list: `{component_appid, offset, count <= 500}` ->
 * `{total_count, list: [{authorizer_appid, refresh_token, auth_time}]}` (docs/platform/third-party.md).
 * A count out of range answers 40097.
 */
export function authorizerList(state: PlatformState, query: URLSearchParams, body: Record<string, unknown>): Reply {
  const caller = componentCaller(state, query, body);
  if ('errcode' in caller) return jsonReply(wechatError(caller.errcode));
  const { offset, count } = body;
  if (!Number.isInteger(offset) || (offset as number) < 0 || !Number.isInteger(count) || (count as number) < 1 || (count as number) > 500) return jsonReply(wechatError(40097));
  if (!state.quota.take('api_get_authorizer_list', caller.appid)) return jsonReply(wechatError(45009));
  return jsonReply(state.openPlatform.authorizerList(offset as number, count as number));
}

/** POST /cgi-bin/component/api_get_authorizer_info: `{component_appid, authorizer_appid}`; an account not authorized now answers 61003. */
export function authorizerInfo(state: PlatformState, query: URLSearchParams, body: Record<string, unknown>): Reply {
  const caller = componentCaller(state, query, body);
  if ('errcode' in caller) return jsonReply(wechatError(caller.errcode));
  if (typeof body.authorizer_appid !== 'string' || body.authorizer_appid === '') return jsonReply(wechatError(40097));
  if (!state.quota.take('api_get_authorizer_info', caller.appid)) return jsonReply(wechatError(45009));
  const info = state.openPlatform.authorizerInfo(body.authorizer_appid);
  return jsonReply(info ?? wechatError(61003));
}

/**
 * POST /cgi-bin/component/api_start_push_ticket: `{component_appid, component_secret}`, no token;
 * ok (also when the pushes were running), then a ticket is pushed to the event URL.
 */
export function startPushTicket(state: PlatformState, _query: URLSearchParams, body: Record<string, unknown>): Reply {
  if (body.component_appid !== state.accounts.component.appid) return jsonReply(wechatError(40013));
  if (body.component_secret !== state.accounts.component.secret) return jsonReply(wechatError(61004));
  state.openPlatform.restartTicketPush();
  return jsonReply({ errcode: 0, errmsg: 'ok' });
}
