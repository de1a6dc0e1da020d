import type { Harness } from './harness';

export const PATHS = {
  preAuthCode: '/cgi-bin/component/api_create_preauthcode',
  queryAuth: '/cgi-bin/component/api_query_auth',
  list: '/cgi-bin/component/api_get_authorizer_list',
  info: '/cgi-bin/component/api_get_authorizer_info',
  startPushTicket: '/cgi-bin/component/api_start_push_ticket',
  authorizerToken: '/cgi-bin/component/api_authorizer_token',
  componentToken: '/cgi-bin/component/api_component_token',
  ownList: '/wxaapi/wxaembedded/get_own_list',
} as const;

/** The parameters of an authorization link create_link answered with. */
export function linkParams(link: string): { preAuthCode: string; redirectUri: string; authType: string | null; bizAppid: string | null; componentAppid: string | null } {
  const url = new URL(link);
  return {
    preAuthCode: url.searchParams.get('pre_auth_code') ?? '',
    redirectUri: url.searchParams.get('redirect_uri') ?? '',
    authType: url.searchParams.get('auth_type'),
    bizAppid: url.searchParams.get('biz_appid'),
    componentAppid: url.searchParams.get('component_appid'),
  };
}

/** The registry record of an account, as componentEvents and reconcile store it. */
export function registryRecord(h: Harness, appid: string): Record<string, any> | undefined {
  return h.emu.db.collection('wx_authorizers').get(`${h.emu.accounts.component.appid}:${appid}`);
}

/** `count` appids no seed uses: wxf0… counting up. */
export function manyAppids(count: number, prefix = 'f'): string[] {
  return Array.from({ length: count }, (_, i) => `wx${prefix}${i.toString(16).padStart(15, '0')}`);
}
