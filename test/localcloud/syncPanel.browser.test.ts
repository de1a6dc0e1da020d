import path from 'node:path';
import type { Page } from 'playwright-core';
import { HALF_SCREEN_ONLY, PLUGIN_ONLY } from '../../emulator';
import { authorizeSeededAccounts } from '../../tools/openPlatformDemo';
import { keepScreenshot, skipBrowserTests } from './helpers/browser';
import { REPO } from './helpers/builtRoot';
import { useConsole } from './helpers/consolePage';

// The console's sync panel as an admin uses it: sync, let the platform move on, sync again,
// see the new applicant and the robot message it caused; read it in Chinese; page through the
// long parts on a phone. Waits are on what the page shows, and every check of a sync's outcome
// waits for the run to end: the panel shows the lists filling while a run is still storing them.

const describeBrowser = skipBrowserTests ? describe.skip : describe;
const SCREENSHOT = path.join(REPO, '.build', 'console-sync.png');

// Names of the page's world, for the functions page.evaluate runs there (no DOM types here).
declare const document: any;

/** A key of the panel's string table shown as it is: a string with no translation. */
const UNTRANSLATED_KEY = /\b(?:sync|status|col|cell)\.[a-zA-Z]+\b/;
/** The English status labels the function stores (shared/normalize/labels.ts). */
const ENGLISH_STATUS = /\b(?:pending|approved|rejected|expired|timeout|withdrawn|deauthorized|unknown)\b/;
const PAGE = 10;

const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The panel's mark of a run its time limit cut short (it resumes on the next run). */
const INCOMPLETE = /not finished: resumes on the next run|未完成：下次运行继续/;

/**
 * Clicks Sync now and waits until the panel shows that run's outcome: the button is back and the
 * last-run line is the new run's (a poll of the page started during the run may re-render it
 * with the lists as they were mid-run). A run the function's real time limit cut short on a busy
 * machine is resumed by syncing again, as an admin would, until one ends complete: what is
 * checked after it is the synced lists, whatever the machine's speed.
 */
async function syncNow(page: Page): Promise<void> {
  for (let run = 1; run <= 5; run++) {
    const before = await page.getByTestId('sync-last').innerText();
    await page.getByTestId('sync-now').click();
    await page.locator('[data-testid="sync-now"]:not([disabled])').waitFor({ timeout: 60_000 });
    await page.waitForFunction((previous) => document.querySelector('[data-testid="sync-last"]')?.innerText !== previous, before, { timeout: 30_000 });
    if (!INCOMPLETE.test(await page.getByTestId('sync-last').innerText())) return;
  }
  throw new Error('five sync runs in a row ended unfinished');
}

