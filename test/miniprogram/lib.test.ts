import path from 'node:path';
import { createFakeWx } from './helpers/fakeWx';
import { MINIPROGRAM } from './helpers/mountPage';
import { ACCOUNT, ACCOUNT_KEY, appid } from './helpers/fixtures';

/** The app's plain modules, tested without the simulator (they only need a `wx` global). */
const lib = (name: string) => require(path.join(MINIPROGRAM, 'lib', name)) as any;
const i18n = lib('i18n.js');
const format = lib('format.js');
const actions = lib('actions.js');
const { runBulkWrite } = lib('bulk.js');
const { callFunction } = lib('cloud.js');
const { describe: describeError } = lib('errors.js');
const changes = lib('changes.js');
const strings = lib('strings.js');

const install = (fake: ReturnType<typeof createFakeWx>) => ((globalThis as any).wx = fake.wx);

describe('language', () => {
  it('is Chinese for zh phones and when the phone says nothing, English for any other language', () => {
    expect(i18n.languageOf({ getAppBaseInfo: () => ({ language: 'zh_CN' }) })).toBe('zh');
    expect(i18n.languageOf({ getAppBaseInfo: () => ({ language: 'zh_HK' }) })).toBe('zh');
    expect(i18n.languageOf({ getAppBaseInfo: () => ({ language: 'en' }) })).toBe('en');
    expect(i18n.languageOf({ getAppBaseInfo: () => ({ language: 'fr' }) })).toBe('en');
    // Older base libraries: getSystemInfoSync.
    expect(i18n.languageOf({ getSystemInfoSync: () => ({ language: 'en_US' }) })).toBe('en');
    expect(i18n.languageOf({ getAppBaseInfo: () => ({}) })).toBe('zh');
    expect(i18n.languageOf({ getAppBaseInfo: () => { throw new Error('no'); } })).toBe('zh');
  });

  it('has every string in both languages, with the same placeholders', () => {
    const keys = (table: Record<string, unknown>) => Object.keys(table).sort();
    expect(keys(strings.en)).toEqual(keys(strings.zh));
    for (const key of Object.keys(strings.zh)) {
      const zh = strings.zh[key];
      const en = strings.en[key];
      if (typeof zh === 'string') expect([key, (en.match(/\{\w+\}/g) ?? []).sort()]).toEqual([key, (zh.match(/\{\w+\}/g) ?? []).sort()]);
      else expect([key, keys(en)]).toEqual([key, keys(zh)]);
    }
  });

  it('picks a {zh, en} pair by language and keeps a plain string as it is', () => {
    expect(i18n.pick('en', { zh: '中', en: 'E' })).toBe('E');
    expect(i18n.pick('zh', { zh: '中', en: 'E' })).toBe('中');
    expect(i18n.pick('en', 'only a string')).toBe('only a string');
    expect(i18n.pick('en', undefined)).toBe('');
  });
});

describe('formatting', () => {
  it('says ages in the largest whole unit and statuses in words, unknown numbers kept', () => {
    expect(format.formatAge(59, 'en')).toBe('59 s');
    expect(format.formatAge(754, 'zh')).toBe('12 分钟');
    expect(format.formatAge(7200, 'en')).toBe('2 h');
    expect(format.formatAge(3 * 86400 + 5, 'zh')).toBe('3 天');
    expect(format.statusText('plugin', 4, 'en')).toBe('expired');
    expect(format.statusText('embedded', 4, 'en')).toBe('timed out');
    expect(format.statusText('embedded', 8, 'zh')).toBe('未知状态 8');
  });
});

describe('which rows an action applies to', () => {
  const rows = [1, 2, 3, 4, 1].map((status, i) => ({ appid: appid(i + 1), status }));
  const action = (key: string) => actions.findAction(actions.PLUGIN_ACTIONS, key);

  it('approve and refuse: pending only; delete: rejected or expired; revoke: approved', () => {
    expect(actions.applicableRows(action('approve'), rows).map((r: { appid: string }) => r.appid)).toEqual([appid(1), appid(5)]);
    expect(actions.applicableRows(action('refuse'), rows).map((r: { appid: string }) => r.appid)).toEqual([appid(1), appid(5)]);
    expect(actions.applicableRows(action('delete'), rows).map((r: { appid: string }) => r.appid)).toEqual([appid(3), appid(4)]);
    const revoke = actions.findAction(actions.EMBEDDED_ACTIONS, 'revoke');
    expect(actions.applicableRows(revoke, [{ appid: appid(1), status: 6 }, { appid: appid(2), status: 2 }]).map((r: { appid: string }) => r.appid)).toEqual([appid(2)]);
  });

  it('offers only actions with rows to act on, and counts each appid once', () => {
    expect(actions.offeredActions(actions.PLUGIN_ACTIONS, [{ appid: appid(2), status: 2 }])).toEqual([]);
    expect(actions.offeredActions(actions.PLUGIN_ACTIONS, [{ appid: appid(1), status: 1 }, { appid: appid(1), status: 1 }]).map((o: { key: string; count: number }) => [o.key, o.count])).toEqual([['approve', 1], ['refuse', 1]]);
  });

  it('needs a refusal reason of 1-200 characters', () => {
    expect(actions.reasonProblem('  ')).toEqual({ key: 'reasonRequired' });
    expect(actions.reasonProblem('x'.repeat(201))).toEqual({ key: 'reasonTooLong', params: { n: 201 } });
    expect(actions.reasonProblem('资料不全')).toBeNull();
  });
});

