import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../../emulator';
import { DEMO_USER_OPENID, startLocalCloud, type LocalCloud } from '../../localcloud';
import { launchBrowser, skipBrowserTests } from './helpers/browser';
import { buildIntoTempDist, REPO } from './helpers/builtRoot';

// The console page as a person uses it, in headless Chromium: pick, run, read.
// Waits are on what the page shows (data-run counts finished runs), never on time.

const describeBrowser = skipBrowserTests ? describe.skip : describe;
const SCREENSHOT = path.join(REPO, '.build', 'console.png');
/** Screenshots of the other states, beside the main one, for a person to look at. */
const screenshotOf = (state: string): string => SCREENSHOT.replace(/\.png$/, `-${state}.png`);

describeBrowser('the local cloud console page', () => {
  let emulator: Emulator;
  let cloud: LocalCloud;
  let built: Awaited<ReturnType<typeof buildIntoTempDist>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let runs = 0;

  beforeAll(async () => {
    built = await buildIntoTempDist();
    emulator = await startEmulator();
    cloud = await startLocalCloud({ emulator, root: REPO, distDir: built.distDir });
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(`${cloud.url}/`);
    await page.waitForSelector('body[data-state="ready"]');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await cloud?.close();
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
      expect(statuses).toEqual(Array(chip.count).fill(chip.filter));
    }
    await page.locator('[data-testid="filters"] button[data-filter="all"]').click();
    await expect(visibleRows().count()).resolves.toBe(10);
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
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
    await page.screenshot({ path: screenshotOf('refused'), fullPage: true });
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
    await page.screenshot({ path: screenshotOf('approved'), fullPage: true });
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
    await page.screenshot({ path: screenshotOf('own-list'), fullPage: true });
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
});
