import path from 'node:path';
import type { Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../../emulator';
import { startLocalCloud, type LocalCloud } from '../../localcloud';
import { launchBrowser, skipBrowserTests } from './helpers/browser';
import { buildIntoTempDist, REPO } from './helpers/builtRoot';

// The console's sync panel as an admin uses it: sync, let the platform move on, sync again,
// see the new applicant and the robot message it caused. Waits are on what the page shows.

const describeBrowser = skipBrowserTests ? describe.skip : describe;
const SCREENSHOT = path.join(REPO, '.build', 'console-sync.png');

describeBrowser('the console sync panel', () => {
  let emulator: Emulator;
  let cloud: LocalCloud;
  let built: Awaited<ReturnType<typeof buildIntoTempDist>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;

  beforeAll(async () => {
    built = await buildIntoTempDist();
    emulator = await startEmulator({ applicantCount: 1200, embeddedCount: 800 });
    cloud = await startLocalCloud({ emulator, root: REPO, distDir: built.distDir });
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(`${cloud.url}/`);
    await page.waitForSelector('[data-testid="sync-panel"]');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await cloud?.close();
    await emulator?.close();
    built?.remove();
  });

  test('Sync now stores the lists (counts over the whole list), then finds a new applicant and shows the robot message', async () => {
    await expect(page.getByTestId('sync-last').innerText()).resolves.toMatch(/No sync has run yet|尚未同步/);
    await page.getByTestId('sync-now').click();
    await page.locator('[data-testid="sync-lists"]', { hasText: '1200' }).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('sync-lists').innerText()).toMatch(/800/);

    const [step] = emulator.evolve.step();
    await page.getByTestId('sync-now').click();
    const appid = step!.newApplicants[0]!;
    await page.locator('[data-testid="sync-changes"] li', { hasText: appid }).waitFor({ timeout: 60_000 });
    expect(emulator.outbound.wecom.map((m) => m.content).join('\n')).toContain(appid);
    for (const summary of await page.locator('[data-testid="sync-notifications"] details summary').all()) await summary.click();
    expect(await page.getByTestId('sync-notifications').textContent()).toContain(appid);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });
});
