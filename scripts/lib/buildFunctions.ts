import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { readFunctionsConfig, type FunctionConfig, type FunctionsConfig } from './functionsConfig';

export const FUNCTIONS_OUT = path.join('dist', 'functions');

/** What each built function's own config.json holds: exactly its permissions and trigger. */
export function functionConfigJson(fn: FunctionConfig): Record<string, unknown> {
  return { permissions: { openapi: fn.permissions.openapi }, ...(fn.triggers.length > 0 ? { triggers: fn.triggers } : {}) };
}

/**
 * cloudbaserc.json for `tcb fn deploy` (platform-notes.md, "Function configuration"). A deploy
 * overwrites every environment variable, so each one the function reads is listed, filled by the
 * CLI from the deploying shell's environment or .env file (`{{env.NAME}}`), never written here.
 */
export function cloudbaserc(config: FunctionsConfig): Record<string, unknown> {
  return {
    version: '2.0',
    envId: '{{env.ENV_ID}}',
    functionRoot: './functions',
    functions: Object.entries(config.functions).map(([name, fn]) => ({
      name,
      handler: 'index.main',
      runtime: config.runtime,
      timeout: fn.timeout,
      memorySize: fn.memorySize,
      installDependency: false,
      envVariables: Object.fromEntries(fn.envVariables.map((v) => [v, `{{env.${v}}}`])),
      ...(fn.triggers.length > 0 ? { triggers: fn.triggers } : {}),
    })),
  };
}

/**
 * One self-contained folder per function: index.js with wx-server-sdk, zod and shared/ bundled
 * in (no cloud-side npm install, which fails on packages with install scripts), package.json
 * without dependencies, and config.json.
 */
export async function buildFunctions(root: string): Promise<{ name: string; dir: string; bytes: number }[]> {
  const config = readFunctionsConfig(root);
  const outRoot = path.join(root, FUNCTIONS_OUT);
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  const built = [];
  for (const [name, fn] of Object.entries(config.functions)) {
    const dir = path.join(outRoot, name);
    mkdirSync(dir, { recursive: true });
    const result = await build({
      entryPoints: [path.join(root, 'cloudfunctions', name, 'index.ts')],
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      // Whitespace and syntax only: names stay readable in the platform's stack traces.
      minifyWhitespace: true,
      minifySyntax: true,
      legalComments: 'external',
      metafile: true,
      logLevel: 'warning',
    });
    writeJson(path.join(dir, 'package.json'), { name, version: '1.0.0', private: true, main: 'index.js', description: fn.description ?? name, dependencies: {} });
    writeJson(path.join(dir, 'config.json'), functionConfigJson(fn));
    const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
    built.push({ name, dir, bytes });
  }
  writeJson(path.join(root, 'dist', 'cloudbaserc.json'), cloudbaserc(config));
  return built;
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}
