import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';

/**
 * Modules a built function reads from their own file beside index.js, the first time a call needs
 * them, and the file each goes to. A cold start reads and compiles every byte of index.js, used
 * or not (docs/performance.md); these are large and only sometimes needed:
 * - the error catalog's texts (every code in two languages): a call that succeeds never builds an
 *   error;
 * - zod and the zod side of the declared shapes: the usual event and page pass the quick checks
 *   (shared/validation/shape.ts), so zod is built only for a value they leave to it.
 *
 * The source reaches such a module with `require()` inside a function, never with `import`
 * (shared/errors/WxError.ts, shared/validation/shape.ts); only that call goes to the file. Each
 * file is bundled on its own, so a module it shares with index.js exists twice: only modules
 * whose own imports hold no state (no cache, no class another file tests with instanceof) may be
 * listed. When a function imports a listed module anyway (the write functions build zod schemas
 * of their own), the module stays in its index.js and no file is written for it.
 */
export const FIRST_USE_FILES: Readonly<Record<string, string>> = {
  'shared/errors/catalog.ts': 'errorCatalog.js',
  'shared/validation/shapeSchema.ts': 'zodSchemas.js',
};

const EXTENSIONS = ['.ts', '/index.ts', '.js', ''];

function resolveSource(resolveDir: string, request: string): string | undefined {
  const base = path.resolve(resolveDir, request);
  for (const ext of EXTENSIONS) if (existsSync(base + ext) && !base.endsWith('/')) return base + ext;
  return undefined;
}

/** The last path segment of each listed module, without .ts: the only requests besideIndex must look at. */
const LISTED_NAMES = Object.keys(FIRST_USE_FILES).map((module) => path.posix.basename(module, '.ts'));
/**
 * Relative requests ending in a listed module's name. esbuild calls a plugin (in this process,
 * over a pipe) for every request its filter matches; a filter matching every relative import
 * made the build several times slower.
 */
const LISTED_REQUEST = new RegExp(`^\\.\\.?/(?:.*/)?(?:${LISTED_NAMES.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?:\\.ts)?$`);

/** `require('./catalog')` of a listed module, not kept in index.js, becomes `require('./errorCatalog.js')`. */
function besideIndex(root: string, keptInIndex: ReadonlySet<string>): Plugin {
  return {
    name: 'first-use-files',
    setup(b) {
      b.onResolve({ filter: LISTED_REQUEST }, (args) => {
        if (args.kind !== 'require-call') return undefined;
        const file = resolveSource(args.resolveDir, args.path);
        const rel = file && path.relative(root, file).split(path.sep).join('/');
        const out = rel ? FIRST_USE_FILES[rel] : undefined;
        if (!rel || !out || keptInIndex.has(rel)) return undefined;
        return { path: `./${out}`, external: true };
      });
    },
  };
}

export interface FunctionEntry {
  name: string;
  /** The function's index.ts. */
  entry: string;
}

export interface FirstUseBuild {
  /** Bytes of the function's index.js. */
  indexBytes: number;
  /** The first-use files written beside index.js, by name, with their bytes. */
  files: Record<string, number>;
}

type Options = BuildOptions & { root: string; outRoot: string; functions: readonly FunctionEntry[] };

/**
 * `<outRoot>/<name>/index.js` of every function, and beside each the first-use files it asks for.
 *
 * All functions go through one esbuild build (many entry points, each bundled on its own): the
 * sources they share (shared/, zod) are read and parsed once instead of once per function, which
 * took most of a build's time. Whether a listed module is imported anyway depends on the
 * function, so a function whose first bundle includes one is built again, with the functions of
 * the same kept modules, keeping it in index.js (a second pass at most, for the functions that
 * need it). Each first-use file is then built once per set of kept modules (its content depends on
 * nothing else) and written into every function that asks for it.
 */
export async function buildWithFirstUseFiles(options: Options): Promise<Record<string, FirstUseBuild>> {
  const { root, outRoot, functions, ...common } = options;
  const rel = (file: string) => path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
  const kept = new Map(functions.map((fn) => [fn.name, new Set<string>()]));
  const keyOf = (name: string) => [...kept.get(name)!].sort().join('|');
  const done = new Map<string, { indexBytes: number; wanted: Array<[module: string, out: string]> }>();
  let pending = [...functions];
  while (pending.length > 0) {
    // Functions keeping the same modules in index.js are built together.
    const groups = new Map<string, { keptHere: ReadonlySet<string>; group: FunctionEntry[] }>();
    for (const fn of pending) {
      const key = keyOf(fn.name);
      const entry = groups.get(key) ?? { keptHere: kept.get(fn.name)!, group: [] };
      entry.group.push(fn);
      groups.set(key, entry);
    }
    pending = [];
    for (const { keptHere, group } of groups.values()) {
      const result = await build({
        ...common,
        absWorkingDir: root,
        metafile: true,
        entryPoints: group.map((fn) => ({ in: fn.entry, out: `${fn.name}/index` })),
        outdir: outRoot,
        plugins: [...(common.plugins ?? []), besideIndex(root, keptHere)],
      });
      for (const fn of group) {
        const output = result.metafile!.outputs[rel(path.join(outRoot, fn.name, 'index.js'))];
        if (!output) throw new Error(`esbuild wrote no index.js for ${fn.name}`);
        const importedAnyway = Object.keys(output.inputs).map(rel).filter((f) => FIRST_USE_FILES[f] && !keptHere.has(f));
        if (importedAnyway.length > 0) {
          // Kept from now on: in index.js, undivided (see FIRST_USE_FILES).
          kept.set(fn.name, new Set([...keptHere, ...importedAnyway]));
          pending.push(fn);
          continue;
        }
        const wanted = Object.entries(FIRST_USE_FILES)
          .filter(([module, out]) => !keptHere.has(module) && output.imports.some((i) => i.external && i.path === `./${out}`));
        done.set(fn.name, { indexBytes: output.bytes, wanted });
      }
    }
  }
  const files = new Map(functions.map((fn) => [fn.name, {} as Record<string, number>]));
  const variants = new Map<string, { module: string; out: string; keptHere: ReadonlySet<string>; names: string[] }>();
  for (const fn of functions) {
    for (const [module, out] of done.get(fn.name)!.wanted) {
      const key = `${module}\0${keyOf(fn.name)}`;
      const variant = variants.get(key) ?? { module, out, keptHere: kept.get(fn.name)!, names: [] };
      variant.names.push(fn.name);
      variants.set(key, variant);
    }
  }
  await Promise.all(
    [...variants.values()].map(async ({ module, out, keptHere, names }) => {
      const result = await build({
        ...common,
        absWorkingDir: root,
        metafile: true,
        write: false,
        entryPoints: [path.join(root, module)],
        outfile: path.join(outRoot, out),
        plugins: [...(common.plugins ?? []), besideIndex(root, keptHere)],
      });
      // The file and what esbuild writes beside it (its licences), into each function asking for it.
      for (const name of names) {
        for (const file of result.outputFiles!) writeFileSync(path.join(outRoot, name, path.basename(file.path)), file.contents);
        files.get(name)![out] = result.outputFiles!.find((file) => file.path.endsWith('.js'))!.contents.byteLength;
      }
    }),
  );
  return Object.fromEntries(functions.map((fn) => [fn.name, { indexBytes: done.get(fn.name)!.indexBytes, files: files.get(fn.name)! }]));
}
