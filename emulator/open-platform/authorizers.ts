/**
 * The Mini Programs that may authorize the emulated third-party platform, each with the
 * permission sets (func_info ids) it grants: 18 half-screen Mini Programs, 40 plugin
 * management (docs/platform/pushes.md, "Exchanging the authorization code"), among others.
 */
export interface SeededAuthorizer {
  appid: string;
  nickname: string;
  funcIds: number[];
  /** api_get_authorizer_info's principal_name; a demo company when absent. */
  principalName?: string;
}

/** The default authorizer (accounts.authorizer) grants everything; the others one set each. */
export const HALF_SCREEN_ONLY: SeededAuthorizer = { appid: 'wx1a2b3c4d5e6f7081', nickname: '半屏演示小程序', funcIds: [1, 18] };
export const PLUGIN_ONLY: SeededAuthorizer = { appid: 'wx2b3c4d5e6f708192', nickname: '插件演示小程序', funcIds: [1, 40] };
export const NEITHER: SeededAuthorizer = { appid: 'wx3c4d5e6f70819203', nickname: '基础演示小程序', funcIds: [1, 17] };

export function seededAuthorizers(defaultAppid: string): SeededAuthorizer[] {
  return [{ appid: defaultAppid, nickname: '全权限演示小程序', funcIds: [1, 17, 18, 40] }, HALF_SCREEN_ONLY, PLUGIN_ONLY, NEITHER];
}
