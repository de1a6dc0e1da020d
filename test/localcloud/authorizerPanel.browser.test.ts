import type { Page } from 'playwright-core';
import { HALF_SCREEN_ONLY, PLUGIN_ONLY } from '../../emulator';
import { skipBrowserTests } from './helpers/browser';
import { openConsole, type ConsoleSession } from './helpers/consolePage';

// The console's authorizer picker, in headless Chromium, after the emulated open platform
// pushed two authorizations to componentEvents. Waits are on what the page shows.

const describeBrowser = skipBrowserTests ? describe.skip : describe;

describeBrowser('the console\'s authorizer picker', () => {
  let session: ConsoleSession;
  let page: Page;
  const run = () => session.run();

  beforeAll(async () => {
    session = await openConsole({
      emulator: { applicantCount: 20, embeddedCount: 30 },
      before: async (emulator, cloud) => {
        emulator.openPlatform.setPushTarget(`${cloud.url}/componentEvents`);
        await emulator.openPlatform.pushTicket();
        await emulator.openPlatform.authorize(HALF_SCREEN_ONLY.appid);
        await emulator.openPlatform.authorize(PLUGIN_ONLY.appid);
      },
    });
    page = session.page;
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  test('lists the authorizers with their sets, writes the pick into the event, and the run acts for it', async () => {
    await page.getByTestId('function').selectOption('getOwnList');
    await page.waitForSelector(`[data-testid="authorizer"] option[value="${PLUGIN_ONLY.appid}"]`, { state: 'attached' });
    const options = await page.locator('[data-testid="authorizer"] option').allInnerTexts();
    expect(options).toHaveLength(3);
    expect(options.find((o) => o.startsWith(HALF_SCREEN_ONLY.appid))).toMatch(/1, 18/);
    expect(await page.getByTestId('authorizer-note').innerText()).toMatch(/2 account/);

    await page.getByTestId('authorizer').selectOption(HALF_SCREEN_ONLY.appid);
    expect(JSON.parse(await page.getByTestId('event').inputValue())).toEqual({ start: 0, num: 10, authorizerAppid: HALF_SCREEN_ONLY.appid });
    await page.getByTestId('caller-kind').selectOption('admin');
    await run();
    expect(await page.getByTestId('errcode').innerText()).toBe('errCode 0');

    await page.getByTestId('authorizer').selectOption(PLUGIN_ONLY.appid);
    await run();
    expect(await page.getByTestId('errcode').innerText()).toContain('-910022');
    expect(await page.getByTestId('hint').isVisible()).toBe(true);

    await page.getByTestId('authorizer').selectOption('');
    expect(JSON.parse(await page.getByTestId('event').inputValue())).toEqual({ start: 0, num: 10 });
    // Not offered for functions that take no authorizer.
    await page.getByTestId('function').selectOption('listAuthorizers');
    await page.waitForSelector('#authorizer-field', { state: 'hidden' });
    // The writes act for a named account too: offered there, the pick written into their event.
    await page.getByTestId('function').selectOption('setDevPluginApplyStatus');
    await page.waitForSelector('#authorizer-field', { state: 'visible' });
    await page.getByTestId('authorizer').selectOption(PLUGIN_ONLY.appid);
    expect(JSON.parse(await page.getByTestId('event').inputValue())).toMatchObject({ authorizerAppid: PLUGIN_ONLY.appid });
  }, 120_000);
});
