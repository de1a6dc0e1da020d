import path from 'node:path';
import type { FakeWx } from './fakeWx';

/**
 * The part of miniprogram-simulate (and the j-component tree it renders) these tests use. Its own
 * type declarations pull in the Mini Program API typings, whose globals (require, console) clash
 * with Node's in this project's single type check, so it is required untyped and described here.
 */
export interface Rendered {
  dom?: { textContent: string | null; getAttribute(name: string): string | null };
  instance: unknown;
  querySelector(selector: string): Rendered | undefined;
  querySelectorAll(selector: string): Rendered[];
  dispatchEvent(name: string, options?: Record<string, unknown>): void;
  attach(parent: unknown): void;
}
interface Simulate {
  load(componentPath: string, options: { rootPath: string }): string;
  render(id: string): Rendered;
}
// require, not import: the package ships no types that fit beside Node's (its Mini Program globals clash).
const simulate = require('miniprogram-simulate') as Simulate;
/** jsdom's document (this project's type check has no DOM library). */
const dom = (globalThis as unknown as { document: { createElement(tag: string): unknown } }).document;

/** The admin Mini Program's sources, loaded as they are shipped (the build copies them unchanged). */
export const MINIPROGRAM = path.resolve(__dirname, '../../../miniprogram');

/**
 * A page is compiled and registered once per test file: its .js runs through jest's module
 * registry, which keeps it, so loading it again would register nothing. Each test renders a new
 * instance of it.
 */
const loaded = new Map<string, string>();

/**
 * Installs the fake `wx` and mounts one page (written with Component(), which is how
 * miniprogram-simulate loads pages) as WeChat would open it: onLoad with its query, then onShow.
 * The page's own data and DOM are then the page's, rendered from its .wxml.
 */
export async function mountPage(page: string, fake: FakeWx, query: Record<string, string> = {}) {
  (globalThis as any).wx = fake.wx;
  const id = loaded.get(page) ?? simulate.load(path.join(MINIPROGRAM, 'pages', page, page), { rootPath: MINIPROGRAM });
  loaded.set(page, id);
  const comp = simulate.render(id);
  comp.attach(dom.createElement('parent-wrapper'));
  const instance = comp.instance as any;
  await instance.onLoad(query);
  await settle();
  return { comp, instance };
}

/** Lets every pending promise of the page settle (the fakes answer without timers). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

type Comp = Rendered;

/** Text of the first element matching a selector ('' when there is none). */
export function text(comp: Comp, selector: string): string {
  const found = comp.querySelector(selector);
  return found?.dom?.textContent ?? '';
}

export function texts(comp: Comp, selector: string): string[] {
  return comp.querySelectorAll(selector).map((c) => c.dom?.textContent ?? '');
}

/** Taps the first element matching a selector and lets the page finish what it started. */
export async function tap(comp: Comp, selector: string, index = 0): Promise<void> {
  const found = comp.querySelectorAll(selector)[index];
  if (!found) throw new Error(`nothing matches ${selector} [${index}]`);
  found.dispatchEvent('tap');
  await settle();
}
