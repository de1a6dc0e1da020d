import { createFakeWx, type FakeWxOptions } from './helpers/fakeWx';
import { mountPage, settle, tap, text, texts, type Rendered } from './helpers/mountPage';
import { ACCOUNT, ACCOUNT_KEY, OTHER_ACCOUNT, PENDING_ONLY_ERROR, appid, applicant, failure, writeAnswer } from './helpers/fixtures';

/** Pending 1 and 5, approved 2, rejected 3, expired 4; one gone; one of another account. */
const DOCS = [
  applicant(1, 1),
  applicant(2, 2),
  applicant(3, 3),
  applicant(4, 4),
  applicant(5, 1, { nickname: '青柠健康' }),
  applicant(6, 1, { gone: true }),
  applicant(7, 1, { account: OTHER_ACCOUNT, _id: `${OTHER_ACCOUNT}:${appid(7)}` }),
];

function setup(options: FakeWxOptions = {}) {
  return createFakeWx({ storage: { [ACCOUNT_KEY]: ACCOUNT }, collections: { plugin_applicants: DOCS }, ...options });
}

const rowIndex = (comp: Rendered, id: string) => comp.querySelectorAll('.applicant').findIndex((r) => r.dom?.getAttribute('data-appid') === id);

async function select(comp: Rendered, ids: string[]) {
  for (const id of ids) await tap(comp, '.check', rowIndex(comp, id));
}

