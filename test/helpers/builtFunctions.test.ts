import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFunctionsConfig } from '../../tools/functionsConfig';
import { buildKey, builtFunctions } from './builtFunctions';

// The build every test shares: one folder per run, the real functions in it, and never the
// build of other sources.

describe('builtFunctions', () => {
  it('is one build for every caller, with each configured function as npm run build lays it out', async () => {
    const [a, b] = await Promise.all([builtFunctions(), builtFunctions()]);
    expect(a).toBe(b);
    expect(path.basename(path.dirname(a))).toBe(buildKey());
    for (const name of Object.keys(readFunctionsConfig(path.resolve(__dirname, '..', '..')).functions)) {
      for (const file of ['index.js', 'wx-server-sdk.js', 'package.json', 'config.json']) expect(existsSync(path.join(a, 'functions', name, file))).toBe(true);
    }
    expect(existsSync(path.join(a, 'cloudbaserc.json'))).toBe(true);
  }, 120_000);

  it('keys the build by every input: a changed source, build file or setting is another build', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'build-key-'));
    try {
      const write = (file: string, text: string) => {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        writeFileSync(path.join(root, file), text);
      };
      write('shared/core/a.ts', 'export const a = 1;');
      write('tools/buildFunctions.ts', '// build');
      write('config.json', '{}');
      const keys = new Set([buildKey(root)]);
      expect(buildKey(root)).toBe([...keys][0]);
      for (const [file, text] of [['shared/core/a.ts', 'export const a = 2;'], ['tools/buildFunctions.ts', '// build 2'], ['config.json', '{"envId":"x"}'], ['package-lock.json', '{}'], ['miniprogram/app.js', '']]) {
        write(file as string, text as string);
        keys.add(buildKey(root));
      }
      expect(keys.size).toBe(6);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
