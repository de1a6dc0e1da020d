import type { EmulatedClock } from './clock';
import type { DocumentStore } from './database/store';
import type { OutboundMessages } from './platform/outbound-messages';
import type { DailyQuota } from './platform/quota';
import type { TokenAuthority } from './platform/tokens';
import type { AccountsConfig } from './types';

/** Everything the request handlers share: one emulated platform. */
export interface PlatformState {
  clock: EmulatedClock;
  accounts: AccountsConfig;
  tokens: TokenAuthority;
  quota: DailyQuota;
  /** The lists the endpoints serve: the one mutable source of truth, changed in place (evolution). */
  applicants: Array<Record<string, unknown>>;
  embedded: Array<Record<string, unknown>>;
  embeddedFlag: number;
  db: DocumentStore;
  /** Robot and subscribe messages delivered, for tests and the console. */
  outbound: OutboundMessages;
}
