import { mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { buildSdkBundle } from '../../../tools/buildFunctions';

/** Where the integration tests find wx-server-sdk: the bundle every built function carries. */
export const SDK_BUNDLE = path.resolve(__dirname, '..', '..', '..', '.build', 'sdk-bundle', 'wx-server-sdk.js');

/**
 * jest globalSetup of the integration project: builds the SDK bundle exactly as `npm run build`
 * does (unreached parts stubbed), so the whole integration suite runs through it. Written
 * beside and renamed into place, so a concurrent run never loads half a file.
 */
export default async function buildSdkBundleForTests(): Promise<void> {
  mkdirSync(path.dirname(SDK_BUNDLE), { recursive: true });
  const partial = `${SDK_BUNDLE}.${process.pid}.tmp.js`;
  await buildSdkBundle(path.resolve(__dirname, '..', '..', '..'), partial);
  renameSync(partial, SDK_BUNDLE);
}
