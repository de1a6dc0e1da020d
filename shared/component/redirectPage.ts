import { findByCodeFingerprint } from '../authorizers/authorizerLifecycle';
import { fingerprint } from '../authorizers/authorizerRegistry';
import { componentSetupOf, type ComponentSetup } from '../authorizers/componentSetup';
import { FUNC_SET_NAMES, type FuncSetId } from '../authorizers/funcSets';
import type { Deadline } from '../core/deadline';
import type { Logger } from '../core/logger';
import { toWxError, UPSTREAM } from '../errors';
import { storeAuthorization } from '../pushes/applyPush';
import { componentConfigFromEnv } from '../pushes/componentConfig';
import type { HttpAnswer, HttpRequest } from '../pushes/httpAccess';
import { registerSecret } from '../secrets/redact';
import { htmlPage } from './redirectHtml';
import { checkLink, LINK_PARAM, type LinkCheck } from './linkSignature';

/**
 * After a merchant consents, WeChat sends the browser to `redirect_uri?auth_code=…&expires_in=600`
 * (with the redirect's own query, our signed parameter included, kept). Pointed at
 * componentEvents over the HTTP access service, a GET carrying `auth_code` is this page.
 */
export function isAuthorizationRedirect(request: HttpRequest): boolean {
  return request.method === 'GET' && request.query.auth_code !== undefined;
}

/** How long a 61010 waits for a concurrent push to finish storing the same code. */
const CONCURRENT_STORE_WAIT_MS = 1500;
const POLL_MS = 150;

async function storedSoon(setup: ComponentSetup, codeFingerprint: string, deadline: Deadline) {
  const until = Math.min(deadline.clock.now() + CONCURRENT_STORE_WAIT_MS, deadline.at - 300);
  for (;;) {
    const known = await findByCodeFingerprint(setup, codeFingerprint, deadline).catch(() => undefined);
    if (known || deadline.clock.now() + POLL_MS > until) return known;
    await deadline.clock.sleep(POLL_MS);
  }
}

/** What WeChat's authorization codes look like, generously: anything else is not worth a call. */
const AUTH_CODE = /^[A-Za-z0-9@_\-.~+/=]{8,512}$/;

const tell = {
  forged: (check: LinkCheck) =>
    htmlPage(403, {
      zhTitle: '授权链接无效',
      enTitle: 'This authorization link is not valid',
      zh: [check === 'expired' ? '这个授权链接已过期。' : '这个页面不是由本平台生成的授权链接打开的。', '请回到服务商的后台页面，重新获取授权链接后再授权。本次未做任何处理。'],
      en: [check === 'expired' ? 'This authorization link has expired.' : 'This page was not reached through an authorization link this platform created.', 'Go back to the platform\'s page, get a new authorization link and authorize again. Nothing was done.'],
    }),
  badCode: () =>
    htmlPage(400, {
      zhTitle: '授权码无效',
      enTitle: 'The authorization code is not valid',
      zh: ['授权码已过期、已被使用或格式不正确（授权码只能使用一次，约 10 分钟内有效）。', '请回到服务商的后台页面，重新获取授权链接后再授权。本次未保存任何内容。'],
      en: ['The authorization code has expired, was already used, or is malformed (a code works once, for about 10 minutes).', 'Go back to the platform\'s page, get a new authorization link and authorize again. Nothing was stored.'],
    }),
  notConfigured: () =>
    htmlPage(500, {
      zhTitle: '服务暂不可用',
      enTitle: 'Not available',
      zh: ['第三方平台尚未配置完成（componentEvents 缺少 COMPONENT_APPID / COMPONENT_APPSECRET）。请联系服务商。'],
      en: ['The third-party platform is not configured yet (componentEvents lacks COMPONENT_APPID / COMPONENT_APPSECRET). Contact the platform.'],
    }),
  unavailable: () =>
    htmlPage(503, {
      zhTitle: '暂时无法完成授权',
      enTitle: 'The authorization could not be completed right now',
      zh: ['微信或数据库暂时没有响应。授权码约 10 分钟内有效：请稍后刷新本页面；若仍失败，请重新获取授权链接。'],
      en: ['WeChat or the database did not answer. The code stays valid for about 10 minutes: reload this page shortly; if it still fails, get a new authorization link.'],
    }),
  done: (appid: string, funcIds: number[] | null | undefined) => {
    const sets = (funcIds ?? []).map((id) => `${id}${id in FUNC_SET_NAMES ? ` (${FUNC_SET_NAMES[id as FuncSetId]})` : ''}`).join(', ');
    return htmlPage(200, {
      zhTitle: '授权成功',
      enTitle: 'Authorized',
      zh: [`账号 ${appid} 已授权给本第三方平台。`, ...(sets ? [`授予的权限集：${sets}。`] : []), '可以关闭此页面。'],
      en: [`Account ${appid} has now authorized this third-party platform.`, ...(sets ? [`Permission sets granted: ${sets}.`] : []), 'You may close this page.'],
    });
  },
};

/**
 * The redirect page. In the order that costs a forger the most and us the least: the signed
 * parameter is checked first (linkSignature.ts: no database read, no WeChat call without a valid
 * one); then the code is stored by the very function the push uses (pushes/applyPush.ts
 * `storeAuthorization`): a code already stored (the `authorized` push came first) is answered
 * from the registry, otherwise it is exchanged, kept in the instance and written, so the account
 * is stored once whichever arrives first. A code WeChat refuses (61010) that no record holds
 * yet may be the one a concurrent push is storing right now: the page waits a moment for it;
 * otherwise it stores nothing and says what to do.
 */
export async function answerAuthorizationRedirect(request: HttpRequest, env: NodeJS.ProcessEnv, deadline: Deadline, log: Logger): Promise<HttpAnswer> {
  const code = request.query.auth_code ?? '';
  registerSecret(code);
  let setup: ComponentSetup;
  try {
    setup = componentSetupOf(componentConfigFromEnv(env), env);
  } catch (thrown) {
    log.error('redirect: not configured', { errCode: toWxError(thrown).code, detail: toWxError(thrown).body.detail });
    return tell.notConfigured();
  }
  const check = checkLink(request.query[LINK_PARAM], setup.config.componentSecret, setup.config.componentAppid, deadline.clock.now());
  if (check !== 'valid') {
    log.warn('redirect refused', { reason: `${LINK_PARAM} ${check}` });
    return tell.forged(check);
  }
  if (!AUTH_CODE.test(code)) {
    log.warn('redirect refused', { reason: 'malformed auth_code' });
    return tell.badCode();
  }
  try {
    const stored = await storeAuthorization(setup, { code, eventAt: deadline.clock.now() }, deadline, log);
    log.info('redirect', { outcome: stored.outcome, authorizerAppid: stored.authorizerAppid });
    return tell.done(stored.authorizerAppid, stored.funcIds);
  } catch (thrown) {
    const error = toWxError(thrown);
    if (error.code === UPSTREAM.AUTHORIZATION_CODE_INVALID) {
      // The push may have exchanged it a moment ago and be writing it now: then the account is
      // stored, once, and this page says so.
      const known = await storedSoon(setup, fingerprint(code), deadline);
      if (known) {
        log.info('redirect', { outcome: 'duplicate', authorizerAppid: known.authorizerAppid });
        return tell.done(known.authorizerAppid, known.funcIds);
      }
      log.warn('redirect: code refused', { errCode: error.code });
      return tell.badCode();
    }
    log.error('redirect: not stored', { errCode: error.code, name: error.entry.name, detail: error.body.detail, cause: error.body.cause?.code });
    return tell.unavailable();
  }
}
