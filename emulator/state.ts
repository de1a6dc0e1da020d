import type { EmulatedClock } from './clock';
import type { DocumentStore } from './database/store';
import type { OpenPlatform } from './open-platform/open-platform';
import type { OutboundMessages } from './platform/outbound-messages';
import type { DailyQuota } from './platform/quota';
import type { TokenAuthority } from './platform/tokens';
import type { AccountsConfig } from './types';

/**
 * Everything the request handlers share: one emulated platform. The lists are the one mutable
 * source of truth: writes (wechat/devplugin-actions.ts, wechat/embedded-actions.ts) change them
 * in place, and reset() restores the seed in place, so every holder of a list sees the same state.
 */
export interface PlatformState {
  clock: EmulatedClock;
  accounts: AccountsConfig;
  tokens: TokenAuthority;
  quota: DailyQuota;
  /** Plugin applicants (dev_apply_list). */
  applicants: Array<Record<string, unknown>>;
  /** Who may open this account as a half-screen app (get_own_list). */
  embedded: Array<Record<string, unknown>>;
  /** This account's half-screen authorization mode (set_authorize; top-level embedded_flag). */
  embeddedFlag: number;
  /** The Mini Programs this account applied to embed (get_list). */
  embedding: Array<Record<string, unknown>>;
  db: DocumentStore;
  openPlatform: OpenPlatform;
  /** Robot and subscribe messages delivered, for tests and the console. */
  outbound: OutboundMessages;
}
