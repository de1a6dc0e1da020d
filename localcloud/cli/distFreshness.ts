import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildFunctions, type BuiltFunction } from '../../tools/buildFunctions';

/** What the built functions are made from (and how): a change to any of them calls for a new build. */
const SOURCE_DIRS = ['cloudfunctions', 'shared', 'tools'];
const SOURCE_FILES = ['config.json', 'package-lock.json'];

/**
 * Why dist/ must be (re)built before running `names`, or undefined when every
 * dist/functions/<name>/index.js exists and is newer than every source.
 */
export function staleBuildReason(root: string, names: readonly string[]): string | undefined {
  let oldestBuilt = Infinity;
  for (const name of names) {
    const file = path.join(root, 'dist', 'functions', name, 'index.js');
    const built = mtimeOf(file);
    if (built === undefined) return `${path.relative(root, file)} is missing`;
    oldestBuilt = Math.min(oldestBuilt, built);
  }
  const newest = newestSource(root);
  if (newest && newest.mtime > oldestBuilt) return `${path.relative(root, newest.file)} changed after the last build`;
  return undefined;
}

/**
 * For the scripts that run the built functions (npm start, npm run invoke): builds dist/ when
 * staleBuildReason gives a reason, telling `announce` that reason first. Returns what it built,
 * or undefined when dist/ was up to date and was left as it is.
 */
export async function buildIfStale(root: string, names: readonly string[], announce: (reason: string) => void): Promise<BuiltFunction[] | undefined> {
  const stale = staleBuildReason(root, names);
  if (!stale) return undefined;
  announce(stale);
  return buildFunctions(root);
}

function newestSource(root: string): { file: string; mtime: number } | undefined {
  let newest: { file: string; mtime: number } | undefined;
  const consider = (file: string): void => {
    const mtime = mtimeOf(file);
    if (mtime !== undefined && (!newest || mtime > newest.mtime)) newest = { file, mtime };
  };
  for (const file of SOURCE_FILES) consider(path.join(root, file));
  for (const dir of SOURCE_DIRS) walk(path.join(root, dir), consider);
  return newest;
}

function walk(dir: string, visit: (file: string) => void): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, visit);
    else if (entry.isFile()) visit(full);
  }
}

function mtimeOf(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}
