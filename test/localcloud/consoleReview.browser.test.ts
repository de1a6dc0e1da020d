import type { Page } from 'playwright-core';
import { skipBrowserTests } from './helpers/browser';
import { useConsole } from './helpers/consolePage';

// What a review of the console found, each as the person met it in headless Chromium: a sync's
// upstream requests made the page 100,000 px tall; componentEvents' HTTP answer was called a
// platform error; the function descriptions stayed English in Chinese; on a phone "刷新" and
// "Set mode" broke into two lines; at 1366 px the row buttons sat beyond the table's edge.

const describeBrowser = skipBrowserTests ? describe.skip : describe;

// Names of the page's world, for the functions page.evaluate runs there (no DOM types here).
declare const document: any;

const CJK = /[\u4e00-\u9fff]/;

async function pick(page: Page, fn: string): Promise<void> {
  await page.getByTestId('function').selectOption(fn);
  await page.getByTestId('example').click();
}

/** How many lines a button's text takes: its height over its line height. */
const lines = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((node: any) => {
    const style = node.ownerDocument.defaultView.getComputedStyle(node);
    const padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) + parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
    return Math.round((node.getBoundingClientRect().height - padding) / parseFloat(style.lineHeight));
  });

const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describeBrowser('the console after review (English)', () => {
  // A plugin list over one 1000-entry page, so a sync reads stored entries by a 40 KB $in query.
  const session = useConsole({ emulator: { applicantCount: 1200, embeddedCount: 60 } });
  let page: Page;
  beforeAll(() => {
    page = session.page;
  });

  test('a sync\'s long request parameters are cut to a few lines; "Show all" gives them whole', async () => {
    await page.setViewportSize({ width: 390, height: 900 });
    await pick(page, 'syncLists');
    await page.getByTestId('caller-kind').selectOption('admin');
    await session.run();
    expect(await page.getByTestId('errcode').innerText()).toBe('errCode 0');

    const heights = await page.locator('[data-testid="upstream"] .params').evaluateAll((nodes: any[]) => nodes.map((n) => n.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(5);
    expect(Math.max(...heights)).toBeLessThan(300);
    expect(await page.locator('[data-testid="upstream"]').evaluate((n: any) => n.getBoundingClientRect().height)).toBeLessThan(20_000);

    const sizes = await page.locator('[data-testid="upstream-params-more"]').evaluateAll((nodes: any[]) => nodes.map((n) => Number(/\d+/.exec(n.textContent)?.[0])));
    const n = Math.max(...sizes);
    expect(n).toBeGreaterThan(10_000);
    const at = sizes.indexOf(n);
    const params = page.locator('[data-testid="upstream-params"]').nth(at);
    await page.locator('[data-testid="upstream-params-more"]').nth(at).click();
    const shown = await params.innerText();
    expect(shown.length).toBe(n);
    expect(() => JSON.parse(shown)).not.toThrow();
    // Whole, it scrolls inside its own box.
    expect(await params.evaluate((node: any) => node.getBoundingClientRect().height)).toBeLessThan(400);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
  }, 120_000);

  test('componentEvents\' example is answered as HTTP 403 with what that means, not as a platform error', async () => {
    await pick(page, 'componentEvents');
    await session.run();
    expect(await page.getByTestId('errcode').innerText()).toBe('HTTP 403');
    expect(await page.getByTestId('errmsg').innerText()).toBe('stale timestamp');
    const hint = await page.getByTestId('hint').innerText();
    expect(hint).toContain('HTTP answer · 403');
    expect(hint).toMatch(/not an envelope/);
    expect(hint).not.toMatch(/Platform error/);
  }, 120_000);

  test('at 1366 px the applicant list fits its box: every row button can be clicked without scrolling the table', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await pick(page, 'getPluginDevApplyList');
    await page.getByTestId('caller-kind').selectOption('admin');
    await page.getByTestId('event').fill(JSON.stringify({ action: 'dev_apply_list', page: 1, num: 30 }));
    await session.run();
    const fit = await page.getByTestId('table-wrap').evaluate((wrap: any) => {
      const box = wrap.getBoundingClientRect();
      const buttons = [...wrap.querySelectorAll('td.row-actions button')].map((b: any) => b.getBoundingClientRect());
      return { scroll: wrap.scrollWidth - wrap.clientWidth, buttons: buttons.length, outside: buttons.filter((b: any) => b.right > box.right).length };
    });
    expect(fit.buttons).toBeGreaterThan(3);
    expect(fit).toEqual({ scroll: 0, buttons: fit.buttons, outside: 0 });
  }, 120_000);
});

describeBrowser('the console after review (Chinese, on a phone)', () => {
  const session = useConsole({ emulator: { applicantCount: 30, embeddedCount: 30 }, locale: 'zh-CN' });
  let page: Page;
  beforeAll(async () => {
    page = session.page;
    await page.setViewportSize({ width: 390, height: 900 });
  });

  test('every function\'s description is in Chinese', async () => {
    const names = await page.locator('[data-testid="function"] option').evaluateAll((options: any[]) => options.map((o) => o.value));
    expect(names.length).toBeGreaterThanOrEqual(7);
    for (const name of names) {
      await page.getByTestId('function').selectOption(name);
      const meta = await page.locator('#function-meta').innerText();
      expect({ name, chinese: CJK.test(meta.split('超时')[0] ?? '') }).toEqual({ name, chinese: true });
      expect(meta).not.toMatch(/\b(Lists|Keeps|Approves|Half-screen management|The open platform's)\b/);
    }
    // Back in English, config.json's own words.
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('#function-meta').innerText()).toMatch(/^[A-Z][a-z]/);
    await page.getByRole('button', { name: '中文' }).click();
  });

  test('at 390 px the authorizer picker\'s 刷新, the mode picker and 设置 keep their words on one line; no sideways scroll', async () => {
    await pick(page, 'getOwnList');
    await page.locator('#authorizer-field').waitFor();
    expect(await lines(page, '#authorizer-field button')).toBe(1);

    await page.getByTestId('caller-kind').selectOption('admin');
    await session.run();
    expect(await page.getByTestId('errcode').innerText()).toBe('errCode 0');
    expect(await lines(page, '[data-testid="mode-apply"]')).toBe(1);
    expect(await lines(page, '[data-testid="bulk-del_authorize"]')).toBe(1);
    // The chosen mode's words can be read: the select is not squeezed below its text.
    const select = await page.getByTestId('mode-select').evaluate((node: any) => node.getBoundingClientRect().width);
    expect(select).toBeGreaterThan(120);
    for (const width of [360, 390]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    }
  });
});

describeBrowser('the console after review (actions, on a phone)', () => {
  const session = useConsole({ emulator: { applicantCount: 60, embeddedCount: 30 }, locale: 'zh-CN' });
  let page: Page;
  beforeAll(async () => {
    page = session.page;
    await page.setViewportSize({ width: 390, height: 700 });
  });

  test('scrolled down to the list, the invoke card does not slide over it (sticky only in two columns)', async () => {
    await pick(page, 'getPluginDevApplyList');
    await page.getByTestId('caller-kind').selectOption('admin');
    await session.run();
    await page.getByTestId('table').scrollIntoViewIfNeeded();
    const overlap = await page.evaluate(() => {
      const card = document.querySelector('section.request').getBoundingClientRect();
      const table = document.querySelector('[data-testid="table"]').getBoundingClientRect();
      return Math.max(0, Math.min(card.bottom, table.bottom) - Math.max(card.top, table.top));
    });
    expect(overlap).toBe(0);
  });

  test('the confirmation\'s Cancel is not dressed as the action, and the outcomes are in Chinese', async () => {
    const row = page.locator('[data-testid="table"] tbody tr[data-status="pending"]:has(button[data-action="dev_agree"])').first();
    await row.locator('button[data-action="dev_agree"]').click();
    await page.waitForSelector('[data-testid="actions-confirm"][open]');
    const colours = await page.evaluate(() => ['actions-confirm-ok', 'actions-confirm-cancel'].map((id) => document.defaultView.getComputedStyle(document.getElementById(id)).backgroundColor));
    expect(colours[0]).not.toBe(colours[1]);
    const before = Number(await page.locator('body').getAttribute('data-actions'));
    await page.getByTestId('actions-confirm-ok').click();
    await page.waitForSelector(`body[data-actions="${before + 1}"]`, { timeout: 60_000 });
    const outcomes = await page.locator('[data-testid="outcome-list"] li .outcome').allInnerTexts();
    expect(outcomes).toEqual(['已改变']);
  });

  test('a mode switch\'s outcome names the mode in Chinese', async () => {
    await pick(page, 'getOwnList');
    await session.run();
    const current = await page.getByTestId('mode-select').inputValue();
    await page.getByTestId('mode-select').selectOption(current === '1' ? '2' : '1');
    await page.getByTestId('mode-apply').click();
    await page.waitForSelector('[data-testid="actions-confirm"][open]');
    const before = Number(await page.locator('body').getAttribute('data-actions'));
    await page.getByTestId('actions-confirm-ok').click();
    await page.waitForSelector(`body[data-actions="${before + 1}"]`, { timeout: 60_000 });
    const line = await page.locator('[data-testid="outcome-list"] li').first().innerText();
    expect(line).toMatch(/^授权方式 [12]\s+已改变/);
  });
});

describeBrowser('the console after review (two columns)', () => {
  const session = useConsole({ emulator: { applicantCount: 60, embeddedCount: 30 }, readySelector: '[data-testid="sync-panel"]' });

  test('at 1366 px the sticky invoke card stays in its column: scrolled to the sync panel, it is not over it', async () => {
    const page = session.page;
    await page.setViewportSize({ width: 1366, height: 700 });
    await page.getByTestId('sync-now').click();
    // The run's end (the button is back), not only its first lists: the panel re-renders while a
    // run stores them, and an element scrolled to must not be replaced under the test.
    await page.locator('[data-testid="sync-now"]:not([disabled])').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="sync-lists"]', { hasText: '60' }).waitFor({ timeout: 60_000 });
    const overlaps: number[] = [];
    for (const testId of ['sync-last', 'sync-changes']) {
      // Scrolled to and measured in one turn of the page's loop: a poll's re-render cannot come between.
      overlaps.push(await page.evaluate((id: string) => {
        document.querySelector(`[data-testid="${id}"]`).scrollIntoView({ block: 'center' });
        const card = document.querySelector('section.request').getBoundingClientRect();
        const target = document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect();
        const x = Math.max(0, Math.min(card.right, target.right) - Math.max(card.left, target.left));
        const y = Math.max(0, Math.min(card.bottom, target.bottom) - Math.max(card.top, target.top));
        return x * y;
      }, testId));
    }
    expect(overlaps).toEqual([0, 0]);
    // Still sticky beside a long answer: after a run, scrolled into the answer, the card is in view.
    await pick(page, 'getPluginDevApplyList');
    await page.getByTestId('caller-kind').selectOption('admin');
    await page.getByTestId('event').fill(JSON.stringify({ page: 1, num: 40 }));
    await session.run();
    await page.locator('[data-testid="table"] tbody tr').nth(20).scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.querySelector('section.request').getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);
  });
});
