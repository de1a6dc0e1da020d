import path from 'node:path';
import type { Page } from 'playwright-core';
import { authorizeSeededAccounts } from '../../tools/openPlatformDemo';
import { keepScreenshot, skipBrowserTests } from './helpers/browser';
import { REPO } from './helpers/builtRoot';
import { useConsole } from './helpers/consolePage';

// The console's third-party panel as an admin uses it: see the ticket's age and the accounts,
// create an authorization link, follow it to the emulated consent page and back to the redirect
// page served by componentEvents, reconcile an account whose push was lost, restart the ticket
// pushes. Waits are on what the page shows.

const describeBrowser = skipBrowserTests ? describe.skip : describe;
const SCREENSHOT = path.join(REPO, '.build', 'console-component.png');
const NEW_MERCHANT = { appid: 'wxa1b2c3d4e5f60718', nickname: '新商户小程序', funcIds: [1, 18] };
const LOST_PUSH = { appid: 'wxb1c2d3e4f5061728', nickname: '推送丢失的小程序', funcIds: [1, 40] };

/** Waits until the panel is idle again (its buttons are back). */
const idle = (page: Page) => page.locator('[data-testid="component-reconcile"]:not([disabled])').waitFor({ timeout: 60_000 });

describeBrowser('the console third-party panel', () => {
  const session = useConsole({
    emulator: { applicantCount: 20, embeddedCount: 20 },
    before: async (emulator, cloud) => {
      await authorizeSeededAccounts(emulator, `${cloud.url}/componentEvents`);
      emulator.openPlatform.addAuthorizers([NEW_MERCHANT]);
    },
    readySelector: '[data-testid="component-accounts"]',
  });
  let page: Page;
  beforeAll(() => {
    page = session.page;
  });

  test('shows how old the last ticket is and the accounts held', async () => {
    await expect(page.getByTestId('component-ticket').innerText()).resolves.toMatch(/Last ticket pushed \d+ s ago/);
    expect(await page.getByTestId('component-ticket').getAttribute('data-stale')).toBe('false');
    await expect(page.getByTestId('component-accounts').innerText()).resolves.toMatch(/4 authorized, 0 revoked/);
    await expect(page.getByTestId('component-last-reconcile').innerText()).resolves.toMatch(/No reconcile has run yet/);
  });

  test('create a link, follow it to the emulated consent page, pick an account, land on the redirect page that says it is authorized', async () => {
    await page.getByTestId('component-create-link').click();
    await page.getByTestId('component-link').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('component-pc-url').innerText()).toMatch(/^https:\/\/mp\.weixin\.qq\.com\/cgi-bin\/componentloginpage\?component_appid=/);
    const [consent] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('component-follow').click()]);
    await consent.waitForLoadState();
    await consent.getByTestId(`consent-${NEW_MERCHANT.appid}`).click();
    await consent.waitForURL(/\/componentEvents\?/, { timeout: 60_000 });
    const landed = await consent.locator('body').innerText();
    expect(landed).toContain(`Account ${NEW_MERCHANT.appid} has now authorized this third-party platform`);
    expect(landed).toContain(`账号 ${NEW_MERCHANT.appid} 已授权给本第三方平台`);
    expect(landed).not.toMatch(/queryauthcode@@@/);
    await consent.close();
    await session.emulator.openPlatform.idle();
    await page.getByTestId('component-refresh').click();
    await page.locator('[data-testid="component-accounts"]', { hasText: '5 authorized' }).waitFor({ timeout: 60_000 });
  });

  test('Reconcile adds an account whose push was lost; Restart ticket push asks WeChat once', async () => {
    session.emulator.openPlatform.addAuthorizers([LOST_PUSH], { authorized: true });
    await page.getByTestId('component-reconcile').click();
    await page.locator('[data-testid="component-note"]', { hasText: 'added 1' }).waitFor({ timeout: 60_000 });
    await idle(page);
    await expect(page.getByTestId('component-accounts').innerText()).resolves.toMatch(/6 authorized/);
    await expect(page.getByTestId('component-last-reconcile').innerText()).resolves.toMatch(/complete — added 1/);

    await page.getByTestId('component-restart').click();
    await page.locator('[data-testid="component-note"]', { hasText: 'push the ticket again' }).waitFor({ timeout: 60_000 });
    expect(session.emulator.openPlatform.ticketPushRestarts).toBe(1);
    // Nothing the panel shows carries a token or a refresh token.
    await keepScreenshot(page.getByTestId('component-panel'), SCREENSHOT, {});
    const shown = await page.getByTestId('component-panel').innerText();
    expect(shown).not.toMatch(/refreshtoken@@@|ticket@@@/);
  });

  test('in Chinese', async () => {
    await page.locator('button.lang[data-lang="zh"]').click();
    await expect(page.getByTestId('component-panel').locator('h2').innerText()).resolves.toBe('第三方平台（componentAdmin）');
    await expect(page.getByTestId('component-accounts').innerText()).resolves.toMatch(/已授权 6/);
    await page.locator('button.lang[data-lang="en"]').click();
  });
});
