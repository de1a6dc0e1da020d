import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSdkBundle } from '../../../tools/buildFunctions';

const REPO = path.resolve(__dirname, '..', '..', '..');

/** Where the integration tests find wx-server-sdk: the bundle every built function carries. */
export const SDK_BUNDLE = path.join(REPO, '.build', 'sdk-bundle', 'wx-server-sdk.js');

/** What the bundle is made from: the SDK's installed version (the lock file) and the build code. */
const INPUTS = ['package-lock.json', 'tools/buildFunctions.ts', 'tools/sdkStubs.ts'];

function bundleKey(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS) hash.update(readFileSync(path.join(REPO, file)));
  return hash.digest('hex');
}

/**
 * jest globalSetup of the integration project: builds the SDK bundle exactly as `npm run build`
 * does (unreached parts stubbed), so the whole integration suite runs through it. Built again
 * only when what it is made from changed (the key beside it), written beside and renamed into
 * place, so a concurrent run never loads half a file.
 */
export default async function buildSdkBundleForTests(): Promise<void> {
  const key = bundleKey();
  const keyFile = `${SDK_BUNDLE}.key`;
  if (existsSync(SDK_BUNDLE) && existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key) return;
  mkdirSync(path.dirname(SDK_BUNDLE), { recursive: true });
  const partial = `${SDK_BUNDLE}.${process.pid}.tmp.js`;
  await buildSdkBundle(REPO, partial);
  renameSync(partial, SDK_BUNDLE);
  // The licences esbuild writes beside the bundle go with it, under its name.
  if (existsSync(`${partial}.LEGAL.txt`)) renameSync(`${partial}.LEGAL.txt`, `${SDK_BUNDLE}.LEGAL.txt`);
  rmSync(`${partial}.map`, { force: true });
  writeFileSync(keyFile, key);
}
