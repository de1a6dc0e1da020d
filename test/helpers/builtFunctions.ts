import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildFunctions } from '../../tools/buildFunctions';

const REPO = path.resolve(__dirname, '..', '..');
/** Where the shared builds live: one folder per key, inside this checkout (like the jest cache). */
const BUILDS = path.join(REPO, '.build', 'test-dist');
/** Everything `buildFunctions` reads: a change to any of it is a new key, hence a new build. */
const INPUT_DIRS = ['cloudfunctions', 'shared', 'tools', 'miniprogram'];
const INPUT_FILES = ['config.json', 'package.json', 'package-lock.json', 'project.config.json', 'tsconfig.json'];
/** A lock older than this was left by a run that died mid-build. */
const STALE_LOCK_MS = 3 * 60_000;
/** Other keys' builds older than this are removed when a new one is made. */
const OLD_BUILD_MS = 60 * 60_000;

let built: Promise<string> | undefined;

/**
 * The real functions as `npm run build` lays them out (`<dist>/functions/<name>/index.js` with
 * the SDK beside it, `cloudbaserc.json`, `miniprogram/`), built once per test run and shared by
 * every test file that needs them: the first caller builds (other workers wait for it), later
 * callers get the same folder. Returns the dist folder, to be read, never changed (pass it as
 * `distDir` to startLocalCloud).
 *
 * The build is keyed by the content of every file the build reads (the sources, the build code,
 * config.json, the lock file): a build of other sources is never used, and an unchanged checkout
 * reuses the last one across runs.
 */
export function builtFunctions(): Promise<string> {
  built ??= buildOnce();
  return built;
}

/** The key of the sources under `root`: a hash of every input file's path and content. */
export function buildKey(root = REPO): string {
  const hash = createHash('sha256');
  const add = (file: string) => {
    hash.update(path.relative(root, file));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  };
  for (const dir of INPUT_DIRS) for (const file of filesUnder(path.join(root, dir))) add(file);
  for (const name of INPUT_FILES) if (existsSync(path.join(root, name))) add(path.join(root, name));
  return hash.digest('hex').slice(0, 16);
}

async function buildOnce(): Promise<string> {
  const key = buildKey();
  const done = path.join(BUILDS, key);
  const dist = path.join(done, 'dist');
  mkdirSync(BUILDS, { recursive: true });
  const lock = `${done}.lock`;
  for (;;) {
    if (existsSync(dist)) return dist;
    if (takeLock(lock)) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  try {
    if (existsSync(dist)) return dist;
    // Built beside and renamed into place: a reader never sees half a build.
    const partial = `${done}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    await buildFunctions(REPO, path.join(partial, 'dist'));
    renameSync(partial, done);
    removeOldBuilds(key);
    return dist;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** mkdir is atomic: whoever creates the lock builds. A lock left by a dead run is taken over. */
function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
    if (since !== undefined && Date.now() - since > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

function removeOldBuilds(current: string): void {
  for (const name of readdirSync(BUILDS)) {
    if (name === current || name.endsWith('.lock')) continue;
    const dir = path.join(BUILDS, name);
    const age = Date.now() - (statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > OLD_BUILD_MS) rmSync(dir, { recursive: true, force: true });
  }
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...filesUnder(full));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}
