import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { codeBlocks, linkTargets, prose, read, ROOT } from './markdown';

/**
 * README.md and README.zh-CN.md are the same front door in two languages. Their prose differs;
 * what a reader acts on must not. The rule, checked below:
 *
 * 1. Functions: both name every function folder under cloudfunctions/ (as `name`).
 * 2. Commands: the command lines of their ```sh blocks (comments after ` #` removed) are the same,
 *    in the same order.
 * 3. Go-live checklist: each step is a numbered list item that starts with a marker
 *    `<!-- go-live:KEY -->`; both files have the same keys in the same order, numbered 1, 2, 3, …,
 *    and each step names the same code spans (`…`) and links to the same pages in both languages.
 *    A new step, or a changed command in a step, must therefore be made in both files.
 */
const english = read('README.md');
const chinese = read('README.zh-CN.md');

function commands(text: string): string[] {
  return codeBlocks(text)
    .filter((b) => b.lang === 'sh')
    .flatMap((b) => b.body.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

interface Step {
  number: number;
  key: string;
  code: string[];
  links: string[];
}

function checklist(text: string): Step[] {
  const lines = prose(text).split('\n');
  const steps: Step[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = /^(\d+)\. <!-- go-live:([a-z-]+) -->/.exec(lines[i]!);
    if (!start) {
      // A marker anywhere else would be a step the rule cannot see.
      expect(lines[i]).not.toMatch(/go-live:/);
      continue;
    }
    const body = [lines[i]!];
    for (i++; i < lines.length && /^\s+\S/.test(lines[i]!); i++) body.push(lines[i]!);
    i--;
    const text = body.join('\n');
    steps.push({
      number: Number(start[1]),
      key: start[2]!,
      code: [...new Set([...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!))].sort(),
      links: [...new Set(linkTargets(text))].sort(),
    });
  }
  return steps;
}

describe('README.md and README.zh-CN.md are the same front door', () => {
  it('link to each other at the top', () => {
    expect(english.split('\n').slice(0, 5).join('\n')).toContain('[简体中文](README.zh-CN.md)');
    expect(chinese.split('\n').slice(0, 5).join('\n')).toContain('[English](README.md)');
  });

  it('name the same functions: every function folder', () => {
    const names = readdirSync(path.join(ROOT, 'cloudfunctions')).filter((name) => existsSync(path.join(ROOT, 'cloudfunctions', name, 'index.ts')));
    expect(names.length).toBeGreaterThanOrEqual(7);
    for (const name of names) expect({ name, english: english.includes(`\`${name}\``), chinese: chinese.includes(`\`${name}\``) }).toEqual({ name, english: true, chinese: true });
  });

  it('give the same commands, in the same order', () => {
    expect(commands(english)).toEqual(['npm install && npm start', 'bash .ci/run']);
    expect(commands(chinese)).toEqual(commands(english));
  });

  it('have the same go-live checklist: the same steps in the same order, each naming the same code and pages', () => {
    const en = checklist(english);
    const zh = checklist(chinese);
    expect(en.map((s) => s.key)).toEqual(['environment', 'database', 'deploy', 'devtools', 'http-access', 'open-platform']);
    expect(en.map((s) => s.number)).toEqual(en.map((_, i) => i + 1));
    expect(zh.map((s) => s.number)).toEqual(zh.map((_, i) => i + 1));
    expect(zh.map((s) => s.key)).toEqual(en.map((s) => s.key));
    for (let i = 0; i < en.length; i++) {
      expect({ step: zh[i]!.key, code: zh[i]!.code }).toEqual({ step: en[i]!.key, code: en[i]!.code });
      expect({ step: zh[i]!.key, links: zh[i]!.links }).toEqual({ step: en[i]!.key, links: en[i]!.links });
    }
    // The steps that name the deploy command and the permission refresh do so in both languages.
    expect(en.find((s) => s.key === 'deploy')!.code).toContain('npm run deploy');
    expect(en.find((s) => s.key === 'devtools')!.code).toContain('-604101');
  });
});
