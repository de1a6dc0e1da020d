import type { Page } from 'playwright-core';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../emulator';
import { startLocalCloud, type LocalCloud } from '../../../localcloud';
import { launchBrowser } from './browser';
import { buildIntoTempDist, REPO } from './builtRoot';

export interface ConsoleSession {
  emulator: Emulator;
  cloud: LocalCloud;
  page: Page;
  /** Clicks Run and waits until the page has rendered that run (body[data-run] counts them). */
  run(): Promise<void>;
  close(): Promise<void>;
}

export interface ConsoleOptions {
  emulator?: EmulatorOptions;
  /** The browser's language; English unless given. */
  locale?: string;
  /** Runs after the local cloud is up, before the page opens (e.g. pushes to componentEvents). */
  before?: (emulator: Emulator, cloud: LocalCloud) => Promise<void>;
  /** What the page shows once it is usable; the page's own ready state unless given. */
  readySelector?: string;
}

/**
 * The console as a person meets it: the real functions built into a temporary dist, a fresh
 * emulator, the local cloud serving the page, headless Chromium on it. close() undoes all of it,
 * whatever part started.
 */
export async function openConsole(options: ConsoleOptions = {}): Promise<ConsoleSession> {
  const undo: Array<() => unknown> = [];
  const close = async () => {
    for (const step of undo.reverse()) await step();
  };
  try {
    const built = await buildIntoTempDist();
    undo.push(() => built.remove());
    const emulator = await startEmulator(options.emulator);
    undo.push(() => emulator.close());
    const cloud = await startLocalCloud({ emulator, root: REPO, distDir: built.distDir });
    undo.push(() => cloud.close());
    await options.before?.(emulator, cloud);
    const browser = await launchBrowser(options.locale ? { locale: options.locale } : {});
    undo.push(() => browser.close());
    const page = await browser.context.newPage();
    await page.goto(`${cloud.url}/`);
    await page.waitForSelector(options.readySelector ?? 'body[data-state="ready"]');
    const run = async () => {
      const before = Number(await page.locator('body').getAttribute('data-run'));
      await page.getByTestId('run').click();
      await page.waitForSelector(`body[data-run="${before + 1}"]`, { timeout: 60_000 });
    };
    return { emulator, cloud, page, run, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * openConsole for a describe block: opened before its tests (with a generous timeout: it builds
 * the functions), closed after them. The returned session is usable inside tests and hooks.
 */
export function useConsole(options: ConsoleOptions = {}): ConsoleSession {
  let current: ConsoleSession | undefined;
  beforeAll(async () => {
    current = await openConsole(options);
  }, 180_000);
  afterAll(async () => {
    await current?.close();
  });
  return new Proxy({} as ConsoleSession, {
    get: (_target, key) => {
      if (!current) throw new Error('the console is used before beforeAll has opened it');
      return current[key as keyof ConsoleSession];
    },
  });
}
