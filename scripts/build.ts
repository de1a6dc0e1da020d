import { buildFunctions, describeBuilt } from '../tools/buildFunctions';
import { findRoot } from '../tools/functionsConfig';

async function main(): Promise<void> {
  const root = findRoot(process.cwd());
  for (const fn of await buildFunctions(root)) console.log(describeBuilt(fn, root));
  console.log('wrote dist/cloudbaserc.json');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
