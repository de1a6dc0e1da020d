import { existsSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';

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

/** `require('./catalog')` of a listed module, not kept in index.js, becomes `require('./errorCatalog.js')`. */
function besideIndex(root: string, keptInIndex: ReadonlySet<string>): Plugin {
  return {
    name: 'first-use-files',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
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

export interface FirstUseBuild {
  index: Metafile;
  /** The files written beside index.js, by name, with what each holds. */
  files: Record<string, Metafile>;
}

/**
 * index.js of one function, and the first-use files it asks for. Two passes at most: the first
 * learns which listed modules index.js imports anyway (those stay in it, undivided).
 */
export async function buildWithFirstUseFiles(options: BuildOptions & { entry: string; root: string; outDir: string }): Promise<FirstUseBuild> {
  const { entry, root, outDir, ...common } = options;
  const rel = (file: string) => path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
  const kept = new Set<string>();
  for (;;) {
    const index = await build({
      ...common,
      absWorkingDir: root,
      metafile: true,
      entryPoints: [entry],
      outfile: path.join(outDir, 'index.js'),
      plugins: [...(common.plugins ?? []), besideIndex(root, kept)],
    });
    const inputs = Object.keys(index.metafile!.inputs).map(rel);
    const importedAnyway = inputs.filter((f) => FIRST_USE_FILES[f] && !kept.has(f));
    const asked = Object.entries(FIRST_USE_FILES).filter(([module]) => !kept.has(module));
    if (importedAnyway.length === 0) {
      const output = Object.entries(index.metafile!.outputs).find(([file]) => file.endsWith('index.js'))![1];
      const wanted = asked.filter(([, out]) => output.imports.some((i) => i.external && i.path === `./${out}`));
      const files: Record<string, Metafile> = {};
      for (const [module, out] of wanted) {
        const file = await build({
          ...common,
          absWorkingDir: root,
          metafile: true,
          entryPoints: [path.join(root, module)],
          outfile: path.join(outDir, out),
          plugins: [...(common.plugins ?? []), besideIndex(root, kept)],
        });
        files[out] = file.metafile!;
      }
      return { index: index.metafile!, files };
    }
    for (const f of importedAnyway) kept.add(f);
  }
}
