import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The emulator (and the local cloud built on it) is an independent model of the platform: it must
 * not import the shipped shared/ module, or it would agree with our own bugs. Shipped code
 * (shared/, cloudfunctions/) must never import the emulator or the local cloud.
 */
const ROOT = path.resolve(__dirname, '..');

function tsFiles(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  try {
    statSync(abs);
  } catch {
    return [];
  }
  return readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|js)$/.test(f))
    .map((f) => path.join(abs, f));
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1] as string);
  return specs.filter((s) => s.startsWith('.')).map((s) => path.relative(ROOT, path.resolve(path.dirname(file), s)));
}

describe('module boundaries', () => {
  it.each(['emulator', 'localcloud'])('%s/ never imports shared/ or cloudfunctions/', (dir) => {
    const files = tsFiles(dir);
    if (dir === 'emulator') expect(files.length).toBeGreaterThan(10);
    const offending = files.flatMap((f) => importsOf(f).filter((i) => /^(shared|cloudfunctions)(\/|$)/.test(i)).map((i) => `${path.relative(ROOT, f)} -> ${i}`));
    expect(offending).toEqual([]);
  });

  it('shipped code never imports the emulator, the local cloud, scripts or tests', () => {
    const files = [...tsFiles('shared'), ...tsFiles('cloudfunctions')];
    expect(files.length).toBeGreaterThan(20);
    const offending = files.flatMap((f) => importsOf(f).filter((i) => /^(emulator|localcloud|scripts|test|bench)(\/|$)/.test(i)).map((i) => `${path.relative(ROOT, f)} -> ${i}`));
    expect(offending).toEqual([]);
  });

  it('each function entry file only wires shared parts together', () => {
    for (const name of readdirSync(path.join(ROOT, 'cloudfunctions'))) {
      const text = readFileSync(path.join(ROOT, 'cloudfunctions', name, 'index.ts'), 'utf8');
      expect(text.split('\n').length).toBeLessThan(20);
      expect(importsOf(path.join(ROOT, 'cloudfunctions', name, 'index.ts')).every((i) => i.startsWith('shared/'))).toBe(true);
    }
  });
});
