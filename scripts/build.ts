import { buildFunctions, describeBuilt } from './lib/buildFunctions';
import { findRoot } from './lib/functionsConfig';

async function main(): Promise<void> {
  const root = findRoot(process.cwd());
  for (const fn of await buildFunctions(root)) console.log(describeBuilt(fn, root));
  console.log('wrote dist/cloudbaserc.json');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
