import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * The type check as one of the suite's files (docs/testing.md): the project's tsconfig.json
 * (Node) and the console page's (the DOM), as `npm run typecheck` runs them. jest itself only
 * strips types (test/transform/esbuildTs.js), so a type error fails here. Run as a test file it
 * runs on a worker beside the others instead of before all of them; a failure prints
 * tsc's diagnostics. tsc keeps what it learnt in .build/tsc/ (--incremental): an unchanged
 * checkout is checked again in a few seconds.
 */
const ROOT = path.resolve(__dirname, '..');
const TSC = require.resolve('typescript/bin/tsc', { paths: [ROOT] });

function typecheck(project: string, name: string): Promise<{ code: number | null; output: string }> {
  const args = [TSC, '--noEmit', '-p', project, '--incremental', '--tsBuildInfoFile', path.join(ROOT, '.build', 'tsc', `${name}.tsbuildinfo`), '--pretty', 'false'];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the type check (tsc --noEmit)', () => {
  it.each([
    ['tsconfig.json', 'project'],
    ['localcloud/console/tsconfig.json', 'console'],
  ])('%s has no type error', async (project, name) => {
    const { code, output } = await typecheck(project, name);
    expect(output).toBe(''); // on failure, the diagnostics
    expect(code).toBe(0);
  }, 180_000);
});
