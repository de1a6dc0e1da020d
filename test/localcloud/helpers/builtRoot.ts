import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildFunctions } from '../../../tools/buildFunctions';
import type { FunctionSpec } from '../../../localcloud';

export const REPO = path.resolve(__dirname, '..', '..', '..');

/**
 * Builds the real functions into a temporary dist folder, so a test never races anyone else's
 * `npm run build` of the shared dist/. Pass `distDir` to startLocalCloud.
 */
export async function buildIntoTempDist(): Promise<{ distDir: string; remove(): void }> {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'localcloud-test-'));
  const distDir = path.join(parent, 'dist');
  await buildFunctions(REPO, distDir);
  return { distDir, remove: () => rmSync(parent, { recursive: true, force: true }) };
}

/** A fixture function folder under test/localcloud/fixtures as the local cloud deploys it. */
export function fixture(name: string, timeoutSeconds: number, env?: Record<string, string>): FunctionSpec {
  return { name, dir: path.join(__dirname, '..', 'fixtures', name), timeoutSeconds, memoryMb: 128, ...(env ? { env } : {}) };
}