describe('plugin applicants page', () => {
  it('lists the chosen account\'s applicants from plugin_applicants, newest first, gone ones left out, in Chinese on a zh phone', async () => {
    const fake = setup();
    const { comp } = await mountPage('applicants', fake);
    expect(texts(comp, '.applicant .meta').map((m) => m.split(' · ')[0])).toEqual([appid(5), appid(4), appid(3), appid(2), appid(1)]);
    expect(texts(comp, '.applicant .meta')[0]).toContain('待审核');
    expect(text(comp, '.total')).toContain('共 5 条');
    expect(text(comp, '.acting')).toContain(ACCOUNT);
    expect(fake.dbLog[0]).toMatchObject({ collection: 'plugin_applicants', where: { gone: false, account: ACCOUNT }, orderBy: ['createTime', 'desc'], limit: 20 });
    expect(fake.calls).toEqual([]);
  });

  it('filters by status and searches by name or part of an appid', async () => {
    const fake = setup({ language: 'en' });
    const { comp, instance } = await mountPage('applicants', fake);
    // Chips: all, pending, approved, rejected, expired.
    expect(texts(comp, '.filter')).toEqual(['All', 'pending', 'approved', 'rejected', 'expired']);
    await tap(comp, '.filter', 1);
    expect(texts(comp, '.applicant .meta').map((m) => m.split(' · ')[0])).toEqual([appid(5), appid(1)]);

    instance.onSearchInput({ detail: { value: '青柠' } });
    await tap(comp, '.search-go');
    expect(texts(comp, '.applicant .name')).toEqual(['青柠健康']);

    await tap(comp, '.filter', 0);
    instance.onSearchInput({ detail: { value: appid(3).slice(-4) } });
    await tap(comp, '.search-go');
    expect(texts(comp, '.applicant .meta').map((m) => m.split(' · ')[0])).toEqual([appid(3)]);
  });

  it('shows the reason and categories in the detail view, with only the actions the applicant\'s status allows', async () => {
    const fake = setup();
    const { comp } = await mountPage('applicants', fake);
    await tap(comp, '.main', rowIndex(comp, appid(1)));
    expect(text(comp, '.detail-reason')).toContain('理由1');
    expect(texts(comp, '.detail-category')).toEqual(['· IT科技 / 硬件与设备']);
    expect(texts(comp, '.detail-action')).toEqual(['通过', '拒绝']);
    await tap(comp, '.detail-close');
    await tap(comp, '.main', rowIndex(comp, appid(3)));
    expect(texts(comp, '.detail-action')).toEqual(['删除']);
    await tap(comp, '.main', rowIndex(comp, appid(2)));
    expect(texts(comp, '.detail-action')).toEqual([]);
  });

  it('approves one applicant from its detail view and shows its outcome', async () => {
    const fake = setup({ functions: { setDevPluginApplyStatus: (e) => writeAnswer(e.action, e.appids.map((a: string) => ({ appid: a, outcome: 'changed', sent: 1 }))) } });
    const { comp } = await mountPage('applicants', fake);
    await tap(comp, '.main', rowIndex(comp, appid(1)));
    await tap(comp, '.detail-approve');
    expect(fake.modals[0]!.title).toBe('通过 1 个插件申请？');
    expect(fake.calls).toEqual([{ name: 'setDevPluginApplyStatus', data: { action: 'dev_agree', appids: [appid(1)], authorizerAppid: ACCOUNT } }]);
    expect(texts(comp, '.outcome-who')).toEqual([`应用1 ${appid(1)}`]);
    expect(texts(comp, '.outcome-text')).toEqual(['已生效']);
  });

  it('a mixed selection offers each action only for the rows it applies to, confirms their count and sends only them', async () => {
    const fake = setup({
      functions: {
        setDevPluginApplyStatus: (e) =>
          writeAnswer(e.action, [
            { appid: e.appids[0], outcome: 'changed', sent: 1 },
            { appid: e.appids[1], outcome: 'failed', sent: 1, error: PENDING_ONLY_ERROR },
          ]),
      },
    });
    const { comp } = await mountPage('applicants', fake);
    await select(comp, [appid(1), appid(2), appid(3), appid(4), appid(5)]);
    expect(text(comp, '.sel')).toBe('已选 5 项');
    // Approve and refuse apply to the two pending rows, delete to the rejected and the expired one.
    expect(texts(comp, '.offer')).toEqual(['通过 2 个', '拒绝 2 个', '删除 2 个']);

    await tap(comp, '.offer-approve');
    expect(fake.modals).toHaveLength(1);
    expect(fake.modals[0]!.title).toBe('通过 2 个插件申请？');
    expect(fake.modals[0]!.content).toContain('所选中 3 项不适用');
    expect(fake.modals[0]!.content).not.toContain(appid(2));
    expect(fake.calls).toEqual([{ name: 'setDevPluginApplyStatus', data: { action: 'dev_agree', appids: [appid(5), appid(1)], authorizerAppid: ACCOUNT } }]);

    // Every outcome per account, a failure with its message and hint.
    expect(text(comp, '.result-summary')).toBe('已生效 1 · 无需更改 0 · 失败 1 · 未发送 0');
    expect(texts(comp, '.outcome-text')).toEqual(['已生效', '失败']);
    expect(text(comp, '.outcome-error')).toBe('89240 只能操作申请中的插件');
    expect(text(comp, '.outcome-hint')).toBe('Reload the list: the application is no longer pending.');
  });

  it('an approved-only selection offers nothing to approve, refuse or delete', async () => {
    const fake = setup();
    const { comp } = await mountPage('applicants', fake);
    await select(comp, [appid(2)]);
    expect(texts(comp, '.offer')).toEqual([]);
  });

  it('deletes only the rejected and expired rows of a selection', async () => {
    const fake = setup({ functions: { setDevPluginApplyStatus: (e) => writeAnswer(e.action, e.appids.map((a: string) => ({ appid: a, outcome: 'changed', sent: 1 }))) } });
    const { comp } = await mountPage('applicants', fake);
    await select(comp, [appid(1), appid(3), appid(4)]);
    await tap(comp, '.offer-delete');
    expect(fake.modals[0]!.title).toBe('删除 2 个插件申请？');
    expect(fake.calls.map((c) => c.data)).toEqual([{ action: 'dev_delete', appids: [appid(4), appid(3)], authorizerAppid: ACCOUNT }]);
  });

  it('refuses with the reason typed into the confirmation, and sends nothing without one', async () => {
    let reason = '  ';
    const fake = setup({
      modal: () => ({ confirm: true, content: reason }),
      functions: { setDevPluginApplyStatus: (e) => writeAnswer(e.action, e.appids.map((a: string) => ({ appid: a, outcome: 'changed', sent: 1 }))) },
    });
    const { comp } = await mountPage('applicants', fake);
    await select(comp, [appid(1), appid(2)]);
    await tap(comp, '.offer-refuse');
    expect(fake.modals[0]).toMatchObject({ title: '拒绝 1 个插件申请', editable: true });
    expect(fake.calls).toEqual([]);
    expect(text(comp, '.notice')).toBe('拒绝需要填写理由');

    reason = '资料不全';
    await tap(comp, '.offer-refuse');
    expect(fake.calls).toEqual([{ name: 'setDevPluginApplyStatus', data: { action: 'dev_refuse', appids: [appid(1)], reason: '资料不全', authorizerAppid: ACCOUNT } }]);
  });

  it('sends nothing when the confirmation is cancelled', async () => {
    const fake = setup({ modal: () => ({ confirm: false }) });
    const { comp } = await mountPage('applicants', fake);
    await select(comp, [appid(1)]);
    await tap(comp, '.offer-approve');
    expect(fake.calls).toEqual([]);
  });

  it('previews a bulk action with dryRun: true and shows what would be sent', async () => {
    const fake = setup({
      functions: {
        setDevPluginApplyStatus: (e) => ({
          errCode: 0, errMsg: 'ok', action: e.action, dryRun: true,
          wouldSend: e.appids.map((a: string) => ({ appid: a, cloudApi: 'pluginManager.setDevPluginApplyStatus', https: 'POST /wxa/devplugin', body: { action: e.action, appid: a } })),
        }),
      },
    });
    const { comp } = await mountPage('applicants', fake);
    await select(comp, [appid(1), appid(5), appid(3)]);
    comp.querySelector('.dry-switch')!.dispatchEvent('change', { detail: { value: true } });
    await settle();
    await tap(comp, '.offer-approve');
    expect(fake.modals[0]!.content).toContain('仅预览');
    expect(fake.calls.map((c) => c.data)).toEqual([{ action: 'dev_agree', appids: [appid(5), appid(1)], dryRun: true, authorizerAppid: ACCOUNT }]);
    expect(text(comp, '.result-title')).toBe('预览：以下请求不会发送');
    expect(texts(comp, '.outcome-text')).toEqual([
      `将发送: POST /wxa/devplugin {"action":"dev_agree","appid":"${appid(5)}"}`,
      `将发送: POST /wxa/devplugin {"action":"dev_agree","appid":"${appid(1)}"}`,
    ]);
  });

  it('shows progress while a bulk action runs', async () => {
    let seenWhileRunning = '';
    let mounted: Awaited<ReturnType<typeof mountPage>> | undefined;
    const fake = setup({
      functions: {
        setDevPluginApplyStatus: (e) => {
          seenWhileRunning = text(mounted!.comp, '.progress-text');
          return writeAnswer(e.action, e.appids.map((a: string) => ({ appid: a, outcome: 'changed', sent: 1 })));
        },
      },
    });
    mounted = await mountPage('applicants', fake);
    await select(mounted.comp, [appid(1), appid(5)]);
    await tap(mounted.comp, '.offer-approve');
    expect(seenWhileRunning).toBe('正在处理 0/2…');
    expect(mounted.comp.querySelector('.progress')).toBeUndefined();
  });

  it.each([
    ['zh_CN', '此管理员不能修改', '把 OPENID 加入 OPERATOR_OPENIDS'],
    ['en_US', 'This admin may not change anything', 'Add the OPENID to OPERATOR_OPENIDS'],
  ])('shows a refused write\'s message and hint in the phone\'s language (%s)', async (language, message, hint) => {
    const fake = setup({
      language,
      functions: {
        setDevPluginApplyStatus: () =>
          failure(-910030, 'OPERATOR_NOT_ALLOWED', '此管理员不能修改', 'This admin may not change anything', { zh: '把 OPENID 加入 OPERATOR_OPENIDS', en: 'Add the OPENID to OPERATOR_OPENIDS' }),
      },
    });
    const { comp } = await mountPage('applicants', fake);
    await select(comp, [appid(1)]);
    await tap(comp, '.offer-approve');
    expect(text(comp, '.result .error-message')).toBe(message);
    expect(text(comp, '.result .error-hint')).toContain(hint);
    expect(text(comp, '.result .error-code')).toContain('-910030 OPERATOR_NOT_ALLOWED');
    expect(texts(comp, '.outcome-error')).toEqual([`-910030 ${message}`]);
  });

  it.each([
    ['zh_CN', '没有读取这个集合的权限', '安全规则'],
    ['en', 'You may not read this collection', 'security rule'],
  ])('shows a refused database read with its hint (%s)', async (language, message, hint) => {
    const fake = setup({ language, dbFailures: { plugin_applicants: { errCode: -502003, errMsg: 'database permission denied' } } });
    const { comp } = await mountPage('applicants', fake);
    expect(text(comp, '.error-message')).toBe(message);
    expect(text(comp, '.error-hint')).toContain(hint);
    expect(text(comp, '.error-code')).toContain('-502003');
  });

  it('pages on 20 at a time', async () => {
    const many = Array.from({ length: 25 }, (_, i) => applicant(100 + i, 1));
    const fake = createFakeWx({ collections: { plugin_applicants: many } });
    const { comp } = await mountPage('applicants', fake);
    expect(comp.querySelectorAll('.applicant')).toHaveLength(20);
    // No account chosen: the functions' own account, no account filter.
    expect(fake.dbLog[0]!.where).toEqual({ gone: false });
    await tap(comp, '.more');
    expect(comp.querySelectorAll('.applicant')).toHaveLength(25);
    expect(comp.querySelector('.more')).toBeUndefined();
  });
});
