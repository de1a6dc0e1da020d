import type { ComponentSetup } from '../authorizers/componentSetup';
import type { Deadline } from '../core/deadline';
import { createPreAuthCode } from './componentApis';
import { LINK_PARAM, signLink } from './linkSignature';

/** `auth_type`: which accounts the link offers (docs/platform/third-party.md). */
export const AUTH_TYPE_LABELS = { 1: 'official accounts', 2: 'Mini Programs', 3: 'official accounts and Mini Programs' } as const;
export type AuthType = keyof typeof AUTH_TYPE_LABELS;

export const PC_LINK_BASE = 'https://mp.weixin.qq.com/cgi-bin/componentloginpage';
export const MOBILE_LINK_BASE = 'https://open.weixin.qq.com/wxaopen/safe/bindcomponent';

export interface AuthorizationLink {
  /** For a browser on a computer: the admin scans a QR code on WeChat's page. */
  pcUrl: string;
  /** For WeChat on a phone (opened inside WeChat). */
  mobileUrl: string;
  authType: AuthType;
  authTypeLabel: string;
  /** Present when the link is for one account only. */
  bizAppid?: string;
  /** Epoch ms: the pre-auth code's end; after it the links no longer open. */
  expiresAt: number;
  /** Epoch ms: until when the redirect page accepts the signed parameter (the code's end plus the 600 s an authorization code lives). */
  redirectValidUntil: number;
  /** The redirect as WeChat receives it: the given URI with the signed parameter. */
  redirectUri: string;
}

/** The redirect URI with the signed parameter in its query (whatever query it has is kept). */
export function signedRedirect(redirectUri: string, componentSecret: string, componentAppid: string, nowMs: number): { uri: string; validUntil: number } {
  const url = new URL(redirectUri);
  const signed = signLink(componentSecret, componentAppid, nowMs);
  url.searchParams.set(LINK_PARAM, signed.value);
  return { uri: url.toString(), validUntil: signed.expiresAt };
}

/**
 * create_link: one pre-auth code (api_create_preauthcode), then the PC and mobile authorization
 * links WeChat documents, with `biz_appid` when one account is named. The links must be opened
 * from a web page on the platform's 授权发起页域名, and the redirect must be on that domain too;
 * a Mini Program cannot open them directly (docs/third-party-lifecycle.md, "Onboarding").
 */
export async function createAuthorizationLink(
  setup: ComponentSetup,
  request: { redirectUri: string; authType: AuthType; bizAppid?: string },
  now: () => number,
  deadline: Deadline,
): Promise<AuthorizationLink> {
  const { componentAppid, componentSecret } = setup.config;
  const code = await createPreAuthCode(setup, deadline);
  const issuedAt = now();
  const redirect = signedRedirect(request.redirectUri, componentSecret, componentAppid, issuedAt);
  const params: Array<[string, string]> = [
    ['component_appid', componentAppid],
    ['pre_auth_code', code.preAuthCode],
    ['redirect_uri', redirect.uri],
    ['auth_type', String(request.authType)],
    ...(request.bizAppid ? ([['biz_appid', request.bizAppid]] as Array<[string, string]>) : []),
  ];
  const query = params.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
  return {
    pcUrl: `${PC_LINK_BASE}?${query}`,
    mobileUrl: `${MOBILE_LINK_BASE}?action=bindcomponent&no_scan=1&${query}#wechat_redirect`,
    authType: request.authType,
    authTypeLabel: AUTH_TYPE_LABELS[request.authType],
    ...(request.bizAppid ? { bizAppid: request.bizAppid } : {}),
    expiresAt: issuedAt + code.expiresIn * 1000,
    redirectValidUntil: redirect.validUntil,
    redirectUri: redirect.uri,
  };
}
