import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Reading the project's Markdown for the documentation tests. */
export const ROOT = path.resolve(__dirname, '..', '..');

/** The front doors and every page under docs/, as paths relative to the root. */
export function docFiles(): string[] {
  const pages = readdirSync(path.join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.posix.join('docs', f.split(path.sep).join('/')))
    .sort();
  return ['README.md', 'README.zh-CN.md', ...pages];
}

export function read(file: string): string {
  return readFileSync(path.join(ROOT, file), 'utf8');
}

export interface CodeBlock {
  lang: string;
  body: string;
  /** Index of the opening fence line. */
  line: number;
}

/** Fenced code blocks (```lang … ```), in order. */
export function codeBlocks(text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i++) body.push(lines[i]!.replace(/^ {2}/, ''));
    blocks.push({ lang: open[1] ?? '', body: body.join('\n'), line: start });
  }
  return blocks;
}

/** The text with every fenced block's lines emptied (line numbers kept), for reading prose. */
export function prose(text: string): string {
  let inFence = false;
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*```/.test(line)) {
        inFence = !inFence;
        return '';
      }
      return inFence ? '' : line;
    })
    .join('\n');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Every heading's anchor, numbered as GitHub numbers repeats (`name`, `name-1`, …). */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of prose(text).split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    out.add(count === 0 ? base : `${base}-${count}`);
  }
  return out;
}

/** Targets of inline links `[text](target)` in the prose, inline code spans left out. */
export function linkTargets(text: string): string[] {
  const withoutCode = prose(text).replace(/`[^`\n]*`/g, '``');
  return [...withoutCode.matchAll(/\[[^\]\n]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

/** The blocks between one `## heading` (matched by `title`) and the next heading of level 1 or 2. */
export function section(text: string, title: RegExp): string | null {
  const lines = text.split('\n');
  let inFence = false;
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*```/.test(lines[i]!)) inFence = !inFence;
    if (inFence) continue;
    if (start < 0 && /^##\s/.test(lines[i]!) && title.test(lines[i]!.replace(/^##\s+/, ''))) start = i;
    else if (start >= 0 && /^#{1,2}\s/.test(lines[i]!)) return lines.slice(start, i).join('\n');
  }
  return start >= 0 ? lines.slice(start).join('\n') : null;
}
