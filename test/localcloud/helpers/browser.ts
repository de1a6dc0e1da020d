import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/**
 * Debian's headless shell (package chromium-headless-shell: Chromium's renderer without the
 * browser around it, what Playwright itself runs headless) when installed: a launch and a page
 * cost it about 40 % of the CPU the full browser takes. The full browser (package chromium)
 * otherwise.
 */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const FULL_BROWSER = '/usr/bin/chromium';
export const CHROMIUM = existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_BROWSER;
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Browser tests run unless SKIP_BROWSER_TESTS=1; without Chromium they fail and say what to install. */
export const skipBrowserTests = process.env.SKIP_BROWSER_TESTS === '1';

export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's Chromium headless shell (sudo apt-get install chromium-headless-shell) to run the console tests, ` +
        'or set SKIP_BROWSER_TESTS=1 to skip them.',
    );
  }
}

export interface BrowserOptions {
  /** The browser's language (navigator.language, Accept-Language); English unless given. */
  locale?: string;
}

let shared: Promise<Browser> | undefined;

/**
 * One headless Chromium per test file, started on first use: each session gets its own context
 * (fresh storage, its own language), which costs a fraction of starting the browser. It is
 * closed after the file's last test (the hook below is registered when a test file imports
 * this module, at the top level of that file).
 */
function browserOfThisFile(): Promise<Browser> {
  shared ??= chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  return shared;
}

if (typeof afterAll === 'function') {
  afterAll(async () => {
    const browser = await shared?.catch(() => undefined);
    shared = undefined;
    await browser?.close();
  });
}

/** A fresh browser context (the file's Chromium, a new profile), closed again by close(). */
export async function launchBrowser(options: BrowserOptions = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  requireChromium();
  const browser = await browserOfThisFile();
  const context = await browser.newContext({ viewport: { width: 1360, height: 1000 }, locale: options.locale ?? 'en-US' });
  return { context, close: () => context.close() };
}

/**
 * Pictures of the page for a person to look at (written under .build/), taken only when
 * SCREENSHOTS=1: the tests assert on what the page holds, never on a picture, and the dozen
 * full-page pictures of a run cost Chromium about 6 s of CPU and the run about 5 s.
 */
export const takeScreenshots = process.env.SCREENSHOTS === '1';

export async function keepScreenshot(target: { screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown> }, file: string, options: { fullPage?: boolean } = { fullPage: true }): Promise<void> {
  if (!takeScreenshots) return;
  mkdirSync(path.dirname(file), { recursive: true });
  await target.screenshot({ path: file, ...options });
}
