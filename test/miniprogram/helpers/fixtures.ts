import type { Doc } from './fakeDatabase';

/** The account a third-party platform acts for in these tests, and a second one. */
export const ACCOUNT = 'wx9b8a7c6d5e4f3a2b';
export const OTHER_ACCOUNT = 'wx1a2b3c4d5e6f7081';
export const ACCOUNT_KEY = 'admin.authorizerAppid';

/** A hex appid from a small number: wx + 16 hex characters. */
export const appid = (n: number) => `wx${n.toString(16).padStart(16, '0')}`;

/** A stored applicant, as syncLists writes plugin_applicants (README "What the lists look like"). */
export function applicant(n: number, status: number, extra: Partial<Doc> = {}): Doc {
  const id = appid(n);
  return {
    _id: `${ACCOUNT}:${id}`,
    appid: id,
    status,
    statusLabel: ({ 1: 'pending', 2: 'approved', 3: 'rejected', 4: 'expired' } as Record<number, string>)[status] ?? 'unknown',
    nickname: `应用${n}`,
    headimgurl: '',
    reason: `理由${n}`,
    applyUrl: '',
    createTime: 1715299000 + n,
    categories: [{ first: 'IT科技', second: '硬件与设备' }],
    list: 'plugin',
    account: ACCOUNT,
    gone: false,
    ...extra,
  };
}

/** A stored half-screen authorization (embedded_authorizations). */
export function authorization(n: number, status: number, extra: Partial<Doc> = {}): Doc {
  const id = appid(n);
  return {
    _id: `${ACCOUNT}:${id}`,
    appid: id,
    status,
    statusLabel: ({ 1: 'pending', 2: 'approved', 3: 'rejected', 4: 'timeout', 5: 'withdrawn', 6: 'deauthorized' } as Record<number, string>)[status] ?? 'unknown',
    nickname: `半屏${n}`,
    headimg: '',
    reason: `用于${n}`,
    createTime: 1608226000 + n,
    list: 'embedded',
    account: ACCOUNT,
    gone: false,
    ...extra,
  };
}

/** A failure envelope as the functions answer (README "Errors"). */
export function failure(code: number, name: string, zh: string, en: string, hint: unknown, detail?: string) {
  return {
    errCode: code,
    errMsg: `fn:fail ${code} ${name}`,
    requestId: 'req-0001',
    error: { code, name, source: 'local', message: { zh, en }, retryable: false, hint, ...(detail ? { detail } : {}) },
  };
}

/** A write's answer: one outcome per appid, as setDevPluginApplyStatus and manageEmbedded answer. */
export function writeAnswer(action: string, outcomes: Array<Record<string, unknown>>) {
  const summary = { changed: 0, unchanged: 0, failed: 0, not_attempted: 0 } as Record<string, number>;
  for (const o of outcomes) summary[o.outcome as string] = (summary[o.outcome as string] ?? 0) + 1;
  return { errCode: 0, errMsg: 'ok', requestId: 'req-w', action, dryRun: false, via: 'https', summary, outcomes, audit: { recorded: true } };
}

export const PENDING_ONLY_ERROR = {
  code: 89240, name: 'ONLY_PENDING_CAN_BE_DECIDED', source: 'wechat',
  message: { zh: '只能操作申请中的插件', en: 'Only pending applications can be approved or refused' },
  retryable: false, hint: 'Reload the list: the application is no longer pending.',
};
