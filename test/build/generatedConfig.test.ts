import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PLUGIN_DEV_APPLY_LIST } from '../../shared/upstream/descriptors';
import { builtFunctions } from '../helpers/builtFunctions';
import { readFunctionsConfig } from '../../tools/functionsConfig';

const ROOT = path.resolve(__dirname, '../..');
const config = readFunctionsConfig(ROOT);
let dist: string;

beforeAll(async () => {
  // The build every test of the run shares (built once, keyed by the sources): read only.
  dist = await builtFunctions();
}, 120_000);

const json = (...parts: string[]) => JSON.parse(readFileSync(path.join(...parts), 'utf8'));

describe('generated configuration agrees with the top-level config.json', () => {
  it('there is one source function and one built folder per configured function', () => {
    // The folders of cloudfunctions/ (its README.md says which folder to upload).
    const sources = readdirSync(path.join(ROOT, 'cloudfunctions'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(sources.sort()).toEqual(Object.keys(config.functions).sort());
    expect(readdirSync(path.join(dist, 'functions')).sort()).toEqual(Object.keys(config.functions).sort());
  });

  it.each(Object.keys(config.functions))('%s/config.json holds exactly its permissions and trigger', (name) => {
    const fn = config.functions[name]!;
    expect(json(dist, 'functions', name, 'config.json')).toEqual({
      permissions: { openapi: fn.permissions.openapi },
      ...(fn.triggers.length ? { triggers: fn.triggers } : {}),
    });
  });

  it('declares the open API the cloud path calls (else -604101 at run time)', () => {
    expect(config.functions.getPluginDevApplyList?.permissions.openapi).toContain(PLUGIN_DEV_APPLY_LIST.cloudApi);
    expect(config.functions.getOwnList?.permissions.openapi).toEqual([]);
  });

  it('cloudbaserc.json lists every function with its runtime, timeout, memory and variables, never a value', () => {
    const rc = json(dist, 'cloudbaserc.json');
    expect(rc.functionRoot).toBe('./functions');
    // The top-level envId is the default environment; npm run deploy's -e <ENV_ID> wins over it.
    expect(rc.envId).toBe(config.envId);
    expect(rc.functions.map((f: { name: string }) => f.name)).toEqual(Object.keys(config.functions));
    for (const f of rc.functions) {
      const fn = config.functions[f.name]!;
      expect(f).toMatchObject({ handler: 'index.main', runtime: config.runtime, timeout: fn.timeout, memorySize: fn.memorySize, installDependency: false });
      expect(Object.keys(f.envVariables)).toEqual(fn.envVariables);
      for (const [k, v] of Object.entries(f.envVariables)) expect(v).toBe(`{{env.${k}}}`);
    }
  });

  it('every variable the shared code reads is declared for the functions that run that code, and docs/configuration.md documents it', () => {
    const readme = readFileSync(path.join(ROOT, 'docs', 'configuration.md'), 'utf8');
    const files = readdirSync(path.join(ROOT, 'shared'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    // shared/sync and shared/notify run only in syncLists; everything else in every function.
    const syncOnly = (f: string) => /^(sync|notify)[\\/]/.test(f);
    const varsIn = (list: string[]) => {
      const text = list.map((f) => readFileSync(path.join(ROOT, 'shared', f), 'utf8')).join('\n');
      return new Set([
        ...[...text.matchAll(/env(?:\.|\[')([A-Z][A-Z0-9_]+)/g)].map((m) => m[1] as string),
        // shared/core/envValue.ts: the one reader of configured variables
        ...[...text.matchAll(/env(?:Value|List)\([\w.]+, '([A-Z][A-Z0-9_]+)'\)/g)].map((m) => m[1] as string),
      ]);
    };
    const tokenConfig = readFileSync(path.join(ROOT, 'shared/tokens/tokenConfig.ts'), 'utf8');
    const everywhere = new Set([
      ...varsIn(files.filter((f) => !syncOnly(f))),
      // tokenConfig.ts reads its variables by name from lists
      ...[...tokenConfig.matchAll(/'([A-Z][A-Z0-9]+_[A-Z0-9_]+|APPID|APPSECRET)'/g)].map((m) => m[1] as string),
    ]);
    const syncVars = varsIn(files.filter(syncOnly));
    const platformSet = new Set(['WX_CONTEXT_KEYS', 'TCB_ENV', 'SCF_NAMESPACE', 'TCB_SOURCE']);
    for (const name of everywhere) {
      if (platformSet.has(name)) continue;
      // Declared by some function (componentEvents reads push settings the lists never need).
      expect(Object.entries(config.functions).filter(([, fn]) => fn.envVariables.includes(name)).map(([fn]) => fn)).not.toEqual([]);
      expect(readme).toContain(`\`${name}\``);
    }
    for (const name of syncVars) {
      expect(config.functions.syncLists?.envVariables).toContain(name);
      expect(readme).toContain(`\`${name}\``);
    }
    expect(everywhere.size).toBeGreaterThan(10);
    expect(syncVars.size).toBeGreaterThan(3);
  });

  it('syncLists runs every 10 minutes (7-field cron) and may send subscribe messages', () => {
    expect(config.functions.syncLists?.triggers).toEqual([{ name: 'syncEvery10Minutes', type: 'timer', config: '0 */10 * * * * *' }]);
    expect(config.functions.syncLists?.permissions.openapi).toEqual(expect.arrayContaining(['subscribeMessage.send', PLUGIN_DEV_APPLY_LIST.cloudApi]));
  });

  it('project.config.json points WeChat DevTools at the built folders', () => {
    expect(json(ROOT, 'project.config.json').cloudfunctionRoot).toBe('dist/functions/');
    expect(json(ROOT, 'project.config.json').miniprogramRoot).toBe('dist/miniprogram/');
  });

  it('the built admin Mini Program is complete: app.json, every page it lists, and env.js from config.json envId', () => {
    const app = json(dist, 'miniprogram', 'app.json') as { pages: string[]; sitemapLocation?: string };
    expect(app.pages.length).toBeGreaterThan(0);
    for (const page of app.pages) for (const ext of ['.js', '.json', '.wxml', '.wxss']) expect(existsSync(path.join(dist, 'miniprogram', `${page}${ext}`))).toBe(true);
    expect(existsSync(path.join(dist, 'miniprogram', 'app.js'))).toBe(true);
    if (app.sitemapLocation) expect(existsSync(path.join(dist, 'miniprogram', app.sitemapLocation))).toBe(true);
    // Required by path: the build wrote it during this test.
    const { envId } = require(path.join(dist, 'miniprogram', 'env.js')) as { envId: string | null };
    expect(envId).toBe(config.envId === 'your-env-id' ? null : config.envId);
  });
});

describe('deploy.env.example', () => {
  it('names every variable a function reads, so a deploy can set each (a deploy overwrites them all)', () => {
    const config = readFunctionsConfig(ROOT);
    const example = readFileSync(path.join(ROOT, 'deploy.env.example'), 'utf8');
    const named = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] as string));
    const read = new Set(Object.values(config.functions).flatMap((fn) => fn.envVariables));
    for (const name of read) expect({ name, named: named.has(name) }).toEqual({ name, named: true });
  });
});
