import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MINIPROGRAM } from './helpers/mountPage';

/**
 * What WeChat DevTools needs to open the app: every page app.json lists has its four files, is
 * written with Component() (a Page() page would not load in the simulator, so it would be
 * untested), and declares usingComponents as Component() pages must; the tab bar is text only;
 * every require() and wxml/wxss import names a file that exists (env.js is written by the build).
 */
const app = JSON.parse(readFileSync(path.join(MINIPROGRAM, 'app.json'), 'utf8')) as {
  pages: string[];
  tabBar?: { list: Array<{ pagePath: string; text: string; iconPath?: string }> };
};

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|wxml|wxss)$/.test(f)).map((f) => path.join(dir, f));
}

describe('the admin app as DevTools opens it', () => {
  it.each(app.pages)('%s is a complete Component() page', (page) => {
    for (const ext of ['.js', '.json', '.wxml', '.wxss']) expect(existsSync(path.join(MINIPROGRAM, `${page}${ext}`))).toBe(true);
    const js = readFileSync(path.join(MINIPROGRAM, `${page}.js`), 'utf8');
    expect(js).toMatch(/^Component\(\{/m);
    expect(js).not.toMatch(/^Page\(/m);
    expect(JSON.parse(readFileSync(path.join(MINIPROGRAM, `${page}.json`), 'utf8')).usingComponents).toEqual({});
  });

  it('has a text-only tab bar over pages app.json lists', () => {
    expect(app.tabBar!.list.map((item) => item.pagePath)).toEqual(app.pages);
    for (const item of app.tabBar!.list) {
      expect(item.text.length).toBeGreaterThan(0);
      expect(item.iconPath).toBeUndefined();
    }
  });

  it('every require and import resolves to a file of the app', () => {
    const missing: string[] = [];
    for (const file of files(MINIPROGRAM)) {
      const text = readFileSync(file, 'utf8');
      const refs = file.endsWith('.js') ? [...text.matchAll(/require\(\s*'([^']+)'\s*\)/g)]
        : file.endsWith('.wxml') ? [...text.matchAll(/<import src="([^"]+)"/g)]
          : file.endsWith('.wxss') ? [...text.matchAll(/@import "([^"]+)"/g)] : [];
      for (const [, ref] of refs) {
        const target = path.resolve(path.dirname(file), ref!);
        if (path.relative(MINIPROGRAM, target) === 'env.js') continue;
        if (!existsSync(target)) missing.push(`${path.relative(MINIPROGRAM, file)} -> ${ref}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
