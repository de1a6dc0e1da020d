import { componentTokenSource } from '../authorizers/authorizerTokens';
import type { AuthorizerInfo } from '../authorizers/authorizerLifecycle';
import type { ComponentSetup } from '../authorizers/componentSetup';
import { funcIdsOf } from '../authorizers/funcSets';
import type { Deadline } from '../core/deadline';
import { createError, LOCAL, type FieldIssue } from '../errors';
import { APPID_PATTERN } from '../schemas/appid';
import { registerSecret } from '../secrets/redact';
import { createHttpsTransport } from '../transport/httpsTransport';
import { sendRequest } from '../transport/sendRequest';
import type { ApiDescriptor, Transport } from '../transport/types';

/**
 * The open platform's own endpoints a third-party platform calls with its component token
 * (docs/platform/third-party.md): the pre-auth code of an authorization link, the authorizer
 * list and one account's details, and the restart of ticket pushes (which takes the secret
 * instead). The component token goes in `access_token`, as WeChat's current pages name it; a
 * rejected one is replaced once (the transport's token retry).
 */
export const COMPONENT_APIS = {
  createPreAuthCode: { name: 'api_create_preauthcode', https: { method: 'POST', path: '/cgi-bin/component/api_create_preauthcode' } },
  getAuthorizerList: { name: 'api_get_authorizer_list', https: { method: 'POST', path: '/cgi-bin/component/api_get_authorizer_list' } },
  getAuthorizerInfo: { name: 'api_get_authorizer_info', https: { method: 'POST', path: '/cgi-bin/component/api_get_authorizer_info' } },
  startPushTicket: { name: 'api_start_push_ticket', https: { method: 'POST', path: '/cgi-bin/component/api_start_push_ticket' } },
} as const satisfies Record<string, ApiDescriptor>;

/** api_get_authorizer_list takes at most 500 per page. */
export const AUTHORIZER_LIST_MAX_COUNT = 500;

function withComponentToken(setup: ComponentSetup): Transport {
  return createHttpsTransport({ baseUrl: setup.http.baseUrl, attemptTimeoutMs: setup.http.attemptTimeoutMs, tokens: componentTokenSource(setup) });
}

function invalidBody(api: ApiDescriptor, issues: FieldIssue[]) {
  return createError(LOCAL.UPSTREAM_INVALID_BODY, { functionName: api.name, issues });
}

/** `{ pre_auth_code, expires_in }`: the code of one authorization link (1800 s). */
export async function createPreAuthCode(setup: ComponentSetup, deadline: Deadline): Promise<{ preAuthCode: string; expiresIn: number }> {
  const api = COMPONENT_APIS.createPreAuthCode;
  const reply = await sendRequest(withComponentToken(setup), { api, params: { component_appid: setup.config.componentAppid } }, deadline);
  const body = reply.body as { pre_auth_code?: unknown; expires_in?: unknown };
  if (typeof body.pre_auth_code !== 'string' || body.pre_auth_code === '') throw invalidBody(api, [{ field: 'pre_auth_code', expected: 'a non-empty string' }]);
  const expiresIn = Number(body.expires_in ?? 1800);
  return { preAuthCode: body.pre_auth_code, expiresIn: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 1800 };
}

/** One account of api_get_authorizer_list. `refreshToken` is absent when WeChat gave none. */
export interface ListedAuthorizer {
  authorizerAppid: string;
  refreshToken?: string;
  /** Epoch ms (auth_time is seconds). */
  authTime: number;
}

/**
 * One page of the accounts that authorized the platform. A body that is not the documented shape
 * (a list entry without a well-formed appid included) is an error: a pull that cannot read a
 * page is not complete, and so revokes nothing.
 */
