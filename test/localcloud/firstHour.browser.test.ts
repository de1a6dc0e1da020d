import path from 'node:path';
import type { Page } from 'playwright-core';
import { HALF_SCREEN_ONLY, NEITHER, PLUGIN_ONLY } from '../../emulator';
import { authorizeSeededAccounts } from '../../tools/openPlatformDemo';
import { keepScreenshot, skipBrowserTests } from './helpers/browser';
import { REPO } from './helpers/builtRoot';
import { useConsole, type ConsoleSession } from './helpers/consolePage';

// The console's first hour as a new user meets it, on a phone (390 px), in English and in Chinese:
// the answer brought into view, bulk actions offered / sent / counted for the rows they apply to,
// a failure's line wrapping and saying the status now, the outcomes box replaced, the dry-run
// switch, a whole list, the push log with a signed test push, the sync chips and the authorizer
// picker, and (in Chinese) the page's own words in Chinese with full-width punctuation. One page
// load per language; waits are on what the page shows, never on time.

const describeBrowser = skipBrowserTests ? describe.skip : describe;

// Names of the page's world, for the functions page.evaluate runs there (no DOM types here).
declare const document: any;
declare const window: any;

const WIDTH = 390;
const HEIGHT = 800;
const CJK = /[\u4e00-\u9fff]/;
/** Half-width punctuation touching a Chinese character: Chinese text takes the full-width forms. */
const MIXED_PUNCTUATION = /[\u4e00-\u9fff][,:;()]|[,:;()][\u4e00-\u9fff]/;

const WORDS = {
  en: { selected: /(\d+) selected/, accounts: (n: number) => `${n} account(s) will change`, leftOut: 'left out', dry: 'Dry run', wouldSend: 'It would send', nowIs: 'it is now rejected (status 3)', pushed: 'HTTP 200 success', lacks: 'lacks set 18', unknownCode: /unknown \(status \d+\) \d+/ },
  zh: { selected: /已选 (\d+) 个/, accounts: (n: number) => `将改变 ${n} 个账号`, leftOut: '不发送', dry: '试运行', wouldSend: '将发送', nowIs: 'it is now rejected (status 3)', pushed: 'HTTP 200 success', lacks: '缺少权限集 18', unknownCode: /未知（状态值 \d+） \d+/ },
} as const;

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Texts of the page's own parts (not the data, the editor or the raw envelope) that must be in the page's language. */
const chromeTexts = (page: Page) =>
  page.evaluate(() => {
    const parts = ['#facts', '#hint-title', '#hint-message', '#hint-issues', '#records .records-head', '#filters', '[data-testid="actions-bar"]',
      '[data-testid="actions-outcomes"] h4', '[data-testid="actions-summary"]', '[data-testid="sync-panel"] .records-head', '[data-testid="sync-last"]',
      '[data-testid="push-panel"] .records-head', '[data-testid="push-panel"] > .meta', '.authorizer-head', '[data-testid="authorizer-others"]', '[data-testid="authorizer-note"]'];
    return parts.flatMap((selector) => [...document.querySelectorAll(selector)].map((node: any) => ({ selector, text: String(node.innerText ?? '') })));
  });