describe('callFunction', () => {
  it('adds the chosen account only to the functions that act for one', async () => {
    const fake = createFakeWx({ storage: { [ACCOUNT_KEY]: ACCOUNT }, functions: { getOwnList: () => ({ errCode: 0 }), listAuthorizers: () => ({ errCode: 0 }), syncLists: () => ({ errCode: 0 }), componentAdmin: () => ({ errCode: 0 }) } });
    install(fake);
    await callFunction('getOwnList', { start: 0 });
    await callFunction('listAuthorizers', {});
    await callFunction('syncLists', {});
    await callFunction('componentAdmin', { action: 'status' });
    expect(fake.calls.map((c) => c.data)).toEqual([{ start: 0, authorizerAppid: ACCOUNT }, {}, {}, { action: 'status' }]);
  });

  it('never throws: a failed call and an answer that is not an envelope become envelopes', async () => {
    install(createFakeWx({ functions: { odd: () => ({ nothing: true }) as never } }));
    const missing = await callFunction('missing', {});
    expect(missing.errCode).toBe(-501000);
    expect(describeError(missing, 'en')).toMatchObject({ code: '-501000', name: 'CALL_FAILED', message: 'The function could not be called' });
    const odd = await callFunction('odd', {});
    expect(describeError(odd, 'zh').message).toBe('云函数的应答不是预期的格式');
  });
});

describe('bulk writes', () => {
  const appids = Array.from({ length: 230 }, (_, i) => appid(i + 1));

  it('sends batches of at most 100, reports progress after each and merges the outcomes', async () => {
    const fake = createFakeWx({ functions: { setDevPluginApplyStatus: (e) => ({ errCode: 0, summary: { changed: e.appids.length, unchanged: 0, failed: 0, not_attempted: 0 }, outcomes: e.appids.map((a: string) => ({ appid: a, outcome: 'changed' })) }) } });
    install(fake);
    const progress: string[] = [];
    const result = await runBulkWrite({ fn: 'setDevPluginApplyStatus', event: { action: 'dev_agree' }, appids, onProgress: ({ done, total }: { done: number; total: number }) => progress.push(`${done}/${total}`) });
    expect(fake.calls.map((c) => c.data.appids.length)).toEqual([100, 100, 30]);
    expect(fake.calls.flatMap((c) => c.data.appids)).toEqual(appids);
    expect(fake.calls.every((c) => c.data.action === 'dev_agree' && !('dryRun' in c.data))).toBe(true);
    expect(progress).toEqual(['0/230', '100/230', '200/230', '230/230']);
    expect(result.summary).toEqual({ changed: 230, unchanged: 0, failed: 0, not_attempted: 0 });
    expect(result.outcomes).toHaveLength(230);
  });

  it('stops after a call that fails as a whole: its accounts carry its error, the later ones are not sent', async () => {
    let n = 0;
    const fake = createFakeWx({
      functions: {
        setDevPluginApplyStatus: (e) => (++n === 2 ? { errCode: -910010, error: { code: -910010, message: { zh: '令牌', en: 'token' }, hint: 'h' } } : { errCode: 0, summary: { changed: e.appids.length }, outcomes: e.appids.map((a: string) => ({ appid: a, outcome: 'changed' })) }),
      },
    });
    install(fake);
    const result = await runBulkWrite({ fn: 'setDevPluginApplyStatus', event: { action: 'dev_agree' }, appids });
    expect(fake.calls).toHaveLength(2);
    expect(result.summary).toEqual({ changed: 100, unchanged: 0, failed: 100, not_attempted: 30 });
    expect(result.outcomes[150]).toMatchObject({ outcome: 'failed', error: { code: -910010 } });
    expect(result.outcomes[229]).toMatchObject({ outcome: 'not_attempted', error: { name: 'NOT_SENT' } });
  });
});

describe('what a subscribe message names', () => {
  it('is a pass of one list of one account, or one change by id; nothing otherwise', () => {
    expect(changes.messageTarget({ passId: 'p1', list: 'plugin', account: ACCOUNT })).toEqual({ passId: 'p1', list: 'plugin', account: ACCOUNT });
    expect(changes.messageTarget({ passId: 'p1', list: 'bogus' })).toEqual({ passId: 'p1' });
    expect(changes.messageTarget({ changeId: 'p1:plugin:a:b' })).toEqual({ changeId: 'p1:plugin:a:b' });
    expect(changes.messageTarget({})).toBeNull();
    expect(changes.targetWhere({ passId: 'p1', list: 'embedded' })).toEqual({ passId: 'p1', list: 'embedded' });
  });
});
