import { readFileSync } from 'node:fs';
import path from 'node:path';

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
});
