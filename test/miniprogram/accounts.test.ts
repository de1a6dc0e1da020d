import { createFakeWx, type FakeWxOptions, type Handler } from './helpers/fakeWx';
import { mountPage, tap, text, texts } from './helpers/mountPage';
import { ACCOUNT, ACCOUNT_KEY, OTHER_ACCOUNT, failure } from './helpers/fixtures';

const REVOKED = 'wx2b3c4d5e6f708192';

const authorizers: Handler = (e) => ({
  errCode: 0, errMsg: 'listAuthorizers:ok', componentAppid: 'wx3c0e9f5a1b2d4c6e', total: 3,
  paging: { offset: e.offset, limit: e.limit, returned: 3, nextOffset: null },
  authorizers: [
    { authorizerAppid: OTHER_ACCOUNT, funcIds: [1, 18], halfScreen: true, pluginManagement: false, authorizedAt: 1796007363, revoked: false, source: 'push', nickName: '鲜蜂云打印', headImg: 'https://wx.qlogo.cn/x/0' },
    { authorizerAppid: REVOKED, funcIds: [1, 40], halfScreen: false, pluginManagement: true, authorizedAt: 1796007363, revoked: true, revokedAt: 1796007363, source: 'push' },
    { authorizerAppid: ACCOUNT, funcIds: [1, 17, 18, 40], halfScreen: true, pluginManagement: true, authorizedAt: 1796007363, revoked: false, source: 'push' },
  ],
});

const status: Handler = () => ({
  errCode: 0, errMsg: 'componentAdmin:ok',
  ticket: { receivedAt: 1796007000000, ageSeconds: 754, stale: false },
  componentToken: { cached: true, expiresAt: new Date(2026, 10, 30, 12, 5).getTime() },
  authorizers: { active: 2, revoked: 1 },
  lastReconcile: { at: new Date(2026, 10, 30, 9, 0).getTime(), complete: true, counts: { added: 1, repaired: 0, revoked: 1, unchanged: 2 } },
});

function setup(functions: Record<string, Handler> = {}, options: FakeWxOptions = {}) {
  return createFakeWx({ functions: { listAuthorizers: authorizers, componentAdmin: status, ...functions }, ...options });
}

