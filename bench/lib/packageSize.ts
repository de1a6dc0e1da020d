import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Bytes on disk of a package and everything it depends on, as Node would resolve them from
 * `root`: what the reference loads from `node_modules`. Walking the dependency tree (not a list
 * of scopes) keeps development packages that share a scope, such as the CloudBase CLI under
 * `@cloudbase/`, out of the figure.
 */
export function packageClosure(root: string, name: string): { packages: number; bytes: number } {
  const seen = new Set<string>();
  let total = 0;
  const visit = (pkg: string, fromDir: string) => {
    const dir = resolvePackageDir(pkg, fromDir);
    if (!dir || seen.has(dir)) return;
    seen.add(dir);
    total += filesBytes(dir);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir);
  };
  visit(name, root);
  return { packages: seen.size, bytes: total };
}

/** node_modules/<name> in `fromDir` or the nearest folder above it that has one. */
function resolvePackageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** A package's own files: its nested node_modules are counted as the dependencies they are. */
function filesBytes(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.size;
  return readdirSync(p)
    .filter((f) => f !== 'node_modules')
    .reduce((sum, f) => sum + filesBytes(path.join(p, f)), 0);
}
