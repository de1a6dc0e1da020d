import path from 'node:path';
import { buildFunctions } from './lib/buildFunctions';
import { findRoot } from './lib/functionsConfig';

async function main(): Promise<void> {
  const root = findRoot(process.cwd());
  for (const fn of await buildFunctions(root)) {
    const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
    console.log(`built ${fn.name}: ${path.relative(root, fn.dir)}/ index.js ${kib(fn.indexBytes)} + wx-server-sdk.js ${kib(fn.sdkBytes)}`);
  }
  console.log('wrote dist/cloudbaserc.json');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
