import type { Emulator } from '../../../emulator';

/** Plain fetch against the emulated api.weixin.qq.com. */

export type WechatBody = Record<string, unknown> & { errcode?: number; errmsg?: string };

export function wechatUrl(emulator: Emulator, path: string, query: Record<string, string | number> = {}): string {
  const url = new URL(path, emulator.wechatBaseUrl);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
  return url.toString();
}

export async function postJson(emulator: Emulator, path: string, body: unknown, query: Record<string, string | number> = {}): Promise<WechatBody> {
  const response = await fetch(wechatUrl(emulator, path, query), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as WechatBody;
}

export async function getJson(emulator: Emulator, path: string, query: Record<string, string | number> = {}): Promise<WechatBody> {
  const response = await fetch(wechatUrl(emulator, path, query));
  return (await response.json()) as WechatBody;
}

export async function stableToken(emulator: Emulator, forceRefresh = false): Promise<string> {
  const { appid, secret } = emulator.accounts.app;
  const body = await postJson(emulator, '/cgi-bin/stable_token', { grant_type: 'client_credential', appid, secret, force_refresh: forceRefresh });
  if (typeof body.access_token !== 'string') throw new Error(`stable_token failed: ${JSON.stringify(body)}`);
  return body.access_token;
}

export async function componentToken(emulator: Emulator, ticket = emulator.tokens.verifyTicket()): Promise<WechatBody> {
  const { appid, secret } = emulator.accounts.component;
  return postJson(emulator, '/cgi-bin/component/api_component_token', {
    component_appid: appid,
    component_appsecret: secret,
    component_verify_ticket: ticket,
  });
}

export async function authorizerToken(emulator: Emulator, componentAccessToken: string, refreshToken: string): Promise<WechatBody> {
  return postJson(
    emulator,
    '/cgi-bin/component/api_authorizer_token',
    {
      component_appid: emulator.accounts.component.appid,
      authorizer_appid: emulator.accounts.authorizer.appid,
      authorizer_refresh_token: refreshToken,
    },
    { component_access_token: componentAccessToken },
  );
}

export function ownList(emulator: Emulator, accessToken: string, query: Record<string, string | number> = {}): Promise<WechatBody> {
  return getJson(emulator, '/wxaapi/wxaembedded/get_own_list', { access_token: accessToken, ...query });
}