describe('accounts page', () => {
  it('lists the authorized accounts by name when the registry has one, else by appid, and never sends an account to listAuthorizers', async () => {
    const fake = setup({}, { storage: { [ACCOUNT_KEY]: ACCOUNT } });
    const { comp } = await mountPage('accounts', fake);
    expect(texts(comp, '.account .name')).toEqual(['鲜蜂云打印', `${REVOKED}已取消授权`, ACCOUNT]);
    expect(texts(comp, '.account .meta')[0]).toBe(OTHER_ACCOUNT);
    // The chosen one is marked; a revoked one cannot be chosen.
    expect(text(comp, '.acting-mark')).toBe('正在代为操作');
    expect(texts(comp, '.act-for')).toEqual(['代为操作']);
    expect(fake.calls).toEqual([
      { name: 'listAuthorizers', data: { offset: 0, limit: 100 } },
      { name: 'componentAdmin', data: { action: 'status' } },
    ]);
  });

  it('stores the account chosen, and the other pages then send it as authorizerAppid; "own account" sends none', async () => {
    const fake = setup({ getOwnList: () => ({ errCode: 0, embeddedFlag: 0, paging: {}, authorizations: [] }) }, { collections: { embedded_authorizations: [] } });
    const { comp } = await mountPage('accounts', fake);
    expect(text(comp, '.acting')).toBe('当前账号：云函数自己的账号');
    await tap(comp, '.act-for', 0);
    expect(fake.storage[ACCOUNT_KEY]).toBe(OTHER_ACCOUNT);
    expect(text(comp, '.acting')).toBe(`当前账号：${OTHER_ACCOUNT}`);

    await mountPage('halfscreen', fake);
    expect(fake.calls.filter((c) => c.name === 'getOwnList').map((c) => c.data)).toEqual([{ start: 0, num: 1, authorizerAppid: OTHER_ACCOUNT }]);
    expect(fake.dbLog.at(-1)!.where).toEqual({ gone: false, account: OTHER_ACCOUNT });

    await tap(comp, '.use-own');
    expect(fake.storage[ACCOUNT_KEY]).toBeUndefined();
    await mountPage('halfscreen', fake);
    expect(fake.calls.filter((c) => c.name === 'getOwnList').map((c) => c.data).at(-1)).toEqual({ start: 0, num: 1 });
  });

  it('shows the platform\'s state from componentAdmin status: ticket age, token, counts, last reconcile', async () => {
    const fake = setup({}, { language: 'en' });
    const { comp } = await mountPage('accounts', fake);
    expect(text(comp, '.ticket')).toBe('Verify ticket: received 12 min ago');
    expect(comp.querySelector('.ticket-stale')).toBeUndefined();
    expect(text(comp, '.token')).toBe('Platform token: cached until 2026-11-30 12:05');
    expect(text(comp, '.counts')).toBe('Accounts: active 2 · revoked 1');
    expect(text(comp, '.reconcile')).toBe('Last reconcile: 2026-11-30 09:00 · complete · added 1 · repaired 0 · revoked 1 · unchanged 2');
  });

  it('warns about a stale ticket and says when none has come', async () => {
    const fake = setup({ componentAdmin: () => ({ errCode: 0, ticket: { receivedAt: null, ageSeconds: null, stale: true }, componentToken: { cached: false }, authorizers: { active: 0, revoked: 0 }, lastReconcile: null }) });
    const { comp } = await mountPage('accounts', fake);
    expect(text(comp, '.ticket')).toBe('验证票据: 尚未收到');
    expect(text(comp, '.ticket-stale')).toContain('componentEvents');
    expect(text(comp, '.token')).toBe('平台令牌: 未缓存（下次调用时获取）');
    expect(text(comp, '.reconcile')).toBe('上次核对: 从未核对');
  });

  it.each([
    ['zh_CN', '第三方平台未配置', '设置 COMPONENT_APPID'],
    ['en', 'The third-party platform is not configured', 'Set COMPONENT_APPID'],
  ])('shows a componentAdmin failure with its hint, whether the hint is a pair or a string (%s)', async (language, message, hint) => {
    const pair = setup({ componentAdmin: () => failure(-910011, 'CONFIG_INVALID', '第三方平台未配置', 'The third-party platform is not configured', { zh: '设置 COMPONENT_APPID', en: 'Set COMPONENT_APPID' }) }, { language });
    const page = await mountPage('accounts', pair);
    expect(text(page.comp, '.platform .error-message')).toBe(message);
    expect(text(page.comp, '.platform .error-hint')).toContain(hint);

    const plain = setup({ componentAdmin: () => failure(-910011, 'CONFIG_INVALID', '第三方平台未配置', 'The third-party platform is not configured', 'Set COMPONENT_APPID and COMPONENT_APPSECRET.') }, { language });
    const other = await mountPage('accounts', plain);
    expect(text(other.comp, '.platform .error-hint')).toContain('Set COMPONENT_APPID and COMPONENT_APPSECRET.');
  });

  it('says what to do when componentAdmin is not uploaded to the environment', async () => {
    const fake = createFakeWx({ functions: { listAuthorizers: authorizers }, language: 'en' });
    const { comp } = await mountPage('accounts', fake);
    expect(text(comp, '.platform .error-message')).toBe('The function could not be called');
    expect(text(comp, '.platform .error-hint')).toContain('upload and deploy');
    expect(text(comp, '.platform .error-code')).toContain('-501000');
  });

  it('creates an onboarding link with componentAdmin create_link and copies it, since a Mini Program cannot open it', async () => {
    const fake = setup({
      componentAdmin: (e) => (e.action === 'status' ? status(e) : {
        errCode: 0, errMsg: 'componentAdmin:ok', authType: e.authType,
        pcUrl: 'https://mp.weixin.qq.com/cgi-bin/componentloginpage?component_appid=wx3c0e9f5a1b2d4c6e&pre_auth_code=P&redirect_uri=R&auth_type=2',
        mobileUrl: 'https://open.weixin.qq.com/wxaopen/safe/bindcomponent?action=bindcomponent&no_scan=1&component_appid=wx3c0e9f5a1b2d4c6e&pre_auth_code=P#wechat_redirect',
        expiresAt: new Date(2026, 10, 30, 10, 30).getTime(),
      }) as never,
    });
    const { comp, instance } = await mountPage('accounts', fake);
    await tap(comp, '.create-link');
    expect(text(comp, '.notice')).toBe('请填写回调地址');
    expect(fake.calls.filter((c) => c.data.action === 'create_link')).toEqual([]);

    instance.onRedirectInput({ detail: { value: 'https://admin.example.com/authorized' } });
    await tap(comp, '.auth-type', 2);
    await tap(comp, '.create-link');
    expect(fake.calls.filter((c) => c.data.action === 'create_link')).toEqual([
      { name: 'componentAdmin', data: { action: 'create_link', redirectUri: 'https://admin.example.com/authorized', authType: 2 } },
    ]);
    expect(text(comp, '.pc-url')).toContain('componentloginpage');
    expect(text(comp, '.link-expires')).toBe('链接有效至 2026-11-30 10:30');
    await tap(comp, '.copy-mobile');
    await tap(comp, '.copy-pc');
    expect(fake.clipboard).toEqual([expect.stringContaining('bindcomponent'), expect.stringContaining('componentloginpage')]);
    expect(text(comp, '.notice')).toBe('已复制，请在浏览器中打开');
  });

  it('shows why listAuthorizers refused the caller', async () => {
    const fake = setup({ listAuthorizers: () => failure(-910002, 'CALLER_NOT_ALLOWED', '调用方无权使用此云函数', 'This caller may not use this function', 'Mini Program callers must be listed in ADMIN_OPENIDS.') }, { language: 'en' });
    const { comp } = await mountPage('accounts', fake);
    expect(text(comp, '.error-message')).toBe('This caller may not use this function');
    expect(text(comp, '.error-hint')).toContain('ADMIN_OPENIDS');
  });
});
