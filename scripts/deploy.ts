import { deploy } from '../tools/deploy';
import { findRoot } from '../tools/functionsConfig';

/** npm run deploy: build, then deploy every function with the CloudBase CLI (tools/deploy.ts). */
deploy({ root: findRoot(process.cwd()), shell: process.env, out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
