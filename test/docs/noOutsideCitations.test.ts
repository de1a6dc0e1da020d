import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { anchors, read, ROOT } from './markdown';

/**
 * What the code relies on about WeChat and CloudBase is written in the repository's own pages
 * (docs/platform/, docs/*.md), and comments cite those (docs/development.md, "Documentation").
 * A comment, test name or page that sends the reader to a document outside the repository (the
 * platform notes and the two API documents the project started from, a folder beside the
 * repository) or to an issue number leaves the reader with nothing to open; this test finds
 * every one, naming file:line, in every tracked (or new, not ignored) .ts, .js, .json and .md
 * file. It also checks that every docs/….md path a code file cites exists, and that a section
 * heading quoted right after such a path is one of that page's headings.
 *
 * The forbidden names are assembled from pieces so that this file does not contain them and
 * does not trip its own check.
 */
const OUTSIDE_NOTES = ['platform', 'notes'].join('-');
const API_DOCUMENTS = [['000', '9eef'].join('_'), ['002', '75be'].join('_')];
const SIBLING_FOLDER = ['..', 'shared', 'docs'].join('/');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const FORBIDDEN: ReadonlyArray<readonly [string, RegExp]> = [
  // Also across a wrapped comment line ("issue" at the end of one line, "* 11" on the next).
  ['an issue number', new RegExp(['\\bissues?', '(?:\\s|\\*|//)*#?[0-9]+\\b'].join(''), 'i')],
  ['the outside platform notes', new RegExp(escape(OUTSIDE_NOTES), 'i')],
  ['an outside API document', new RegExp(API_DOCUMENTS.map(escape).join('|'), 'i')],
  ['a folder outside the repository', new RegExp(escape(SIBLING_FOLDER), 'i')],
];
/** In Markdown, GitHub also links `#12` to an issue. */
const MARKDOWN_ISSUE_REF: readonly [string, RegExp] = ['an issue reference', /(^|[\s(])#\d+\b/];

const CHECKED = /\.(ts|js|mjs|cjs|json|md)$/;
const SKIPPED_DIRS = new Set(['node_modules', '.build', 'dist', '.git', 'coverage']);

/** Tracked files and new ones git does not ignore; without git, a walk of the tree. */
function repositoryFiles(): string[] {
  let listed: string[];
  try {
    listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      .split('\0')
      .filter(Boolean);
  } catch {
    listed = walk('');
  }
  return [...new Set(listed)]
    .filter((file) => CHECKED.test(file) && path.posix.basename(file) !== 'package-lock.json')
    .filter((file) => !file.split('/').some((part) => SKIPPED_DIRS.has(part)))
    .filter((file) => existsSync(path.join(ROOT, file)) && statSync(path.join(ROOT, file)).isFile())
    .sort();
}

function walk(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED_DIRS.has(entry.name)) return [];
    const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
    return entry.isDirectory() ? walk(rel) : [rel];
  });
}

const files = repositoryFiles();
const codeFiles = files.filter((file) => /\.(ts|js|mjs|cjs)$/.test(file));

