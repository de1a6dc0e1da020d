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

  const choose = (appid: string) => page.locator(`[data-testid="authorizer"] input[value="${appid}"]`).check();

  test('lists the authorizers with their sets, writes the pick into the event, and the run acts for it', async () => {
    await page.getByTestId('function').selectOption('getOwnList');
    await page.waitForSelector('#authorizer-field[data-loaded="true"]');
    // Offered: the default and the account that granted set 18; the plugin-only one is named as not offered.
    const options = await page.locator('[data-testid="authorizer"] label').allInnerTexts();
    expect(options).toHaveLength(2);
    expect(options.find((o) => o.includes(HALF_SCREEN_ONLY.appid))).toMatch(/sets 1, 18/);
    expect(await page.getByTestId('authorizer-others').innerText()).toMatch(new RegExp(`${PLUGIN_ONLY.appid} \\(lacks set 18`));
    expect(await page.getByTestId('authorizer-note').innerText()).toMatch(/2 account\(s\) authorized this platform .*1 can act for getOwnList/);

    await choose(HALF_SCREEN_ONLY.appid);
    expect(JSON.parse(await page.getByTestId('event').inputValue())).toEqual({ start: 0, num: 10, authorizerAppid: HALF_SCREEN_ONLY.appid });
    await page.getByTestId('caller-kind').selectOption('admin');
    await run();
    expect(await page.getByTestId('errcode').innerText()).toBe('errCode 0');
    expect(await page.locator('#facts').innerText()).toContain('third-party platform (component) token');

    // An account typed into the event by hand that lacks the set: the picker says so, the function refuses.
    await page.getByTestId('event').fill(JSON.stringify({ start: 0, num: 10, authorizerAppid: PLUGIN_ONLY.appid }));
    expect(await page.getByTestId('authorizer-note').innerText()).toContain(`The event names ${PLUGIN_ONLY.appid}, which is not offered`);
    await run();
    expect(await page.getByTestId('errcode').innerText()).toContain('-910022');
    expect(await page.getByTestId('hint').isVisible()).toBe(true);

    await choose('');
    expect(JSON.parse(await page.getByTestId('event').inputValue())).toEqual({ start: 0, num: 10 });
    // Not offered for functions that take no authorizer.
    await page.getByTestId('function').selectOption('listAuthorizers');
    await page.waitForSelector('#authorizer-field', { state: 'hidden' });
    // The writes act for a named account too: offered there (with the set they need), the pick written into their event.
    await page.getByTestId('function').selectOption('setDevPluginApplyStatus');
    await page.waitForSelector('#authorizer-field', { state: 'visible' });
    await choose(PLUGIN_ONLY.appid);
    expect(JSON.parse(await page.getByTestId('event').inputValue())).toMatchObject({ authorizerAppid: PLUGIN_ONLY.appid });
  }, 120_000);
});
