import { existsSync } from 'node:fs';
import path from 'node:path';
import { findRoot } from '../tools/functionsConfig';
import { consoleDir, hostScript } from './assets';
import { demoEnvironment } from './demoEnv';
import { functionsFromConfig } from './functions';
import { Invoker } from './invoker';
import { startConsoleServer } from './server';
import type { FunctionSpec, LocalCloud, LocalCloudOptions } from './types';

/**
 * A local CloudBase: runs the BUILT cloud functions (dist/functions/<name>/index.js) in child
 * processes the way the platform runs them, against the emulator, and serves a console page.
 * It models the platform and must not import the product's shared/ code.
 */
export type { Caller, CallerKind, FunctionSpec, HttpAccessEntry, InvokeResult, LocalCloud, LocalCloudOptions, LogLine, Outcome } from './types';
export { DEMO_ADMIN_OPENID, DEMO_DEVELOPER_OPENID, DEMO_USER_OPENID, demoEnvironment } from './demoEnv';
export { EXAMPLE_EVENTS } from './functions';
export { InvokeRequestError } from './invoker';
export { MASK } from './mask';
export { EXECUTE_FAIL, RESULT_TOO_LARGE, TIMEOUT } from './platformErrors';

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const root = options.root ?? findRoot(process.cwd());
  const functions = resolveFunctions(root, options);
  const invoker = new Invoker({
    emulator: options.emulator,
    functions,
    env: options.env ?? demoEnvironment(options.emulator),
    hostScript: hostScript(),
    maxInstancesPerFunction: options.maxInstancesPerFunction ?? 4,
    idleReclaimMs: options.idleReclaimMs ?? 120_000,
  });
  let server;
  try {
    server = await startConsoleServer(invoker, consoleDir(), options.port ?? 0, options.onHttpAccess);
  } catch (error) {
    invoker.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    functions: () => invoker.functions(),
    invoke: (name, event, caller) => invoker.invoke(name, event, caller),
    close: () => {
      closing ??= (async () => {
        invoker.close();
        await server.close();
      })();
      return closing;
    },
  };
}

function resolveFunctions(root: string, options: LocalCloudOptions): FunctionSpec[] {
  const extra = options.functions ?? [];
  const fromConfig = options.replaceFunctions ? [] : functionsFromConfig(root, options.distDir).filter((spec) => !extra.some((e) => e.name === spec.name));
  const all = [...fromConfig, ...extra];
  for (const spec of all) {
    if (!existsSync(path.join(spec.dir, 'index.js'))) {
      throw new Error(`${spec.name}: ${path.join(spec.dir, 'index.js')} does not exist; run npm run build first`);
    }
  }
  return all;
}