describe('no comment, test name or page cites a document outside the repository or an issue', () => {
  it('reads the whole repository', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/platform/tokens.md', 'shared/errors/catalog.ts', 'config.json', 'test/docs/noOutsideCitations.test.ts']));
    expect(files.length).toBeGreaterThan(300);
    expect(files.some((file) => file.includes('node_modules/'))).toBe(false);
  });

  it('finds no outside document and no issue number in any .ts, .js, .json or .md file', () => {
    const found: string[] = [];
    for (const file of files) {
      const patterns = file.endsWith('.md') ? [...FORBIDDEN, MARKDOWN_ISSUE_REF] : FORBIDDEN;
      const text = read(file);
      for (const [what, pattern] of patterns) {
        for (const match of text.matchAll(new RegExp(pattern.source, `${pattern.flags}gm`))) {
          const line = text.slice(0, match.index).split('\n').length;
          found.push(`${file}:${line}: ${what}: "${match[0].trim().replace(/\s+/g, ' ')}"`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('would catch each kind of citation it forbids', () => {
    // The issue samples are built from pieces too, so that this file's own lines stay clean.
    const issue = (words: string, number: string) => `${words} ${number}`;
    const samples = [
      `see ${OUTSIDE_NOTES}.md`, `(${API_DOCUMENTS[0]}388058d54acd.txt)`, `per ${API_DOCUMENTS[1]}91f7a4c61c42.txt`, `in ${SIBLING_FOLDER}/`,
      issue('since Issue', '11'), issue('issues', '4 and 8'), issue('issue', '#7'), issue('(issue\n   *', '11)'),
    ];
    for (const sample of samples) expect({ sample, caught: FORBIDDEN.some(([, pattern]) => pattern.test(sample)) }).toEqual({ sample, caught: true });
    for (const fine of ['error.issues names the field', '`issues` | 20, then one entry', 'tissue 5']) {
      expect({ fine, caught: FORBIDDEN.some(([, pattern]) => pattern.test(fine)) }).toEqual({ fine, caught: false });
    }
  });
});

/**
 * A docs page path as code cites it, with an optional #anchor and, right after it (`, "…"`,
 * ` ("…"` or ` "…"`), a quoted heading; comment prefixes (`*`, `//`) between the parts are allowed,
 * since a citation may wrap onto the next comment line.
 */
const GAP = String.raw`(?:\s|\*(?!\/)|\/\/)*`;
const CITATION = new RegExp(String.raw`(?<![\w./-])(docs\/[\w./-]+?\.md)(?:#([\w-]+))?(?:` + GAP + String.raw`[,(]?` + GAP + String.raw`"([^"]{1,200})")?`, 'g');

/** A quoted heading that wrapped: its line break and the next line's comment prefix become a space. */
const unwrapped = (text: string) => text.replace(/\n[ \t]*(?:\*(?!\/)|\/\/)?[ \t]*/g, ' ');

const headingText = (s: string) => unwrapped(s).replace(/`/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

function headingsOf(page: string): string[] {
  const headings: string[] = [];
  let inFence = false;
  for (const line of read(page).split('\n')) {
    if (/^\s*```/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) headings.push(headingText(heading[1]!));
  }
  return headings;
}

describe('no linter directives', () => {
  // The project runs no linter (the type checker is its lint): a directive for one would be a
  // comment that governs nothing. Built from pieces so this file does not match itself.
  const directive = new RegExp(['eslint', '-disable'].join(''));
  it('finds none in any code file', () => {
    const found = codeFiles.filter((file) => directive.test(read(file)));
    expect(found).toEqual([]);
  });
});

describe('docs pages cited in code', () => {
  it('finds the citations', () => {
    const count = codeFiles.reduce((n, file) => n + [...read(file).matchAll(CITATION)].length, 0);
    expect(count).toBeGreaterThan(100);
  });

  it('every docs/….md a code file names exists, and a heading quoted after it is one of its headings', () => {
    const broken: string[] = [];
    for (const file of codeFiles) {
      const text = read(file);
      for (const match of text.matchAll(CITATION)) {
        const [, page, anchor, quoted] = match as unknown as [string, string, string | undefined, string | undefined];
        const line = text.slice(0, match.index).split('\n').length;
        if (!existsSync(path.join(ROOT, page))) {
          broken.push(`${file}:${line}: ${page} does not exist`);
          continue;
        }
        if (anchor !== undefined && !anchors(read(page)).has(anchor)) broken.push(`${file}:${line}: ${page} has no heading #${anchor}`);
        if (quoted !== undefined) {
          const wanted = headingText(quoted);
          if (!headingsOf(page).some((heading) => heading.startsWith(wanted))) broken.push(`${file}:${line}: ${page} has no heading "${quoted}"`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