export async function getAuthorizerListPage(setup: ComponentSetup, offset: number, count: number, deadline: Deadline): Promise<{ totalCount: number; items: ListedAuthorizer[] }> {
  const api = COMPONENT_APIS.getAuthorizerList;
  const reply = await sendRequest(withComponentToken(setup), { api, params: { component_appid: setup.config.componentAppid, offset, count } }, deadline);
  const body = reply.body as { total_count?: unknown; list?: unknown };
  const totalCount = Number(body.total_count);
  if (!Number.isSafeInteger(totalCount) || totalCount < 0) throw invalidBody(api, [{ field: 'total_count', expected: 'a count (a non-negative integer)' }]);
  if (!Array.isArray(body.list)) throw invalidBody(api, [{ field: 'list', expected: 'an array of accounts' }]);
  const items = body.list.map((raw: unknown, index): ListedAuthorizer => {
    const item = (raw ?? {}) as { authorizer_appid?: unknown; refresh_token?: unknown; auth_time?: unknown };
    if (typeof item.authorizer_appid !== 'string' || !APPID_PATTERN.test(item.authorizer_appid)) {
      throw invalidBody(api, [{ field: `list[${index}].authorizer_appid`, expected: 'an appid ("wx" and 16 hexadecimal characters)' }]);
    }
    registerSecret(item.refresh_token);
    const authTime = Number(item.auth_time);
    return {
      authorizerAppid: item.authorizer_appid,
      ...(typeof item.refresh_token === 'string' && item.refresh_token !== '' ? { refreshToken: item.refresh_token } : {}),
      authTime: Number.isFinite(authTime) && authTime > 0 ? authTime * 1000 : 0,
    };
  });
  return { totalCount, items };
}

/**
 * One account's details (api_get_authorizer_info): name, avatar, principal, original ID, types,
 * and the permission sets it grants now (`authorization_info.func_info`). The refresh token the
 * answer also carries is registered as a secret and not kept.
 */
export async function getAuthorizerInfo(setup: ComponentSetup, authorizerAppid: string, now: number, deadline: Deadline): Promise<{ info: AuthorizerInfo; funcIds?: number[] }> {
  const api = COMPONENT_APIS.getAuthorizerInfo;
  const reply = await sendRequest(withComponentToken(setup), { api, params: { component_appid: setup.config.componentAppid, authorizer_appid: authorizerAppid } }, deadline);
  const body = reply.body as { authorizer_info?: Record<string, unknown>; authorization_info?: Record<string, unknown> };
  registerSecret(body.authorization_info?.authorizer_refresh_token);
  registerSecret(body.authorization_info?.authorizer_access_token);
  const about = body.authorizer_info;
  if (about === null || typeof about !== 'object') throw invalidBody(api, [{ field: 'authorizer_info', expected: 'an object' }]);
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const id = (value: unknown) => {
    const n = Number((value as { id?: unknown } | null)?.id);
    return Number.isInteger(n) ? n : undefined;
  };
  const info: AuthorizerInfo = { fetchedAt: now };
  const fields: Array<[keyof AuthorizerInfo, unknown]> = [
    ['nickName', text(about.nick_name)],
    ['headImg', text(about.head_img)],
    ['principalName', text(about.principal_name)],
    ['userName', text(about.user_name)],
    ['serviceType', id(about.service_type_info)],
    ['verifyType', id(about.verify_type_info)],
  ];
  for (const [key, value] of fields) if (value !== undefined) (info as unknown as Record<string, unknown>)[key] = value;
  const funcInfo = body.authorization_info?.func_info;
  return { info, ...(Array.isArray(funcInfo) ? { funcIds: funcIdsOf(funcInfo) } : {}) };
}

/**
 * POST /cgi-bin/component/api_start_push_ticket `{ component_appid, component_secret }`: WeChat
 * pushes a ticket again (answering ok also when the pushes were already running, so asking twice
 * is harmless). No API hands out a ticket on demand.
 */
export async function startPushTicket(setup: ComponentSetup, deadline: Deadline): Promise<void> {
  const transport = createHttpsTransport({ baseUrl: setup.http.baseUrl, attemptTimeoutMs: setup.http.attemptTimeoutMs });
  await sendRequest(transport, { api: COMPONENT_APIS.startPushTicket, params: { component_appid: setup.config.componentAppid, component_secret: setup.config.componentSecret } }, deadline);
}
