import path from 'node:path';
import { builtFunctions } from '../../helpers/builtFunctions';
import type { FunctionSpec } from '../../../localcloud';

export const REPO = path.resolve(__dirname, '..', '..', '..');

/**
 * The real functions, built once per test run (test/helpers/builtFunctions.ts) outside the
 * shared dist/, so a test never races anyone's `npm run build`. Pass `distDir` to
 * startLocalCloud; it is shared, so read it, never change it. `remove()` is kept for the callers
 * of the time each test built its own copy: the shared build stays for the other tests.
 */
export async function buildIntoTempDist(): Promise<{ distDir: string; remove(): void }> {
  return { distDir: await builtFunctions(), remove: () => undefined };
}

/** A fixture function folder under test/localcloud/fixtures as the local cloud deploys it. */
export function fixture(name: string, timeoutSeconds: number, env?: Record<string, string>): FunctionSpec {
  return { name, dir: path.join(__dirname, '..', 'fixtures', name), timeoutSeconds, memoryMb: 128, ...(env ? { env } : {}) };
}
