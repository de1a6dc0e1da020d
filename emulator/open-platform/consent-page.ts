import type { PlatformState } from '../state';
import type { Reply } from '../wire/reply';
import { textReply } from '../wire/reply';

/**
 * The pages a merchant sees on WeChat's side of an authorization (docs/platform/third-party.md),
 * played locally: the PC link's
 * /cgi-bin/componentloginpage and the mobile link's /wxaopen/safe/bindcomponent show the
 * accounts that may authorize; choosing one (/cgi-bin/componentloginpage/consent) uses the
 * pre-auth code up, sends the authorized push in the background and redirects the browser to
 * `redirect_uri` with `auth_code` and `expires_in` appended to its own query. The real pages also
 * insist that the link is opened from the platform's 授权发起页域名; a local run has no such
 * domain, so that rule is not played (docs/third-party-lifecycle.md says it).
 */
export const CONSENT_PATHS = {
  pcLogin: '/cgi-bin/componentloginpage',
  mobileLogin: '/wxaopen/safe/bindcomponent',
  consent: '/cgi-bin/componentloginpage/consent',
} as const;

const HTML = 'text/html; charset=utf-8';
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function page(status: number, title: string, body: string): Reply {
  return textReply(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
      '<style>body{font-family:sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}li{margin:.5rem 0}.err{color:#c00}</style></head>' +
      `<body data-page="${status < 400 ? 'consent' : 'error'}"><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
    HTML,
    status,
  );
}

function failure(message: string): Reply {
  return page(400, '授权失败 · Authorization failed', `<p class="err" data-testid="consent-error">${escapeHtml(message)}</p>`);
}

/** The link's checks, as far as a local run can make them; the parameters when they pass. */
function linkProblem(state: PlatformState, query: URLSearchParams): string | undefined {
  if (query.get('component_appid') !== state.accounts.component.appid) return 'component_appid 无效 (not this platform\'s appid)';
  const problem = state.openPlatform.preAuthCodeProblem(query.get('pre_auth_code'));
  if (problem) return problem;
  const redirect = query.get('redirect_uri') ?? '';
  try {
    if (!/^https?:$/.test(new URL(redirect).protocol)) return 'redirect_uri 必须是 http(s) 地址 (redirect_uri must be http(s))';
  } catch {
    return 'redirect_uri 无效 (redirect_uri missing or not a URL)';
  }
  const authType = query.get('auth_type') ?? '3';
  if (!['1', '2', '3'].includes(authType)) return 'auth_type 无效 (auth_type must be 1, 2 or 3)';
  const biz = query.get('biz_appid');
  if (biz !== null && !state.openPlatform.authorizers().some((a) => a.appid === biz)) return 'biz_appid 不是可授权的账号 (biz_appid cannot authorize)';
  return undefined;
}

/** GET the PC or mobile link: the accounts that may authorize, each a link that consents. */
export function answerLoginPage(state: PlatformState, url: URL): Reply {
  const query = url.searchParams;
  const problem = linkProblem(state, query);
  if (problem) return failure(problem);
  const biz = query.get('biz_appid');
  const accounts = state.openPlatform.authorizers().filter((a) => biz === null || a.appid === biz);
  const items = accounts
    .map((a) => {
      const consent = new URLSearchParams({
        component_appid: query.get('component_appid') ?? '',
        pre_auth_code: query.get('pre_auth_code') ?? '',
        redirect_uri: query.get('redirect_uri') ?? '',
        authorizer_appid: a.appid,
      });
      return `<li><a data-testid="consent-${a.appid}" data-appid="${a.appid}" href="${CONSENT_PATHS.consent}?${escapeHtml(consent.toString())}">${escapeHtml(a.nickname)} · ${a.appid}</a> <small>权限集 ${a.funcIds.join(', ')}${a.authorized ? ' · 已授权 (authorized: updates it)' : ''}</small></li>`;
    })
    .join('');
  return page(200, '授权给第三方平台 · Authorize the third-party platform', `<p>选择要授权的账号（本地模拟，无需扫码）。Pick the account that authorizes (emulated: no QR code).</p><ul data-testid="consent-accounts">${items}</ul>`);
}

/** GET the consent: the push goes out in the background; the browser goes back to the redirect. */
export function answerConsent(state: PlatformState, url: URL): Reply {
  const query = url.searchParams;
  const problem = linkProblem(state, query);
  if (problem) return failure(problem);
  const appid = query.get('authorizer_appid') ?? '';
  if (!state.openPlatform.authorizers().some((a) => a.appid === appid)) return failure('authorizer_appid 不是可授权的账号 (this account cannot authorize)');
  const consent = state.openPlatform.consentNow(query.get('pre_auth_code') as string, query.get('redirect_uri') as string, appid, { push: 'background' });
  return { status: 302, contentType: HTML, body: Buffer.from(`<a href="${escapeHtml(consent.location)}">continue</a>`, 'utf8'), headers: { location: consent.location } };
}
