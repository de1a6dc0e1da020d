import type * as WxServerSdk from 'wx-server-sdk';

export type CloudSdk = typeof WxServerSdk;

let initialized: CloudSdk | undefined;

/**
 * wx-server-sdk, loaded and initialized on first use and kept for the warm instance's life
 * (docs/platform/limits.md, "Instances are reused": module state survives between calls). Loading
 * lazily keeps the SDK's start-up cost off functions and calls that answer over HTTPS alone (the
 * cold start). `DYNAMIC_CURRENT_ENV` makes the SDK use the environment the function runs in.
 */
export function getCloud(): CloudSdk {
  if (!initialized) {
    // Required here, not imported: loaded on first use (see above).
    const cloud = require('wx-server-sdk') as CloudSdk;
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    initialized = cloud;
  }
  return initialized;
}
