import path from 'node:path';
import type { Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../../emulator';
import { DEMO_USER_OPENID, startLocalCloud, type LocalCloud } from '../../localcloud';
import { launchBrowser, keepScreenshot, skipBrowserTests } from './helpers/browser';
import { buildIntoTempDist, REPO } from './helpers/builtRoot';

// The console page as a person uses it, in headless Chromium: pick, run, read.
// Waits are on what the page shows (data-run counts finished runs), never on time.

const describeBrowser = skipBrowserTests ? describe.skip : describe;
const SCREENSHOT = path.join(REPO, '.build', 'console.png');
/** Screenshots of the other states, beside the main one, for a person to look at. */
const screenshotOf = (state: string): string => SCREENSHOT.replace(/\.png$/, `-${state}.png`);

// Names of the page's world, for the functions page.evaluate runs there (no DOM types here).
declare const document: any;
declare const window: any;
declare function getComputedStyle(node: unknown): { overflowX: string };

/** Whether the page scrolls sideways at the current width. */
const pageOverflow = (page: Page) =>
  page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));

/** Text that looks like a string-table key (`records.next`): a string nobody registered. */
const UNTRANSLATED_KEY = /\b(?:page|brand|subtitle|lang|request|caller|callerNote|event|placeholder|error|fact|hint|records|col|cell|status|flag|block|upstream|outcome|token|actions|authorizers|funcSet|pushes|sync)\.[a-zA-Z]+\b/;

