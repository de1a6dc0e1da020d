import { envValue } from '../config/envValue';
import { httpsTransportFromEnv, type ConfiguredHttps } from '../api/httpsTransportFromEnv';

/** The two lists this package keeps: plugin applicants (002) and half-screen authorizations (000). */
export type ListKind = 'plugin' | 'embedded';

export interface SyncAccount {
  list: ListKind;
  /** The account the list belongs to (an appid, or `self` when none is configured). */
  account: string;
  /** The HTTPS transport of this account (half-screen lists; the plugin list picks its own path). */
  https?: ConfiguredHttps;
}

/** The plugin account: the environment's own Mini Program. */
export function pluginAccount(env: NodeJS.ProcessEnv): string {
  return envValue(env, 'APPID') ?? envValue(env, 'AUTHORIZER_APPID') ?? 'self';
}

/** The half-screen account the configured token speaks for. */
export function embeddedAccount(env: NodeJS.ProcessEnv): string {
  return envValue(env, 'AUTHORIZER_APPID') ?? envValue(env, 'APPID') ?? 'self';
}

/**
 * The lists one sync run walks. Today: the plugin list of this environment and the half-screen
 * list of the configured account. Where several authorizers are held (third-party platform),
 * this is the one function to extend: one `embedded` entry per authorizer, each with its own
 * transport.
 */
export function accountsToSync(env: NodeJS.ProcessEnv): SyncAccount[] {
  const accounts: SyncAccount[] = [{ list: 'plugin', account: pluginAccount(env) }];
  const https = httpsTransportFromEnv(env);
  if (https) accounts.push({ list: 'embedded', account: embeddedAccount(env), https });
  return accounts;
}
