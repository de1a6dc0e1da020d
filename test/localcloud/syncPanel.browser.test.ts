import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Emulator } from '../../emulator';
import { skipBrowserTests } from './helpers/browser';
import { REPO } from './helpers/builtRoot';
import { openConsole, type ConsoleSession } from './helpers/consolePage';

// The console's sync panel as an admin uses it: sync, let the platform move on, sync again,
// see the new applicant and the robot message it caused. Waits are on what the page shows.

const describeBrowser = skipBrowserTests ? describe.skip : describe;
const SCREENSHOT = path.join(REPO, '.build', 'console-sync.png');

describeBrowser('the console sync panel', () => {
  let session: ConsoleSession;
  let emulator: Emulator;
  let page: Page;

  beforeAll(async () => {
    session = await openConsole({ emulator: { applicantCount: 1200, embeddedCount: 800 }, readySelector: '[data-testid="sync-panel"]' });
    ({ emulator, page } = session);
  }, 180_000);

  afterAll(async () => {
    await session?.close();
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
