import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
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
      `${CHROMIUM} is missing: install Debian's chromium (sudo apt-get install chromium) to run the console tests, ` +
        'or set SKIP_BROWSER_TESTS=1 to skip them.',
    );
  }
}

export interface BrowserOptions {
  /** The browser's language (navigator.language, Accept-Language); English unless given. */
  locale?: string;
}

/** Headless Chromium with a fresh profile, removed again by close(). */
export async function launchBrowser(options: BrowserOptions = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  requireChromium();
  const profile = mkdtempSync(path.join(os.tmpdir(), 'localcloud-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1360, height: 1000 },
      locale: options.locale ?? 'en-US',
    });
    return {
      context,
      async close() {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
