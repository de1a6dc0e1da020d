import type { Emulator } from '../emulator';
import type { FunctionSpec } from './types';

/**
 * What the console's third-party panel (console/panel-component.js) needs besides componentAdmin
 * itself: where the emulated authorization pages are (the links componentAdmin hands out name
 * mp.weixin.qq.com and open.weixin.qq.com; locally the emulator plays them at the same paths),
 * and the HTTP access path of componentEvents, which the panel uses as the redirect URI.
 */
export interface ComponentView {
  /** Replaces https://mp.weixin.qq.com and https://open.weixin.qq.com in a link. */
  consentOrigin: string;
  /** componentEvents' HTTP access path on this console's origin (the redirect page), or null when not served. */
  eventPath: string | null;
}

export function componentView(emulator: Emulator, functions: readonly FunctionSpec[]): ComponentView {
  return { consentOrigin: emulator.url, eventPath: functions.find((spec) => spec.name === 'componentEvents')?.httpPath ?? null };
}
