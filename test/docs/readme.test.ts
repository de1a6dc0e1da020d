import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CATALOG } from '../../shared/errors/catalog';
import { readFunctionsConfig } from '../../tools/functionsConfig';

const ROOT = path.resolve(__dirname, '..', '..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('shows a requestId in every example envelope', () => {
    const envelopes = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] as string).filter((block) => block.includes('"errCode"'));
    expect(envelopes.length).toBeGreaterThanOrEqual(3);
    for (const block of envelopes) expect(block).toMatch(/"requestId": "[0-9a-f-]{36}"/);
  });

  it('never sends a reader to documents outside the repository', () => {
    expect(readme).not.toMatch(/\.\.\/shared\b/);
  });

  it('has a LICENSE that matches package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { license: string };
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(path.join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });

  it('documents every npm script a user runs, and the files the settings go in', () => {
    for (const script of ['npm start', 'npm run invoke', 'npm run deploy', 'npm run build', 'npm run bench']) expect(readme).toContain(script);
    for (const file of ['deploy.env', 'local.env', '`PORT`']) expect(readme).toContain(file);
  });

  it('gives examples a user can paste: every json block is valid JSON', () => {
    const blocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    expect(blocks.length).toBeGreaterThan(10);
    for (const block of blocks) expect(() => JSON.parse(block)).not.toThrow();
  });

  it('has every code of the error catalog in a table row (of the README or a docs/ page)', () => {
    const docsDir = path.join(ROOT, 'docs');
    const pages = existsSync(docsDir) ? readdirSync(docsDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')) : [];
    const documented = [readme, ...pages.map((f) => readFileSync(path.join(docsDir, f), 'utf8'))].join('\n');
    const codes = Object.keys(CATALOG);
    expect(codes.length).toBeGreaterThan(50);
    for (const code of codes) expect(documented).toContain(`\n| ${code} | ${CATALOG[Number(code)]!.name} |`);
  });

  it('names, for every variable in config.json, exactly the functions that read it', () => {
    const { functions } = readFunctionsConfig(ROOT);
    const all = Object.keys(functions);
    // The table's shorthands (README, "Environment variables").
    const groups: Record<string, string[]> = {
      all,
      'all but `componentEvents`': all.filter((fn) => fn !== 'componentEvents'),
      lists: ['getPluginDevApplyList', 'getOwnList'],
      writes: ['setDevPluginApplyStatus', 'manageEmbedded'],
    };
    const names = new Set(Object.values(functions).flatMap((fn) => fn.envVariables));
    for (const name of names) {
      const row = readme.match(new RegExp(`\\n\\| \`${name}\` \\|[^|]*\\|([^|]+)\\|`));
      expect({ name, row: row !== null }).toEqual({ name, row: true });
      const readers = row![1]!.split(', ').flatMap((part) => groups[part.trim()] ?? [part.trim().replace(/`/g, '')]);
      const expected = all.filter((fn) => functions[fn]!.envVariables.includes(name));
      expect({ name, readers: [...new Set(readers)].sort() }).toEqual({ name, readers: expected.sort() });
    }
  });
});
