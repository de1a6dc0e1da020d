import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The top-level config.json: the single source of truth for every function's name, open API
 * permissions, timeout, memory, runtime, triggers and the environment variables it reads.
 * Build, local cloud and tests all read it through this schema.
 */
const timerTrigger = z.strictObject({ name: z.string().min(1), type: z.literal('timer'), config: z.string().regex(/^(\S+\s+){6}\S+$/, '7-field cron') });

export const functionConfigSchema = z.strictObject({
  description: z.string().optional(),
  timeout: z.int().min(1).max(60),
  memorySize: z.int().min(128).max(2048),
  permissions: z.strictObject({ openapi: z.array(z.string().regex(/^\w+\.\w+$/)) }),
  triggers: z.array(timerTrigger).max(1),
  /**
   * Reached over the HTTP access service at this path (set up in the console: 环境 → HTTP 访问服务;
   * the deploy tools do not create it). The local cloud serves the function there.
   */
  httpAccess: z.strictObject({ path: z.string().regex(/^\/[A-Za-z0-9_/-]*$/) }).optional(),
  envVariables: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/)),
});

export const functionsConfigSchema = z.strictObject({
  $comment: z.string().optional(),
  envId: z.string().min(1),
  runtime: z.string().regex(/^Nodejs\d+\.\d+$/),
  functions: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/), functionConfigSchema),
});

export type FunctionConfig = z.output<typeof functionConfigSchema>;
export type FunctionsConfig = z.output<typeof functionsConfigSchema>;

export const ROOT = path.resolve(__dirname, '..', '..');

export function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    try {
      readFileSync(path.join(dir, 'config.json'));
      readFileSync(path.join(dir, 'package.json'));
      return dir;
    } catch {
      const parent = path.dirname(dir);
      if (parent === dir) throw new Error('project root not found');
      dir = parent;
    }
  }
}

export function readFunctionsConfig(root: string): FunctionsConfig {
  return functionsConfigSchema.parse(JSON.parse(readFileSync(path.join(root, 'config.json'), 'utf8')));
}
