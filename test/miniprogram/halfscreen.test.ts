import { createFakeWx, type FakeWxOptions, type Handler } from './helpers/fakeWx';
import { mountPage, tap, text, texts, type Rendered } from './helpers/mountPage';
import { ACCOUNT, ACCOUNT_KEY, appid, authorization, failure, writeAnswer } from './helpers/fixtures';

const DOCS = [authorization(1, 1), authorization(2, 2), authorization(3, 2), authorization(4, 6), authorization(5, 5, { gone: true })];

const ownList: Handler = () => ({ errCode: 0, errMsg: 'getOwnList:ok', paging: { start: 0, num: 1, returned: 1, nextStart: 1 }, embeddedFlag: 1, embeddedFlagLabel: 'auto-approve', authorizations: [], extra: {} });

function setup(functions: Record<string, Handler> = {}, options: FakeWxOptions = {}) {
  return createFakeWx({ storage: { [ACCOUNT_KEY]: ACCOUNT }, collections: { embedded_authorizations: DOCS }, functions: { getOwnList: ownList, ...functions }, ...options });
}

const rowIndex = (comp: Rendered, id: string) => comp.querySelectorAll('.authorization').findIndex((r) => r.dom?.getAttribute('data-appid') === id);

describe('half-screen page', () => {
  it('lists who is authorized from embedded_authorizations and reads the mode from getOwnList for the chosen account', async () => {
    const fake = setup();
    const { comp } = await mountPage('halfscreen', fake);
    expect(texts(comp, '.authorization .meta').filter((m) => m.startsWith('wx')).map((m) => m.split(' · ').slice(0, 2).join(' · '))).toEqual([
      `${appid(4)} · 已解除`, `${appid(3)} · 已通过`, `${appid(2)} · 已通过`, `${appid(1)} · 待确认`,
    ]);
    expect(fake.dbLog[0]).toMatchObject({ collection: 'embedded_authorizations', where: { gone: false, account: ACCOUNT } });
    expect(fake.calls).toEqual([{ name: 'getOwnList', data: { start: 0, num: 1, authorizerAppid: ACCOUNT } }]);
    expect(texts(comp, '.flag')).toEqual(['需管理员确认', '自动通过', '自动拒绝']);
    expect(text(comp, '.flag.on')).toBe('自动通过');
  });

  it('changes the authorization mode only after a confirmation, with manageEmbedded set_authorize', async () => {
    let confirm = false;
    const fake = setup(
      { manageEmbedded: (e) => ({ ...writeAnswer('set_authorize', [{ flag: e.flag, outcome: 'changed', sent: 1 }]), flagLabel: 'auto-reject' }) },
      { modal: () => ({ confirm }) },
    );
    const { comp } = await mountPage('halfscreen', fake);
    await tap(comp, '.flag', 2);
    expect(fake.modals[0]!.content).toBe('把授权方式改为「自动拒绝」？');
    expect(fake.calls.filter((c) => c.name === 'manageEmbedded')).toEqual([]);
    expect(text(comp, '.flag.on')).toBe('自动通过');

    confirm = true;
    await tap(comp, '.flag', 2);
    expect(fake.calls.filter((c) => c.name === 'manageEmbedded')).toEqual([{ name: 'manageEmbedded', data: { action: 'set_authorize', flag: 2, authorizerAppid: ACCOUNT } }]);
    expect(text(comp, '.flag.on')).toBe('自动拒绝');
    expect(text(comp, '.result-title')).toBe('授权方式已改为「自动拒绝」');
  });

  it('revokes only the approved authorizations of a mixed selection and shows each outcome', async () => {
    const fake = setup({
      manageEmbedded: (e) => writeAnswer('del_authorize', [
        { appid: e.appids[0], outcome: 'changed', sent: 1 },
        { appid: e.appids[1], outcome: 'unchanged', sent: 1, decidedByReread: true },
      ]),
    });
    const { comp } = await mountPage('halfscreen', fake);
    for (const id of [appid(1), appid(2), appid(3), appid(4)]) await tap(comp, '.check', rowIndex(comp, id));
    expect(texts(comp, '.offer')).toEqual(['解除 2 个授权']);
    await tap(comp, '.offer-revoke');
    expect(fake.modals[0]!.title).toBe('解除 2 个半屏授权？');
    expect(fake.modals[0]!.content).toContain('所选中 2 项不适用');
    expect(fake.calls.filter((c) => c.name === 'manageEmbedded').map((c) => c.data)).toEqual([{ action: 'del_authorize', appids: [appid(3), appid(2)], authorizerAppid: ACCOUNT }]);
    expect(texts(comp, '.outcome-text')).toEqual(['已生效', '无需更改 · 已重新读取列表确认']);
  });

  it('offers no revoke for a selection without an approved authorization', async () => {
    const fake = setup();
    const { comp } = await mountPage('halfscreen', fake);
    await tap(comp, '.check', rowIndex(comp, appid(1)));
    await tap(comp, '.check', rowIndex(comp, appid(4)));
    expect(texts(comp, '.offer')).toEqual([]);
  });

  it('lists what this account applied to embed through manageEmbedded get_list, paging on nextStart', async () => {
    const fake = setup({
      manageEmbedded: (e) => ({
        errCode: 0, errMsg: 'manageEmbedded:ok', via: 'https',
        paging: { start: e.start, num: e.num, returned: 1, nextStart: e.start === 0 ? 20 : null },
        embedded: [{ appid: appid(e.start === 0 ? 10 : 11), status: e.start === 0 ? 2 : 1, nickname: e.start === 0 ? '百味小店' : '麦田学堂', statusLabel: 'approved', createTime: 1642840306 }],
        extra: {},
      }),
    }, { language: 'en' });
    const { comp } = await mountPage('halfscreen', fake);
    await tap(comp, '.tab-embedded');
    expect(texts(comp, '.embedded .name')).toEqual(['百味小店']);
    expect(text(comp, '.embedded .meta')).toContain('approved');
    await tap(comp, '.more-embedded');
    expect(texts(comp, '.embedded .name')).toEqual(['百味小店', '麦田学堂']);
    expect(comp.querySelector('.more-embedded')).toBeUndefined();
    expect(fake.calls.filter((c) => c.name === 'manageEmbedded').map((c) => c.data)).toEqual([
      { action: 'get_list', start: 0, num: 20, authorizerAppid: ACCOUNT },
      { action: 'get_list', start: 20, num: 20, authorizerAppid: ACCOUNT },
    ]);
  });

  it.each([
    ['en', 'The account did not grant the permission set this call needs', 'Ask the account to authorize again'],
    ['zh_CN', '该小程序未授予此接口所需的权限集', 'Ask the account to authorize again'],
  ])('shows why the mode cannot be read, message in the phone\'s language and the hint (%s)', async (language, message, hint) => {
    const fake = setup(
      {
        getOwnList: () => failure(-910022, 'AUTHORIZER_PERMISSION_MISSING', '该小程序未授予此接口所需的权限集', 'The account did not grant the permission set this call needs',
          'Ask the account to authorize again with the permission set named in the message (18: half-screen Mini Programs, 40: plugin management).', `${ACCOUNT} did not grant permission set 18`),
      },
      { language },
    );
    const { comp } = await mountPage('halfscreen', fake);
    expect(text(comp, '.mode .error-message')).toBe(message);
    expect(text(comp, '.mode .error-hint')).toContain(hint);
    expect(text(comp, '.mode .error-detail')).toContain('permission set 18');
    expect(comp.querySelector('.flag.on')).toBeUndefined();
  });

  it('shows a revoke whose answer was lost as possibly applied, not as never sent', async () => {
    const fake = setup({ manageEmbedded: () => Promise.reject({ errMsg: 'cloud.callFunction:fail -501002 timeout' }) }, { language: 'en' });
    const { comp } = await mountPage('halfscreen', fake);
    await tap(comp, '.check', rowIndex(comp, appid(2)));
    await tap(comp, '.offer-revoke');
    expect(text(comp, '.result .error-message')).toBe("The call's answer was lost: the action may have been applied");
    expect(text(comp, '.result .error-hint')).toContain('Reload the list');
  });
});
