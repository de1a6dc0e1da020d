import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CATALOG } from '../../shared/errors/catalog';
import { readFunctionsConfig } from '../../tools/functionsConfig';
import { codeBlocks, docFiles, read, ROOT, section } from './markdown';

const readme = read('README.md');
const files = docFiles();
const jsonBlocks = files.flatMap((file) => codeBlocks(read(file)).filter((b) => b.lang === 'json').map((b) => ({ file, body: b.body })));
const functionNames = readdirSync(path.join(ROOT, 'cloudfunctions')).filter((name) => existsSync(path.join(ROOT, 'cloudfunctions', name, 'index.ts')));

describe('README, the front door', () => {
  it('stays short: at most 400 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(400);
  });

  it('gives the two commands exactly', () => {
    const sh = codeBlocks(readme).filter((b) => b.lang === 'sh').map((b) => b.body).join('\n');
    expect(sh).toMatch(/^npm install && npm start(\s|$)/m);
    expect(sh).toMatch(/^bash \.ci\/run(\s|$)/m);
  });

  it('has a LICENSE that matches package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { license: string };
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(path.join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });

  it('documents every npm script a user runs, and the files the settings go in', () => {
    for (const script of ['npm start', 'npm run invoke', 'npm run deploy', 'npm run build', 'npm run bench', 'npm run docs']) expect(readme).toContain(script);
    for (const file of ['deploy.env', 'local.env', '`PORT`']) expect(readme).toContain(file);
  });

  it('names every function, with a link to its page', () => {
    for (const name of functionNames) expect({ name, linked: readme.includes(`[\`${name}\`](docs/functions/${name}.md)`) }).toEqual({ name, linked: true });
  });
});

describe('the documentation pages', () => {
  it('mention every npm script somewhere', () => {
    const all = files.map(read).join('\n');
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const script of Object.keys(pkg.scripts)) {
      const spelled = ['start', 'test'].includes(script) ? `npm ${script}` : `npm run ${script}`;
      expect({ script, documented: all.includes(spelled) }).toEqual({ script, documented: true });
    }
  });

  it('give examples a user can paste: every json block is valid JSON', () => {
    expect(jsonBlocks.length).toBeGreaterThan(40);
    for (const { file, body } of jsonBlocks) {
      let error = '';
      try {
        JSON.parse(body);
      } catch (e) {
        error = (e as Error).message;
      }
      expect({ file, block: body.slice(0, 80), error }).toEqual({ file, block: body.slice(0, 80), error: '' });
    }
  });

  it('show a requestId in every example envelope', () => {
    const envelopes = jsonBlocks.filter((b) => b.body.includes('"errCode"'));
    expect(envelopes.length).toBeGreaterThanOrEqual(20);
    for (const { file, body } of envelopes) expect({ file, requestId: /"requestId": "[0-9a-f-]{36}"/.test(body) }).toEqual({ file, requestId: true });
  });

  it('give every function a page with a console-test event and its answer', () => {
    for (const name of functionNames) {
      const file = `docs/functions/${name}.md`;
      expect({ file, exists: existsSync(path.join(ROOT, file)) }).toEqual({ file, exists: true });
      const consoleTest = section(read(file), /^Console test\b/);
      expect({ file, consoleTest: consoleTest !== null }).toEqual({ file, consoleTest: true });
      const blocks = codeBlocks(consoleTest!).filter((b) => b.lang === 'json').map((b) => JSON.parse(b.body) as unknown);
      // The event comes first, then the function's answer to it.
      expect({ file, blocks: blocks.length >= 2 }).toEqual({ file, blocks: true });
      expect(typeof blocks[0]).toBe('object');
      const answer = blocks[1] as Record<string, unknown>;
      expect({ file, answer: 'errCode' in answer || 'statusCode' in answer }).toEqual({ file, answer: true });
    }
  });

  // That no page sends a reader to documents outside the repository, nor names an issue number,
  // is checked for every file of the repository, these pages included, by noOutsideCitations.test.ts.

  it('have every code of the error catalog in a table row of docs/errors.md', () => {
    const errors = read('docs/errors.md');
    const codes = Object.keys(CATALOG);
    expect(codes.length).toBeGreaterThan(50);
    for (const code of codes) expect(errors).toContain(`\n| ${code} | ${CATALOG[Number(code)]!.name} |`);
  });

  it('name, for every variable in config.json, exactly the functions that read it (docs/configuration.md)', () => {
    const configuration = read('docs/configuration.md');
    const { functions } = readFunctionsConfig(ROOT);
    const all = Object.keys(functions);
    // The table's shorthands (docs/configuration.md, its opening paragraph).
    const groups: Record<string, string[]> = {
      all,
      'all but `componentEvents`': all.filter((fn) => fn !== 'componentEvents'),
      lists: ['getPluginDevApplyList', 'getOwnList'],
      writes: ['setDevPluginApplyStatus', 'manageEmbedded'],
    };
    const names = new Set(Object.values(functions).flatMap((fn) => fn.envVariables));
    for (const name of names) {
      const row = configuration.match(new RegExp(`\\n\\| \`${name}\` \\|[^|]*\\|([^|]+)\\|`));
      expect({ name, row: row !== null }).toEqual({ name, row: true });
      const readers = row![1]!.split(', ').flatMap((part) => groups[part.trim()] ?? [part.trim().replace(/`/g, '')]);
      const expected = all.filter((fn) => functions[fn]!.envVariables.includes(name));
      expect({ name, readers: [...new Set(readers)].sort() }).toEqual({ name, readers: expected.sort() });
    }
  });
});
