import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { buildMiniProgram } from './buildMiniProgram';
import { buildWithFirstUseFiles } from './firstUseFiles';
import { readFunctionsConfig, type FunctionConfig, type FunctionsConfig } from './functionsConfig';
import { stubUnreachedSdkParts } from './sdkStubs';

/** What each built function's own config.json holds: exactly its permissions and trigger. */
export function functionConfigJson(fn: FunctionConfig): Record<string, unknown> {
  return { permissions: { openapi: fn.permissions.openapi }, ...(fn.triggers.length > 0 ? { triggers: fn.triggers } : {}) };
}

/**
 * cloudbaserc.json for `tcb fn deploy` (docs/platform/limits.md, "Other configuration files"). A
 * deploy overwrites every environment variable, so each one the function reads is listed, filled by
 * the CLI from the deploying shell's environment or .env file (`{{env.NAME}}`), never written here.
 * The environment is config.json's envId; `npm run deploy` passes ENV_ID (deploy.env) with `-e`,
 * which wins over it.
 */
export function cloudbaserc(config: FunctionsConfig): Record<string, unknown> {
  return {
    version: '2.0',
    envId: config.envId,
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

/** The vendored SDK's file name inside each function folder. */
export const SDK_FILE = 'wx-server-sdk.js';

/**
 * `require('wx-server-sdk')` in the function becomes `require('./wx-server-sdk.js')`: the SDK is
 * bundled into its own file beside index.js and is read only when first required, so a call
 * that answers over HTTPS alone never pays for loading it (shared/cloud/sdk.ts; the cold start
 * targets of docs/performance.md, "Targets").
 */
const sdkBesideIndex: Plugin = {
  name: 'wx-server-sdk-beside-index',
  setup(b) {
    b.onResolve({ filter: /^wx-server-sdk$/ }, () => ({ path: `./${SDK_FILE}`, external: true }));
  },
};

const COMMON: BuildOptions = {
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
};

/**
 * wx-server-sdk bundled into one file, with only what the functions reach of it: the parts no
 * path uses become stubs that throw (sdkStubs.ts). The integration tests load this same bundle
 * (jest.config.js), so every cloud and database path they cover runs through it.
 */
export function buildSdkBundle(root: string, outfile: string) {
  return build({
    ...COMMON,
    entryPoints: [require.resolve('wx-server-sdk', { paths: [root] })],
    outfile,
    plugins: [stubUnreachedSdkParts()],
  });
}

/**
 * One self-contained folder per function: index.js with zod and shared/ bundled in, the SDK
 * bundled beside it (no cloud-side npm install, which fails on packages with install scripts),
 * package.json without dependencies, and config.json.
 */
export async function buildFunctions(root: string, distDir = path.join(root, 'dist')): Promise<BuiltFunction[]> {
  const config = readFunctionsConfig(root);
  const outRoot = path.join(distDir, 'functions');
  rmSync(distDir, { recursive: true, force: true });
  const names = Object.keys(config.functions);
  // Every function carries the same SDK bundle: built once (beside the functions' own build,
  // which runs meanwhile), then copied beside each index.js.
  const sdkStaging = path.join(distDir, '.sdk', SDK_FILE);
  const sdkBuild = buildSdkBundle(root, sdkStaging);
  sdkBuild.catch(() => undefined); // awaited below, after the functions' build (whose failure is reported first)
  const functions = await buildWithFirstUseFiles({ ...COMMON, root, outRoot, functions: names.map((name) => ({ name, entry: path.join(root, 'cloudfunctions', name, 'index.ts') })), plugins: [sdkBesideIndex] });
  const sdkBytes = jsBytes(await sdkBuild);
  const built: BuiltFunction[] = [];
  for (const [name, fn] of Object.entries(config.functions)) {
    const dir = path.join(outRoot, name);
    copyFileSync(sdkStaging, path.join(dir, SDK_FILE));
    if (existsSync(`${sdkStaging}.LEGAL.txt`)) copyFileSync(`${sdkStaging}.LEGAL.txt`, path.join(dir, `${SDK_FILE}.LEGAL.txt`));
    writeJson(path.join(dir, 'package.json'), { name, version: '1.0.0', private: true, main: 'index.js', description: fn.description ?? name, dependencies: {} });
    writeJson(path.join(dir, 'config.json'), functionConfigJson(fn));
    const { indexBytes, files } = functions[name]!;
    const firstUseBytes = Object.values(files).reduce((sum, bytes) => sum + bytes, 0);
    built.push({ name, dir, bytes: indexBytes + firstUseBytes + sdkBytes, indexBytes, firstUseFiles: Object.keys(files), firstUseBytes, sdkBytes });
  }
  rmSync(path.dirname(sdkStaging), { recursive: true, force: true });
  writeJson(path.join(distDir, 'cloudbaserc.json'), cloudbaserc(config));
  buildMiniProgram(root, distDir, config);
  return built;
}

/** The bytes of JavaScript a build wrote. */
function jsBytes(result: { metafile?: { outputs: Record<string, { bytes: number }> } }): number {
  return Object.entries(result.metafile?.outputs ?? {}).filter(([f]) => f.endsWith('.js')).reduce((sum, [, o]) => sum + o.bytes, 0);
}

export interface BuiltFunction {
  name: string;
  dir: string;
  /** index.js, the first-use files and the vendored SDK. */
  bytes: number;
  /** Read and compiled when an instance starts. */
  indexBytes: number;
  /** Files beside index.js read the first time a call needs them (firstUseFiles.ts). */
  firstUseFiles: string[];
  firstUseBytes: number;
  sdkBytes: number;
}

/** One line saying what a build wrote, for the build and start scripts. */
export function describeBuilt(fn: BuiltFunction, root: string): string {
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  const firstUse = fn.firstUseFiles.length > 0 ? ` + ${fn.firstUseFiles.join(', ')} ${kib(fn.firstUseBytes)}` : '';
  return `built ${fn.name}: ${path.relative(root, fn.dir)}/ index.js ${kib(fn.indexBytes)}${firstUse} + wx-server-sdk.js ${kib(fn.sdkBytes)}`;
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}