function firstHour(language: 'en' | 'zh') {
  const words = WORDS[language];
  const session: ConsoleSession = useConsole({
    emulator: { applicantCount: 250, embeddedCount: 150 },
    locale: language === 'zh' ? 'zh-CN' : 'en-US',
    // The open platform's ticket and authorizations arrive first, as under npm start.
    before: async (emulator, cloud) => void (await authorizeSeededAccounts(emulator, `${cloud.url}/componentEvents`)),
  });
  let page: Page;
  const text = (testId: string) => page.getByTestId(testId).innerText();
  const pick = async (fn: string, event?: unknown) => {
    await page.getByTestId('function').selectOption(fn);
    await page.getByTestId('example').click();
    if (event !== undefined) await page.getByTestId('event').fill(JSON.stringify(event));
  };
  /** Confirms the open dialog and waits for the action, and the list's re-run unless it was a dry run. */
  const confirm = async (dry = false) => {
    const actions = Number((await page.locator('body').getAttribute('data-actions')) ?? 0);
    const runs = Number(await page.locator('body').getAttribute('data-run'));
    await page.getByTestId('actions-confirm-ok').click();
    await page.waitForSelector(`body[data-actions="${actions + 1}"]`, { timeout: 60_000 });
    if (!dry) await page.waitForSelector(`body[data-run="${runs + 1}"]`, { timeout: 60_000 });
  };
  const writes = () => session.emulator.calls.filter((c) => c.api === 'pluginManager.setDevPluginApplyStatus');

  beforeAll(async () => {
    page = session.page;
    await page.setViewportSize({ width: WIDTH, height: HEIGHT });
    await page.getByTestId('caller-kind').selectOption('admin');
  });

  test('Run brings the answer into view; Select all, then Approve offers, sends and counts only the pending rows', async () => {
    await pick('getPluginDevApplyList', { action: 'dev_apply_list', page: 1, num: 40 });
    await session.run();
    expect(await text('errcode')).toBe('errCode 0');
    const top = await page.getByTestId('errcode').evaluate((node: any) => node.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(-1); // a fraction of a pixel either way
    expect(top).toBeLessThan(HEIGHT / 2);
    expect(await overflow(page)).toBe(0);

    await page.getByTestId('select-all').check();
    const selected = Number(words.selected.exec(await text('selected-count'))?.[1]);
    // Pending rows with a real appid (the document's own example row is pending but cannot be acted on).
    const pending = await page.locator('[data-testid="table"] tbody tr[data-status="pending"]:has(button[data-action="dev_agree"])').evaluateAll((rows: any[]) => rows.map((r) => r.getAttribute('data-appid')));
    expect(pending.length).toBeGreaterThan(0);
    expect(selected).toBeGreaterThan(pending.length); // rejected and expired rows are selected too
    const approve = page.getByTestId('bulk-dev_agree');
    expect(await approve.getAttribute('data-count')).toBe(String(pending.length));
    expect(await approve.innerText()).toContain(String(pending.length));

    await approve.click();
    await page.waitForSelector('[data-testid="actions-confirm"][open]');
    const question = await text('actions-confirm-text');
    expect(question).toContain(words.accounts(pending.length));
    expect(question).toContain(String(selected - pending.length));
    expect(question).toContain(words.leftOut);
    await confirm();
    // Exactly the pending rows were sent, and every one changed: no 89240 for rows that were not pending.
    expect(writes().map((c) => (c.params as { appid: string }).appid).sort()).toEqual([...pending].sort());
    const outcomes = await page.locator('[data-testid="outcome-list"] li').evaluateAll((items: any[]) => items.map((li) => li.getAttribute('data-outcome')));
    expect(outcomes).toEqual(pending.map(() => 'changed'));
    expect(await text('actions-summary')).toMatch(new RegExp(`^${language === 'en' ? '' : '已改变 '}${pending.length}`));
    expect(await overflow(page)).toBe(0);
  }, 120_000);

  test('a failure\'s line wraps at 390 px and says what the application is now; the next Run replaces the outcomes box', async () => {
    // The next page (the first one's pending rows were all approved), then an application moves on
    // behind the page's back (another admin refuses it).
    await pick('getPluginDevApplyList', { action: 'dev_apply_list', page: 2, num: 40 });
    await session.run();
    const target = page.locator('[data-testid="table"] tbody tr[data-status="pending"]:has(button[data-action="dev_agree"])').first();
    const appid = (await target.getAttribute('data-appid')) ?? '';
    const applicant = session.emulator.data.applicants.find((a) => a.appid === appid);
    expect(applicant).toBeDefined();
    applicant!.status = 3;
    await target.locator('button[data-action="dev_agree"]').click();
    await page.waitForSelector('[data-testid="actions-confirm"][open]');
    await confirm();
    const failed = page.locator('[data-testid="outcome-list"] li[data-outcome="failed"]');
    expect(await failed.count()).toBe(1);
    const line = await failed.innerText();
    expect(line).toContain('89240');
    expect(line).toContain(words.nowIs);
    if (language === 'zh') expect(line).toContain('只有“待确认”的申请可操作通过/拒绝');
    const box = await failed.evaluate((node: any) => ({ right: node.getBoundingClientRect().right, scroll: node.scrollWidth - node.clientWidth }));
    expect(box.right).toBeLessThanOrEqual(WIDTH);
    expect(box.scroll).toBeLessThanOrEqual(0);
    expect(await overflow(page)).toBe(0);
    await keepScreenshot(page, path.join(REPO, '.build', `console-first-hour-${language}-failed.png`));

    await session.run();
    expect(await page.getByTestId('actions-outcomes').isVisible()).toBe(false);
  }, 120_000);

  test('the dry-run switch beside the bulk actions sends nothing and shows what would be sent', async () => {
    const before = writes().length;
    const boxes = page.locator('[data-testid="table"] tbody tr[data-status="pending"] input[data-testid="select-row"]:not([disabled])');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByTestId('dry-run').check();
    await page.getByTestId('bulk-dev_agree').click();
    await page.waitForSelector('[data-testid="actions-confirm"][open]');
    expect(await text('actions-confirm-text')).toContain(words.dry);
    await confirm(true);
    expect(await page.locator('[data-testid="would-send"] li').count()).toBe(2);
    expect(await text('actions-summary')).toContain(words.wouldSend);
    expect(writes().length).toBe(before);
    await page.getByTestId('dry-run').uncheck();
  }, 60_000);

  test('{"all": true} says it is the whole list, offers no next page, and draws 100 rows at a time', async () => {
    await pick('getOwnList', { all: true });
    await session.run();
    expect(await text('errcode')).toBe('errCode 0');
    const paging = await text('records-paging');
    expect(paging).toContain('150');
    expect(paging).not.toMatch(/undefined|\{|\}/);
    expect(await page.getByTestId('next-page').isVisible()).toBe(false);
    const rows = page.locator('[data-testid="table"] tbody tr');
    await expect(rows.count()).resolves.toBe(100);
    await page.getByTestId('records-more').click();
    await expect(rows.count()).resolves.toBe(150);
    expect(await page.getByTestId('records-more').count()).toBe(0);
    expect(await overflow(page)).toBe(0);
  }, 60_000);

  test('the push log shows the open platform\'s pushes; a signed test push is accepted', async () => {
    const log = page.locator('[data-testid="push-log"] li[data-status]');
    await log.first().waitFor({ timeout: 30_000 }); // the pushes before the page opened
    const before = await log.count();
    await page.getByTestId('push-test').click();
    await page.waitForSelector('[data-testid="push-panel"][data-tests="1"]', { timeout: 30_000 });
    expect(await text('push-result')).toContain(words.pushed);
    const newest = log.first();
    expect(await newest.getAttribute('data-status')).toBe('200');
    expect(await newest.getAttribute('data-info-type')).toBe('component_verify_ticket');
    expect(await log.count()).toBe(before + 1);
    expect(await overflow(page)).toBe(0);
  }, 60_000);

  test('the authorizer picker says which appid is the default, offers only accounts with the needed set, and cuts nothing', async () => {
    await pick('getOwnList');
    const field = page.locator('#authorizer-field[data-loaded="true"]');
    await field.waitFor({ timeout: 30_000 });
    const defaultAppid = session.emulator.accounts.authorizer.appid;
    expect(await page.locator('[data-testid="authorizer"] label[data-appid=""]').innerText()).toContain(defaultAppid);
    const offered = await page.locator('[data-testid="authorizer"] label[data-appid]').evaluateAll((labels: any[]) => labels.map((l) => l.getAttribute('data-appid')));
    expect(offered.sort()).toEqual(['', defaultAppid, HALF_SCREEN_ONLY.appid].sort());
    const others = await text('authorizer-others');
    for (const appid of [PLUGIN_ONLY.appid, NEITHER.appid]) expect(others).toContain(appid);
    expect(others).toContain(words.lacks);
    const cut = await page.locator('[data-testid="authorizer"] label').evaluateAll((labels: any[]) => labels.filter((l) => l.scrollWidth > l.clientWidth || l.getBoundingClientRect().right > window.innerWidth).length);
    expect(cut).toBe(0);
    await page.locator(`[data-testid="authorizer"] input[value="${HALF_SCREEN_ONLY.appid}"]`).check();
    expect(JSON.parse(await page.getByTestId('event').inputValue())).toEqual({ start: 0, num: 10, authorizerAppid: HALF_SCREEN_ONLY.appid });
    // Another function needs another set: the plugin list offers the plugin account instead.
    await pick('getPluginDevApplyList');
    const pluginOffered = await page.locator('[data-testid="authorizer"] label[data-appid]').evaluateAll((labels: any[]) => labels.map((l) => l.getAttribute('data-appid')));
    expect(pluginOffered.sort()).toEqual(['', defaultAppid, PLUGIN_ONLY.appid].sort());
    expect(await overflow(page)).toBe(0);
  }, 60_000);

  test('the sync panel\'s chips name an unknown status by its code; the page\'s own words are in the page\'s language', async () => {
    await page.getByTestId('sync-now').click();
    await page.locator('[data-testid="sync-lists"] [data-status="unknown"]').first().waitFor({ timeout: 60_000 });
    const unknown = await page.locator('[data-testid="sync-lists"] [data-status="unknown"]').allInnerTexts();
    for (const chip of unknown) expect(chip).toMatch(words.unknownCode);

    // A refusal without its reason: the issue is worded in the page's language.
    await pick('setDevPluginApplyStatus', { action: 'dev_refuse', appid: HALF_SCREEN_ONLY.appid });
    await session.run();
    const issues = await text('hint-issues');
    expect(issues).toContain('reason');
    expect(issues).toContain(language === 'zh' ? '应为字符串（必填），收到 无（缺少此字段）' : 'expected a string (required), received nothing: the field is missing');
    expect(await overflow(page)).toBe(0);

    if (language === 'zh') {
      // The facts of a successful list, and every part of the page's own, in Chinese with full-width punctuation.
      await pick('getOwnList');
      await session.run();
      for (const chip of await page.locator('#facts .chip').allInnerTexts()) expect({ chip, chinese: CJK.test(chip) }).toEqual({ chip, chinese: true });
      expect(await page.locator('#facts').innerText()).not.toMatch(/component token|通过 cloud|embedded_flag/);
      for (const { selector, text: part } of await chromeTexts(page)) {
        expect({ selector, mixed: MIXED_PUNCTUATION.exec(part)?.[0] ?? null }).toEqual({ selector, mixed: null });
      }
    }
    await keepScreenshot(page, path.join(REPO, '.build', `console-first-hour-${language}.png`));
  }, 120_000);
}

describeBrowser('the console\'s first hour at 390 px, in English', () => firstHour('en'));
describeBrowser('the console\'s first hour at 390 px, in Chinese', () => firstHour('zh'));