describeBrowser('the console sync panel', () => {
  const session = useConsole({ emulator: { applicantCount: 1200, embeddedCount: 800 }, readySelector: '[data-testid="sync-panel"]' });
  let page: Page;
  beforeAll(() => {
    page = session.page;
  });

  test('Sync now stores the lists (counts over the whole list), then finds a new applicant and shows the robot message', async () => {
    await expect(page.getByTestId('sync-last').innerText()).resolves.toMatch(/No sync has run yet|尚未同步/);
    await syncNow(page);
    const lists = await page.getByTestId('sync-lists').innerText();
    expect(lists).toMatch(/1200/);
    expect(lists).toMatch(/800/);
    expect(lists).toMatch(/pending \d+/); // each status by its label, in English here

    const [step] = session.emulator.evolve.step();
    await syncNow(page);
    const appid = step!.newApplicants[0]!;
    await expect(page.locator('[data-testid="sync-changes"] li', { hasText: appid }).count()).resolves.toBe(1);
    expect(session.emulator.outbound.wecom.map((m) => m.content).join('\n')).toContain(appid);
    for (const summary of await page.locator('[data-testid="sync-notifications"] details summary').all()) await summary.click();
    expect(await page.getByTestId('sync-notifications').textContent()).toContain(appid);
    await keepScreenshot(page, SCREENSHOT);
  });

  test('the stored entries have a header row; in Chinese every status, change kind and header is Chinese', async () => {
    const headers = () => page.locator('[data-testid="sync-entries"] thead th').allInnerTexts();
    await expect(headers()).resolves.toEqual(['Account', 'AppID', 'Name', 'Status', 'Applied (UTC+8)', 'Note']);
    const expired = session.emulator.evolve.step()[0]!.expiredApplicants[0]!;
    await syncNow(page);
    const expiredLine = page.locator('[data-testid="sync-changes"] li', { hasText: expired });
    await expect(expiredLine.innerText()).resolves.toMatch(/status · .*pending → expired/);

    await page.locator('[data-testid="lang-switch"] button[data-lang="zh"]').click();
    try {
      await expect(headers()).resolves.toEqual(['账号', 'AppID', '名称', '状态', '申请时间（UTC+8）', '备注']);
      expect(await expiredLine.innerText()).toMatch(/状态变化 · .*申请中 → 已超时/);
      const newLine = await page.locator('[data-testid="sync-changes"] li[data-kind="new"]').first().innerText();
      expect(newLine).toMatch(/新增 · .*申请中$/);
      expect(await page.getByTestId('sync-lists').innerText()).toMatch(/申请中 \d+/);
      expect(await page.locator('[data-testid="sync-entries"] tbody .status').first().innerText()).toMatch(/^[\u4e00-\u9fff]+$/);
      // Everything but the messages themselves (they are what was sent, in both languages).
      for (const part of ['sync-lists', 'sync-changes', 'sync-entries']) {
        const text = await page.getByTestId(part).innerText();
        expect({ part, english: ENGLISH_STATUS.exec(text)?.[0] ?? null }).toEqual({ part, english: null });
      }
      const panel = await page.getByTestId('sync-panel').innerText();
      expect(panel).not.toMatch(UNTRANSLATED_KEY);
      expect(panel).toContain('再显示'); // the "show more" control, too
    } finally {
      await page.locator('[data-testid="lang-switch"] button[data-lang="en"]').click();
    }
  });

  test('the long parts show their latest 10 and "show more" pages through them, kept across a re-render; no sideways scroll from 360 px', async () => {
    // Enough platform steps for more than 10 changes and notifications (a step tells admins of both lists).
    for (let i = 0; i < 2; i++) {
      session.emulator.evolve.step();
      await syncNow(page);
    }
    const view = await (await fetch(`${session.cloud.url}/api/sync`)).json() as { changes: unknown[]; entries: { rows: unknown[] }; notifications: { wecom: unknown[]; subscribe: unknown[] } };
    const totals = {
      changes: view.changes.length,
      notifications: view.notifications.wecom.length + view.notifications.subscribe.length,
      entries: view.entries.rows.length,
    };
    expect(Math.min(...Object.values(totals))).toBeGreaterThan(PAGE);
    const items = {
      changes: page.locator('[data-testid="sync-changes"] li'),
      notifications: page.locator('[data-testid="sync-notifications"] details'),
      entries: page.locator('[data-testid="sync-entries"] tbody tr'),
    };
    for (const part of ['changes', 'notifications', 'entries'] as const) {
      const more = page.getByTestId(`sync-more-${part}`);
      await expect(items[part].count()).resolves.toBe(PAGE);
      expect(await more.innerText()).toBe(`Show ${Math.min(PAGE, totals[part] - PAGE)} more (${PAGE} of ${totals[part]} shown)`);
      await more.click();
      await expect(items[part].count()).resolves.toBe(Math.min(2 * PAGE, totals[part]));
    }
    // The newest first (each line starts with its time).
    const times = (await items.changes.allInnerTexts()).map((line) => line.slice(0, 19));
    expect(times).toEqual([...times].sort().reverse());

    // Another sync re-renders the panel: what was opened stays open.
    session.emulator.evolve.step();
    await syncNow(page);
    await expect(items.entries.count()).resolves.toBe(Math.min(2 * PAGE, totals.entries));
    await expect(items.changes.count()).resolves.toBe(2 * PAGE);

    // Opened to the end, the control folds the part back to 10.
    const more = page.getByTestId('sync-more-entries');
    while ((await more.getAttribute('data-expanded')) === 'false') await more.click();
    await expect(items.entries.count()).resolves.toBe(totals.entries);
    expect(await more.innerText()).toBe('Show fewer');
    await more.click();
    await expect(items.entries.count()).resolves.toBe(PAGE);
    await more.click(); // leave some opened for the widths below

    await page.locator('[data-testid="lang-switch"] button[data-lang="zh"]').click();
    try {
      for (const width of [360, 390, 768, 1366]) {
        await page.setViewportSize({ width, height: 900 });
        expect({ width, overflow: await pageOverflow(page) }).toEqual({ width, overflow: 0 });
        if (width === 390) await keepScreenshot(page, SCREENSHOT.replace('.png', '-390-zh.png'));
      }
    } finally {
      await page.setViewportSize({ width: 1360, height: 1000 });
      await page.locator('[data-testid="lang-switch"] button[data-lang="en"]').click();
    }
  });

  test('a third-party platform sees each authorizer\'s lists, the revoked one named as not synced, and picks whose entries to show', async () => {
    // The open platform's pushes reach componentEvents over the HTTP access path, as in npm start.
    await authorizeSeededAccounts(session.emulator, `${session.cloud.url}/componentEvents`);
    await session.emulator.openPlatform.revoke(PLUGIN_ONLY.appid);
    await syncNow(page);
    // Each account with the half-screen set has two half-screen lists: who may open it, and whom it applied to open.
    const halfScreen = page.locator('[data-testid="sync-lists"] [data-list="embedded"][data-account="' + HALF_SCREEN_ONLY.appid + '"]');
    await expect(page.locator('[data-testid="sync-lists"] [data-list="applications"][data-account="' + HALF_SCREEN_ONLY.appid + '"]').count()).resolves.toBe(1);
    expect(await halfScreen.innerText()).toMatch(/80\d listed/); // 800, and the arrivals of the tests above
    expect(await page.getByTestId('sync-skipped').innerText()).toMatch(new RegExp(`${PLUGIN_ONLY.appid} \\(revoked`));
    await halfScreen.click();
    await page.locator('h3', { hasText: HALF_SCREEN_ONLY.appid }).waitFor({ timeout: 30_000 });
    const rows = await page.locator('[data-testid="sync-entries"] tbody tr td:first-child').allInnerTexts();
    expect(rows.length).toBe(PAGE); // a newly picked list starts at its latest 10
    expect(new Set(rows)).toEqual(new Set([HALF_SCREEN_ONLY.appid]));
    // The half-screen list's time is when the authorization was added.
    expect(await page.locator('[data-testid="sync-entries"] thead th').nth(4).innerText()).toBe('Added (UTC+8)');
    await keepScreenshot(page, SCREENSHOT.replace('.png', '-accounts.png'));
  });
});