describeBrowser('the local cloud console page', () => {
  let emulator: Emulator;
  let cloud: LocalCloud;
  let built: Awaited<ReturnType<typeof buildIntoTempDist>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let runs = 0;
  let cloudClosed = false;
  /** Every address the page asked for: it must never ask anywhere but the local cloud. */
  const requested: string[] = [];

  beforeAll(async () => {
    built = await buildIntoTempDist();
    emulator = await startEmulator();
    cloud = await startLocalCloud({ emulator, root: REPO, distDir: built.distDir });
    browser = await launchBrowser();
    browser.context.on('request', (request) => void requested.push(request.url()));
    page = await browser.context.newPage();
    await page.goto(`${cloud.url}/`);
    await page.waitForSelector('body[data-state="ready"]');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (!cloudClosed) await cloud?.close();
    await emulator?.close();
    built?.remove();
  });

  /** Clicks Run and waits until the page has rendered that run. */
  async function run(): Promise<void> {
    runs += 1;
    await page.getByTestId('run').click();
    await page.waitForSelector(`body[data-run="${runs}"]`, { timeout: 60_000 });
  }

  const text = (testId: string): Promise<string> => page.getByTestId(testId).innerText();
  const visibleRows = () => page.locator('[data-testid="table"] tbody tr:visible');

  test('an admin lists plugin applicants: errCode 0, the document example first, filters by status', async () => {
    await page.getByTestId('function').selectOption('getPluginDevApplyList');
    expect(JSON.parse(await page.getByTestId('event').inputValue())).toEqual({ action: 'dev_apply_list', page: 1, num: 10 });
    await page.getByTestId('caller-kind').selectOption('admin');
    await run();

    expect(await text('errcode')).toBe('errCode 0');
    expect(await page.getByTestId('hint').isVisible()).toBe(false);
    await expect(visibleRows().count()).resolves.toBe(10);
    const first = visibleRows().first();
    expect(await first.innerText()).toContain('名称');
    expect(await first.innerText()).toContain('polo has gone');
    expect(await page.getByTestId('upstream').innerText()).toContain('pluginManager.getPluginDevApplyList');

    // Counts per status add up, and each filter shows exactly its rows.
    const chips = page.locator('[data-testid="filters"] button');
    const chipData = await chips.evaluateAll((buttons) =>
      buttons.map((b) => ({ filter: b.getAttribute('data-filter') ?? '', count: Number(b.querySelector('.count')?.textContent) })),
    );
    expect(chipData[0]).toEqual({ filter: 'all', count: 10 });
    const perStatus = chipData.slice(1);
    expect(perStatus.length).toBeGreaterThan(1);
    expect(perStatus.reduce((sum, chip) => sum + chip.count, 0)).toBe(10);
    for (const chip of perStatus) {
      await page.locator(`[data-testid="filters"] button[data-filter="${chip.filter}"]`).click();
      const statuses = await visibleRows().evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status')));
      // An unknown status is filtered by its code too (`unknown:5`): its rows are labelled unknown.
      expect(statuses).toEqual(Array(chip.count).fill(chip.filter.split(':')[0]));
    }
    await page.locator('[data-testid="filters"] button[data-filter="all"]').click();
    await expect(visibleRows().count()).resolves.toBe(10);
    await keepScreenshot(page, SCREENSHOT);
  });

  test('invalid JSON in the event editor is flagged and Run is disabled', async () => {
    const editor = page.getByTestId('event');
    const valid = await editor.inputValue();
    await editor.fill('{"page": 1,');
    expect(await text('event-status')).toMatch(/^Invalid JSON/);
    expect(await page.getByTestId('run').isDisabled()).toBe(true);
    await editor.fill(valid);
    expect(await text('event-status')).toBe('Valid JSON');
    expect(await page.getByTestId('run').isEnabled()).toBe(true);
  });

  test('a Mini Program user who is not an admin sees the refusal and its hint', async () => {
    await page.getByTestId('caller-kind').selectOption('user');
    expect(await page.getByTestId('openid').inputValue()).toBe(DEMO_USER_OPENID);
    await run();

    expect(await text('errcode')).toBe('errCode -910002');
    expect(await page.getByTestId('hint').isVisible()).toBe(true);
    expect(await text('hint')).toContain('CALLER_NOT_ALLOWED');
    expect(await text('hint-text')).toContain('ADMIN_OPENIDS');
    expect(await page.getByTestId('records').isVisible()).toBe(false);
    expect(await text('upstream')).toBe('');
    await keepScreenshot(page, screenshotOf('refused'));
  });

  test('an admin selects three pending applicants, approves them, and sees three `changed` and their new status', async () => {
    await page.getByTestId('function').selectOption('getPluginDevApplyList');
    await page.getByTestId('caller-kind').selectOption('admin');
    await page.getByTestId('event').fill(JSON.stringify({ action: 'dev_apply_list', page: 1, num: 40 }));
    await run();
    expect(await text('errcode')).toBe('errCode 0');

    const pendingBoxes = page.locator('[data-testid="table"] tbody tr[data-status="pending"] input[data-testid="select-row"]:not([disabled])');
    expect(await pendingBoxes.count()).toBeGreaterThanOrEqual(3);
    const chosen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const box = pendingBoxes.nth(i);
      chosen.push((await box.getAttribute('data-appid')) ?? '');
      await box.check();
    }
    expect(await text('selected-count')).toContain('3');

    await page.getByTestId('bulk-dev_agree').click();
    await page.waitForSelector('[data-testid="actions-confirm"][open]');
    expect(await text('actions-confirm-text')).toMatch(/\b3\b/);
    runs += 1; // the list is run again after the action
    await page.getByTestId('actions-confirm-ok').click();
    await page.waitForSelector('body[data-actions="1"]', { timeout: 60_000 });
    await page.waitForSelector(`body[data-run="${runs}"]`, { timeout: 60_000 });

    const outcomes = await page.locator('[data-testid="outcome-list"] li').evaluateAll((items) =>
      items.map((li) => ({ appid: li.getAttribute('data-appid'), outcome: li.getAttribute('data-outcome') })),
    );
    expect(outcomes).toEqual(chosen.map((appid) => ({ appid, outcome: 'changed' })));
    expect(await text('actions-summary')).toMatch(/^3 changed/);
    for (const appid of chosen) {
      expect(await page.locator(`[data-testid="table"] tbody tr[data-appid="${appid}"]`).getAttribute('data-status')).toBe('approved');
    }
    expect(emulator.data.applicants.filter((a) => chosen.includes(String(a.appid))).map((a) => a.status)).toEqual([2, 2, 2]);
    await keepScreenshot(page, screenshotOf('approved'));
  });

  test('getOwnList shows the half-screen authorizations', async () => {
    await page.getByTestId('function').selectOption('getOwnList');
    expect(JSON.parse(await page.getByTestId('event').inputValue())).toEqual({ start: 0, num: 10 });
    await page.getByTestId('caller-kind').selectOption('admin');
    await run();

    expect(await text('errcode')).toBe('errCode 0');
    expect(await page.getByTestId('records').getAttribute('data-kind')).toBe('authorizations');
    expect(await page.getByTestId('records').innerText()).toContain('Half-screen authorizations');
    await expect(visibleRows().count()).resolves.toBe(10);
    expect(await text('upstream')).toContain('/wxaapi/wxaembedded/get_own_list?access_token=***');
    await keepScreenshot(page, screenshotOf('own-list'));
  });

  test('on the half-screen list, a row is revoked and the authorization mode is switched', async () => {
    // The list of the previous test is on the page.
    const row = page.locator('[data-testid="table"] tbody tr[data-status="approved"]').first();
    const appid = (await row.getAttribute('data-appid')) ?? '';
    expect(appid).toMatch(/^wx[0-9a-f]{16}$/);
    await row.locator('button[data-action="del_authorize"]').click();
    await page.waitForSelector('[data-testid="actions-confirm"][open]');
    expect(await text('actions-confirm-text')).toMatch(/\b1\b/);
    runs += 1;
    await page.getByTestId('actions-confirm-ok').click();
    await page.waitForSelector('body[data-actions="2"]', { timeout: 60_000 });
    await page.waitForSelector(`body[data-run="${runs}"]`, { timeout: 60_000 });
    expect(await page.locator('[data-testid="outcome-list"] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-outcome')))).toEqual(['changed']);
    expect(await page.locator(`[data-testid="table"] tbody tr[data-appid="${appid}"]`).getAttribute('data-status')).toBe('deauthorized');

    const next = emulator.data.embeddedFlag === 2 ? 0 : 2;
    await page.getByTestId('mode-select').selectOption(String(next));
    await page.getByTestId('mode-apply').click();
    await page.waitForSelector('[data-testid="actions-confirm"][open]');
    runs += 1;
    await page.getByTestId('actions-confirm-ok').click();
    await page.waitForSelector('body[data-actions="3"]', { timeout: 60_000 });
    await page.waitForSelector(`body[data-run="${runs}"]`, { timeout: 60_000 });
    expect(emulator.data.embeddedFlag).toBe(next);
    expect(await page.getByTestId('mode-select').inputValue()).toBe(String(next));
  });

  test('a pending applicant is refused with a reason (asked for first), then deleted from its row', async () => {
    await page.getByTestId('function').selectOption('getPluginDevApplyList');
    await page.getByTestId('caller-kind').selectOption('admin');
    await page.getByTestId('event').fill(JSON.stringify({ action: 'dev_apply_list', page: 1, num: 40 }));
    await run();
    const row = (appid: string) => page.locator(`[data-testid="table"] tbody tr[data-appid="${appid}"]`);
    const appid = (await page.locator('[data-testid="table"] tbody tr[data-status="pending"]:has(button[data-action="dev_refuse"])').first().getAttribute('data-appid')) ?? '';
    expect(appid).toMatch(/^wx[0-9a-f]{16}$/);
    const sentFor = () => emulator.calls.filter((c) => c.api === 'pluginManager.setDevPluginApplyStatus' && (c.params as { appid?: string }).appid === appid).map((c) => c.params);

    // Without a reason nothing is asked nor sent: the page says a reason is needed.
    await page.getByTestId('refuse-reason').fill('');
    await row(appid).locator('button[data-action="dev_refuse"]').click();
    await expect(page.getByTestId('actions-outcomes').innerText()).resolves.toContain('Enter a refusal reason first.');
    expect(await page.locator('[data-testid="actions-confirm"][open]').count()).toBe(0);
    expect(sentFor()).toEqual([]);

    await page.getByTestId('refuse-reason').fill('资料不全 incomplete');
    await row(appid).locator('button[data-action="dev_refuse"]').click();
    await page.waitForSelector('[data-testid="actions-confirm"][open]');
    expect(await text('actions-confirm-text')).toMatch(/\b1\b/);
    runs += 1;
    await page.getByTestId('actions-confirm-ok').click();
    await page.waitForSelector('body[data-actions="4"]', { timeout: 60_000 });
    await page.waitForSelector(`body[data-run="${runs}"]`, { timeout: 60_000 });
    expect(await page.locator('[data-testid="outcome-list"] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-outcome')))).toEqual(['changed']);
    expect(sentFor()).toEqual([{ action: 'dev_refuse', appid, reason: '资料不全 incomplete' }]);
    expect(await row(appid).getAttribute('data-status')).toBe('rejected');

    // A refused application can be deleted: its row offers Delete now.
    await row(appid).locator('button[data-action="dev_delete"]').click();
    await page.waitForSelector('[data-testid="actions-confirm"][open]');
    runs += 1;
    await page.getByTestId('actions-confirm-ok').click();
    await page.waitForSelector('body[data-actions="5"]', { timeout: 60_000 });
    await page.waitForSelector(`body[data-run="${runs}"]`, { timeout: 60_000 });
    expect(await text('actions-summary')).toMatch(/^1 changed/);
    expect(await row(appid).count()).toBe(0);
    expect(emulator.data.applicants.some((a) => a.appid === appid)).toBe(false);
  });

  test('fits from 360 px up: no sideways page scroll; a wide table scrolls inside its own box', async () => {
    await page.getByTestId('function').selectOption('getPluginDevApplyList');
    await page.getByTestId('example').click();
    await page.getByTestId('caller-kind').selectOption('admin');
    await run();
    await expect(visibleRows().count()).resolves.toBe(10);
    const wrap = page.getByTestId('table-wrap');
    try {
      for (const width of [360, 390, 768, 1366]) {
        await page.setViewportSize({ width, height: 900 });
        const { scrollWidth, clientWidth } = await pageOverflow(page);
        expect({ width, scrollWidth }).toEqual({ width, scrollWidth: clientWidth });
        const box = await wrap.evaluate((node) => ({ scrollWidth: node.scrollWidth, clientWidth: node.clientWidth, overflowX: getComputedStyle(node).overflowX }));
        expect(box.overflowX).toBe('auto');
        // At 1366 px the whole table shows: no column is cut or scrolled away.
        if (width === 1366) expect(box.scrollWidth).toBeLessThanOrEqual(box.clientWidth);
        // On a phone the table is wider than the screen: it scrolls inside its box, the page does not.
        if (width === 390) expect(box.scrollWidth).toBeGreaterThan(box.clientWidth);
        if (width === 390) await keepScreenshot(page, screenshotOf('390px'));
      }
      // An error with its long hint, and the other list, fit too.
      await page.setViewportSize({ width: 390, height: 900 });
      await page.getByTestId('caller-kind').selectOption('user');
      await run();
      expect(await text('errcode')).toBe('errCode -910002');
      expect(await pageOverflow(page).then((o) => o.scrollWidth - o.clientWidth)).toBe(0);
      await page.getByTestId('function').selectOption('getOwnList');
      await page.getByTestId('caller-kind').selectOption('admin');
      await run();
      expect(await text('errcode')).toBe('errCode 0');
      expect(await pageOverflow(page).then((o) => o.scrollWidth - o.clientWidth)).toBe(0);
    } finally {
      await page.setViewportSize({ width: 1360, height: 1000 });
    }
  });

  test('Next page runs the next page; row numbers continue across pages', async () => {
    await page.getByTestId('function').selectOption('getPluginDevApplyList');
    await page.getByTestId('example').click();
    await page.getByTestId('caller-kind').selectOption('admin');
    await run();
    const numbers = () => visibleRows().evaluateAll((rows) => rows.map((row) => Number(row.querySelector('td.num')?.textContent)));
    expect(await numbers()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await text('records-paging')).toContain('next page 2');

    runs += 1;
    await page.getByTestId('next-page').click();
    await page.waitForSelector(`body[data-run="${runs}"]`, { timeout: 60_000 });
    expect(JSON.parse(await page.getByTestId('event').inputValue())).toEqual({ action: 'dev_apply_list', page: 2, num: 10 });
    expect(await text('records-paging')).toMatch(/^page 2 /);
    expect(await numbers()).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(await page.getByTestId('upstream').innerText()).toContain('pluginManager.getPluginDevApplyList');

    // The half-screen list pages by start.
    await page.getByTestId('function').selectOption('getOwnList');
    await page.getByTestId('event').fill(JSON.stringify({ start: 0, num: 5 }));
    await run();
    runs += 1;
    await page.getByTestId('next-page').click();
    await page.waitForSelector(`body[data-run="${runs}"]`, { timeout: 60_000 });
    expect(JSON.parse(await page.getByTestId('event').inputValue())).toEqual({ start: 5, num: 5 });
    expect(await numbers()).toEqual([6, 7, 8, 9, 10]);
    await page.getByTestId('example').click();
  });

  test('avatars are placeholders drawn on the page (nothing asked of any other host); the Mini Program code link (http/https only); times labelled with their time zone', async () => {
    await page.getByTestId('function').selectOption('getPluginDevApplyList');
    await page.getByTestId('example').click();
    await page.getByTestId('caller-kind').selectOption('admin');
    await run();
    const rows = visibleRows();
    // The document's own example row: headimgurl "**********", apply_url "*******": no image, no link.
    const first = rows.first();
    expect(await first.locator('img').count()).toBe(0);
    expect(await first.locator('.avatar-initial').innerText()).toBe('名');
    expect(await first.locator('a').count()).toBe(0);
    expect(await first.locator('.apply-url').innerText()).toContain('*******');

    // A seeded applicant: the emulator's made-up avatar address is in the tooltip, not loaded;
    // the placeholder has the name's first character, on a colour of its own.
    const second = rows.nth(1);
    expect(await second.locator('img').count()).toBe(0);
    const placeholder = second.locator('.avatar-initial');
    expect(await placeholder.getAttribute('title')).toMatch(/https:\/\/mmbiz\.qpic\.cn\//);
    expect(await placeholder.evaluate((node: any) => node.style.getPropertyValue('--hue'))).toMatch(/^\d+$/);
    expect(requested.filter((url) => !url.startsWith(cloud.url))).toEqual([]);
    const link = second.locator('a.apply-url');
    expect(await link.getAttribute('href')).toMatch(/^https:\/\//);
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');

    const headers = await page.locator('[data-testid="table"] thead th').allInnerTexts();
    expect(headers).toContain('Applied (UTC+8)');
    // 1536305096 is 2018-09-07 07:24:56 UTC: 15:24 in Beijing.
    const time = first.locator('time');
    expect(await time.innerText()).toBe('2018-09-07 15:24');
    expect(await time.getAttribute('datetime')).toBe('2018-09-07T07:24:56.000Z');
    expect(await page.getByTestId('records').innerText()).toContain('Beijing time (UTC+8)');
  });

  test('the page shares nothing through globals: its parts are modules, its panels mounted through the registry', async () => {
    const globals = await page.evaluate(() => Object.keys(window).filter((key) => /^Console/.test(key)));
    expect(globals).toEqual([]);
    // Each panel of panels.js put its part where the page said.
    for (const testId of ['actions-bar', 'push-panel', 'sync-panel']) expect(await page.getByTestId(testId).count()).toBe(1);
    expect(await page.locator('#request-slot #authorizer-field').count()).toBe(1);
    expect(await page.locator('#records-slot [data-testid="actions-bar"]').count()).toBe(1);
    expect(await page.locator('#panels [data-testid="push-panel"]').count()).toBe(1);
    expect(await page.locator('#wide-panels [data-testid="sync-panel"]').count()).toBe(1);
  });

  test('English and Chinese: a switch on the page, every string in both, the pick remembered', async () => {
    const before = await page.locator('body').innerText();
    expect(before).not.toMatch(UNTRANSLATED_KEY);
    await page.locator('[data-testid="lang-switch"] button[data-lang="zh"]').click();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await text('run')).toBe('运行');
    expect(await page.getByTestId('records').innerText()).toContain('插件申请者');
    expect(await page.locator('[data-testid="table"] thead th').allInnerTexts()).toContain('申请时间（UTC+8）');
    expect(await text('event-status')).toBe('JSON 格式正确');
    const chinese = await page.locator('body').innerText();
    expect(chinese).not.toMatch(UNTRANSLATED_KEY);
    // The results keep their data; the filters keep working in Chinese.
    await page.locator('[data-testid="filters"] button[data-filter="pending"]').click();
    expect(new Set(await visibleRows().evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status'))))).toEqual(new Set(['pending']));
    expect(await page.locator('[data-testid="filters"] button[data-filter="pending"]').innerText()).toContain('申请中');
    await page.reload();
    await page.waitForSelector('body[data-state="ready"]');
    expect(await text('run')).toBe('运行'); // remembered
    await page.locator('[data-testid="lang-switch"] button[data-lang="en"]').click();
    expect(await text('run')).toBe('Run');
    runs = 0; // the reloaded page counts its runs afresh
  });

  test('a Chinese browser gets the page in Chinese', async () => {
    const zh = await launchBrowser({ locale: 'zh-CN' });
    try {
      const zhPage = await zh.context.newPage();
      await zhPage.goto(`${cloud.url}/`);
      await zhPage.waitForSelector('body[data-state="ready"]');
      expect(await zhPage.getByTestId('run').innerText()).toBe('运行');
      expect(await zhPage.title()).toBe('本地云开发控制台');
      await zhPage.getByTestId('caller-kind').selectOption('user');
      await zhPage.getByTestId('run').click();
      await zhPage.waitForSelector('body[data-run="1"]', { timeout: 60_000 });
      expect(await zhPage.getByTestId('hint').innerText()).toContain('调用方无权使用此云函数');
      expect(await zhPage.getByTestId('hint-text').innerText()).toMatch(/^提示：/);
      // The catalogue's hint itself in Chinese, not the English one.
      expect(await zhPage.getByTestId('hint-text').innerText()).toContain('必须在 ADMIN_OPENIDS 中');
      expect(await zhPage.getByTestId('hint-text').innerText()).not.toContain('must be listed');
      expect(await zhPage.locator('body').innerText()).not.toMatch(UNTRANSLATED_KEY);
      await keepScreenshot(zhPage, screenshotOf('zh'));
    } finally {
      await zh.close();
    }
  }, 90_000); // a second browser context, and a run of the function through it

  test('when the local cloud is gone, the page says to run npm start again', async () => {
    await cloud.close();
    cloudClosed = true;
    await run();
    expect(await page.getByTestId('request-error').isVisible()).toBe(true);
    expect(await text('request-error')).toContain('npm start');
  });
});
