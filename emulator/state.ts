import type { EmulatedClock } from './clock';
import type { DocumentStore } from './database/store';
import type { OpenPlatform } from './open-platform/open-platform';
import type { DailyQuota } from './platform/quota';
import type { TokenAuthority } from './platform/tokens';
import type { AccountsConfig } from './types';

/** Everything the request handlers share: one emulated platform. */
export interface PlatformState {
  clock: EmulatedClock;
  accounts: AccountsConfig;
  tokens: TokenAuthority;
  quota: DailyQuota;
  applicants: ReadonlyArray<Record<string, unknown>>;
  embedded: ReadonlyArray<Record<string, unknown>>;
  embeddedFlag: number;
  db: DocumentStore;
  openPlatform: OpenPlatform;
}
