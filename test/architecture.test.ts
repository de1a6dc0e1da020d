import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The layout's rules, held here so that no folder reaches up or in a circle.
 *
 * Top level: the shipped code (`shared/`, and `cloudfunctions/` wiring it) stands alone. The
 * emulator is an independent model of the platform: it imports nothing of ours, or it would agree
 * with our own bugs. `tools/` is the library the entry points share (build, deploy, settings);
 * the local cloud and the benchmarks use it from above (the benchmarks measure the built
 * functions, and a shared module or two directly); `scripts/` holds entry points only, which
 * nothing imports. Tests may import anything.
 *
 * Inside `shared/`: every folder has a place in one order, and imports only folders below it.
 * `core/` (the deadline, the invocation, the logger interface, result sizes, reading variables)
 * is at the bottom and imports nothing else of ours; the use cases and the handlers that wire
 * them are at the top.
 */
const ROOT = path.resolve(__dirname, '..');

const TOP_LEVEL_MAY_IMPORT: Record<string, readonly string[]> = {
  shared: [],
  cloudfunctions: ['shared'],
  emulator: [],
  tools: ['emulator', 'shared'],
  localcloud: ['emulator', 'tools'],
  bench: ['emulator', 'tools', 'localcloud', 'shared'],
  scripts: ['emulator', 'tools', 'localcloud', 'bench'],
};

/** Lowest first. A folder may import the folders before it, never one after it. */
const SHARED_ORDER = [
  'core',
  'secrets',
  'errors',
  'validation',
  'normalize',
  'schemas',
  'log',
  'auth',
  'cloud',
  'database',
  'transport',
  'tokens',
  'authorizers',
  'upstream',
  'audit',
  'writes',
  'sync',
  'notify',
  'pushes',
  'component',
  'usecases',
  'handler',
] as const;

function sourceFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  try {
    statSync(abs);
  } catch {
    return [];
  }
  return readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|js)$/.test(f) && !f.split(path.sep).includes('node_modules'))
    .map((f) => path.join(abs, f));
}

/** The repository-relative paths a file imports (relative specifiers only). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1] as string);
  return specs.filter((s) => s.startsWith('.')).map((s) => path.relative(ROOT, path.resolve(path.dirname(file), s)));
}

const topOf = (relative: string) => relative.split(/[\\/]/)[0] as string;
const sharedFolderOf = (relative: string) => relative.split(/[\\/]/)[1] as string;

describe('the layout', () => {
  it.each(Object.keys(TOP_LEVEL_MAY_IMPORT))('%s/ imports only the folders below it', (dir) => {
    const files = sourceFiles(dir);
    expect(files.length).toBeGreaterThan(0);
    const allowed = new Set([dir, ...(TOP_LEVEL_MAY_IMPORT[dir] ?? [])]);
    const offending = files.flatMap((f) =>
      importsOf(f)
        .filter((i) => !allowed.has(topOf(i)))
        .map((i) => `${path.relative(ROOT, f)} -> ${i}`),
    );
    expect(offending).toEqual([]);
  });

  it('nothing imports an entry point in scripts/', () => {
    const importers = Object.keys(TOP_LEVEL_MAY_IMPORT).filter((d) => d !== 'scripts').flatMap(sourceFiles);
    const offending = importers.flatMap((f) => importsOf(f).filter((i) => topOf(i) === 'scripts').map((i) => `${path.relative(ROOT, f)} -> ${i}`));
    expect(offending).toEqual([]);
  });

  it('every folder of shared/ has its place in the order', () => {
    const folders = readdirSync(path.join(ROOT, 'shared')).filter((d) => statSync(path.join(ROOT, 'shared', d)).isDirectory());
    expect(folders.filter((d) => !(SHARED_ORDER as readonly string[]).includes(d))).toEqual([]);
  });

  it('a folder of shared/ imports only folders below it in the order (no folder reaches up or in a circle)', () => {
    const rank = (folder: string) => (SHARED_ORDER as readonly string[]).indexOf(folder);
    const offending = sourceFiles('shared').flatMap((f) => {
      const from = sharedFolderOf(path.relative(ROOT, f));
      return importsOf(f)
        .filter((i) => topOf(i) === 'shared' && sharedFolderOf(i) !== from && rank(sharedFolderOf(i)) >= rank(from))
        .map((i) => `${path.relative(ROOT, f)} -> ${i}`);
    });
    expect(offending).toEqual([]);
  });

  it('each function entry file only wires shared parts together', () => {
    // Every folder is a function; a file beside them (README.md) is a note for people.
    const functions = readdirSync(path.join(ROOT, 'cloudfunctions')).filter((name) => statSync(path.join(ROOT, 'cloudfunctions', name)).isDirectory());
    expect(functions.length).toBeGreaterThan(0);
    for (const name of functions) {
      const entry = path.join(ROOT, 'cloudfunctions', name, 'index.ts');
      expect(readFileSync(entry, 'utf8').split('\n').length).toBeLessThan(20);
      expect(importsOf(entry).every((i) => i.startsWith('shared/'))).toBe(true);
    }
  });
});
