import type { Emulator } from '../../../emulator';

/**
 * Loads the real, unmodified wx-server-sdk pointed at an emulator.
 *
 * The SDK reads TCB_CONTEXT_CNFG, WX_API_TOKEN etc. from process.env on EVERY request, but
 * cloud.init() only takes effect once per module instance, and init is where the SDK decides
 * whether to probe the Tencent metadata server. So: set the env first, then init once per test
 * file (jest gives each file its own module registry and process.env copy); later env switches
 * (another call source, another emulator) need no re-init.
 */

/** The slice of wx-server-sdk the tests use. */
export interface WxCloud {
  init(config: { env: unknown; timeout?: number }): void;
  DYNAMIC_CURRENT_ENV: unknown;
  // The SDK's own typings are loose here too: openapi is a dynamic proxy.
  openapi: any;
  database(): any;
}

export interface SdkError {
  errCode: number;
  errMsg: string;
}

export function useEmulatorEnv(emulator: Emulator, opts?: { wxApiToken?: string | null; envId?: string }): void {
  Object.assign(process.env, emulator.sdkEnv(opts));
}

export function loadCloud(emulator: Emulator): WxCloud {
  useEmulatorEnv(emulator);
  // Required after the variables are set: the SDK reads them when it loads.
  const cloud = require('wx-server-sdk') as WxCloud;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  return cloud;
}

/** Awaits a call that must fail and returns what the SDK threw. */
export async function sdkFailure(call: Promise<unknown>): Promise<SdkError> {
  try {
    await call;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('expected the SDK call to fail, but it succeeded');
}
