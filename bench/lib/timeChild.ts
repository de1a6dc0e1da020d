import { spawn } from 'node:child_process';

export interface ChildRun {
  /** From spawn to the child's first complete output line: the cold start as the caller feels it. */
  ms: number;
  stdout: string;
  code: number | null;
}

/**
 * Times one fresh `node` process from spawn until it reports (its first output line), not until
 * it exits: on the platform an instance answers and stays up, so process teardown (which after a
 * fetch takes tens of milliseconds here) is no part of a cold start.
 */
export function timeChild(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let reportedAt: bigint | undefined;
    const child = spawn(process.execPath, args, { env, cwd, stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (reportedAt === undefined && stdout.includes('\n')) reportedAt = process.hrtime.bigint();
    });
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ ms: Number((reportedAt ?? process.hrtime.bigint()) - started) / 1e6, stdout: stdout.trim(), code }),
    );
  });
}
