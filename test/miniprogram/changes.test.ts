import path from 'node:path';
import { createFakeWx, type FakeWxOptions } from './helpers/fakeWx';
import { MINIPROGRAM, mountPage, tap, text, texts } from './helpers/mountPage';
import { ACCOUNT, ACCOUNT_KEY, OTHER_ACCOUNT, appid } from './helpers/fixtures';
import type { Doc } from './helpers/fakeDatabase';

const SEEN_KEY = 'admin.changesSeenAt';

function change(passId: string, list: 'plugin' | 'embedded', n: number, kind: string, at: number, from: number | null, to: number | null, account = ACCOUNT): Doc {
  return { _id: `${passId}:${list}:${account}:${appid(n)}`, list, account, appid: appid(n), kind, from, fromLabel: null, to, toLabel: null, nickname: `名${n}`, createTime: 1796007050, at, passId };
}

const CHANGES = [
  change('passA', 'plugin', 1, 'new', 1000, null, 1),
  change('passA', 'plugin', 2, 'new', 1001, null, 1),
  change('passB', 'embedded', 3, 'status', 2000, 1, 2),
  change('passB', 'embedded', 4, 'gone', 2001, 2, null),
  change('passC', 'plugin', 5, 'expiring', 3000, 1, 1),
  change('passD', 'plugin', 6, 'new', 4000, null, 1, OTHER_ACCOUNT),
];

const config = require(path.join(MINIPROGRAM, 'config.js')) as { subscribeTemplateId: string; notifyPage: string };

function setup(options: FakeWxOptions = {}) {
  return createFakeWx({ collections: { list_changes: CHANGES }, ...options, storage: { [ACCOUNT_KEY]: ACCOUNT, ...(options.storage ?? {}) } });
}

afterEach(() => {
  config.subscribeTemplateId = '';
  delete (globalThis as any).getApp;
});

describe('changes page', () => {
  it('is the page config.js names for subscribe messages', () => {
    expect(config.notifyPage).toBe('pages/changes/changes');
  });

  it('lists the chosen account\'s changes newest first, saying what changed in the phone\'s language', async () => {
    const fake = setup();
    const { comp } = await mountPage('changes', fake);
    expect(texts(comp, '.change .name')).toEqual(['名5 · 即将超时', '名4 · 已不在列表', '名3 · 状态变化', '名2 · 新申请', '名1 · 新申请']);
    expect(texts(comp, '.change .meta')[2]).toContain(`半屏授权 · ${appid(3)} · 待确认 → 已通过`);
    expect(fake.dbLog[0]).toMatchObject({ collection: 'list_changes', where: { account: ACCOUNT }, orderBy: ['at', 'desc'] });

    const en = setup({ language: 'en' });
    const page = await mountPage('changes', en);
    expect(texts(page.comp, '.change .meta')[2]).toContain(`Half-screen · ${appid(3)} · pending → approved`);
    await tap(page.comp, '.filter', 1);
    expect(texts(page.comp, '.change .name')).toEqual(['名5 · about to expire', '名2 · new', '名1 · new']);
  });

  it('shows first and marks the changes of the pass a message was about (passId, list, account)', async () => {
    const fake = setup();
    const { comp } = await mountPage('changes', fake, { passId: 'passB', list: 'embedded', account: ACCOUNT });
    expect(text(comp, '.from-message .section-title')).toBe('通知提到的变更');
    expect(texts(comp, '.message-change .name')).toEqual(['名4 · 已不在列表', '名3 · 状态变化']);
    expect(texts(comp, '.change.highlight .name')).toEqual(['名4 · 已不在列表', '名3 · 状态变化']);
    expect(fake.dbLog.find((l) => (l.where as Record<string, unknown>).passId)?.where).toEqual({ passId: 'passB', list: 'embedded', account: ACCOUNT });
  });

  it('marks the one change a message names by its id', async () => {
    const fake = setup();
    const { comp } = await mountPage('changes', fake, { changeId: CHANGES[0]!._id });
    expect(texts(comp, '.message-change .name')).toEqual(['名1 · 新申请']);
    expect(texts(comp, '.change.highlight .name')).toEqual(['名1 · 新申请']);
  });

  it('says so when the changes a message names are not there', async () => {
    const fake = setup({ language: 'en' });
    const { comp } = await mountPage('changes', fake, { passId: 'passZ' });
    expect(text(comp, '.highlight-note')).toBe('The changes the message was about were not found (they may have been cleaned up).');
  });

  it('opened from a message that names no change, it says so and marks what is newer than the last visit', async () => {
    const fake = setup({ enterOptions: { scene: 1014, path: 'pages/changes/changes', query: {} }, storage: { [SEEN_KEY]: 1500 } });
    const { comp } = await mountPage('changes', fake);
    expect(text(comp, '.highlight-note')).toBe('这条通知没有指明是哪次变更：下面标出了你上次查看之后的变更。');
    // The "new" mark is the badge at the end of the name.
    expect(texts(comp, '.change .name')).toEqual(['名5 · 即将超时新', '名4 · 已不在列表新', '名3 · 状态变化新', '名2 · 新申请', '名1 · 新申请']);
    // The newest change shown is the new mark for the next visit (its own time, not the phone's clock).
    expect(fake.storage[SEEN_KEY]).toBe(3000);
  });

  it('honours a message that opens the page while the app is already running (App.onShow keeps its query)', async () => {
    const fake = setup();
    const app = { globalData: { enterQuery: null as null | Record<string, string> } };
    (globalThis as any).getApp = () => app;
    const { comp, instance } = await mountPage('changes', fake);
    expect(comp.querySelectorAll('.change.highlight')).toHaveLength(0);
    app.globalData.enterQuery = { passId: 'passA', list: 'plugin', account: ACCOUNT };
    await instance.onShow();
    expect(texts(comp, '.change.highlight .name')).toEqual(['名2 · 新申请', '名1 · 新申请']);
    expect(app.globalData.enterQuery).toBeNull();
  });

  it('asks for a subscription with the configured template', async () => {
    config.subscribeTemplateId = 'tmpl-changes-1';
    const fake = setup();
    const { comp } = await mountPage('changes', fake);
    await tap(comp, '.subscribe-button');
    expect(fake.subscriptions).toEqual([{ tmplIds: ['tmpl-changes-1'] }]);
    expect(text(comp, '.subscribe-note')).toBe('已订阅：下一条变更通知会发给你（每次订阅可收一条）。');

    const declined = setup({ language: 'en', subscribe: () => ({ 'tmpl-changes-1': 'reject' }) });
    const page = await mountPage('changes', declined);
    await tap(page.comp, '.subscribe-button');
    expect(text(page.comp, '.subscribe-note')).toBe('You declined the subscription.');
  });

  it('without a template it asks for nothing and says what to configure', async () => {
    const fake = setup({ language: 'en' });
    const { comp } = await mountPage('changes', fake);
    await tap(comp, '.subscribe-button');
    expect(fake.subscriptions).toEqual([]);
    expect(text(comp, '.subscribe-note')).toContain('subscribeTemplateId in miniprogram/config.js');
  });

  it('shows a refused read of list_changes with its hint', async () => {
    const fake = setup({ dbFailures: { list_changes: { errCode: -502005, errMsg: 'collection not exists' } } });
    const { comp } = await mountPage('changes', fake);
    expect(text(comp, '.error-message')).toBe('集合不存在');
    expect(text(comp, '.error-hint')).toContain('syncLists');
  });
});
