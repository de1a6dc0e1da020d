import { envValue } from '../core/envValue';
import { authorizerHttps } from '../upstream/httpsTransportFor';
import { httpsTransportFromEnv, type ConfiguredHttps } from '../upstream/httpsTransportFromEnv';
import type { AuthorizerRecord } from '../authorizers/authorizerRegistry';
import { componentSetupFromEnv, type ComponentSetup } from '../authorizers/componentSetup';
import { FUNC_SET } from '../authorizers/funcSets';
import { toWxError, type ErrorBody } from '../errors';
import type { Logger } from '../core/logger';
import type { Deadline } from '../core/deadline';

/**
 * The lists this package keeps: plugin applicants (devplugin), the half-screen authorizations of
 * others to open this account (get_own_list), and this account's own applications to open others
 * half-screen (get_list). The last two go together: both are read with the half-screen set.
 */
export type ListKind = 'plugin' | 'embedded' | 'applications';

export const LIST_KINDS: readonly ListKind[] = ['plugin', 'embedded', 'applications'];

/** The half-screen lists of one account: who may open it, and whom it applied to open. */
const halfScreenLists = (account: string, https: ConfiguredHttps): SyncAccount[] => [
  { list: 'embedded', account, https },
  { list: 'applications', account, https },
];

export interface SyncAccount {
  list: ListKind;
  /** The account the list belongs to (an appid, or `self` when none is configured). */
  account: string;
  /**
   * The HTTPS transport of this account: always for the half-screen lists; for a plugin list only
   * when it belongs to another authorizer of a third-party platform (the cloud path reaches the
   * environment's own Mini Program only), otherwise the plugin list picks its own path.
   */
  https?: ConfiguredHttps;
}

/** An authorizer the registry holds whose lists a run leaves alone, and why. */
export interface SkippedAccount {
  account: string;
  reason: 'revoked' | 'no list permission' | 'grants unknown';
}

export interface SyncPlan {
  accounts: SyncAccount[];
  skipped: SkippedAccount[];
  /** The registry could not be read: only the environment's own accounts are synced this run. */
  registryError?: ErrorBody;
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
 * The lists one sync run walks: the plugin list of this environment (cloud path first) and the
 * two half-screen lists of the configured account, and, with the component provider, the lists of
 * every account the authorizer registry holds: the half-screen lists per authorizer that granted set 18, a plugin list per authorizer
 * that granted set 40, each over HTTPS with that account's own token. Revoked accounts are
 * skipped (their tokens are gone), and so are accounts whose grants are unknown (a seed of an
 * AUTHORIZER_APPID no longer configured). An account listed twice (the environment's own is
 * also in the registry) is synced once, as the environment's.
 *
 * The configuration is read at once (a wrong one is refused before the run writes anything);
 * the function returned reads the registry, within the run's deadline.
 */
export function accountsToSync(env: NodeJS.ProcessEnv): (deadline: Deadline, log: Logger) => Promise<SyncPlan> {
  const own: SyncAccount = { list: 'plugin', account: pluginAccount(env) };
  const setup = componentSetupFromEnv(env);
  if (!setup) {
    const https = httpsTransportFromEnv(env);
    const plan: SyncPlan = { accounts: https ? [own, ...halfScreenLists(embeddedAccount(env), https)] : [own], skipped: [] };
    return async () => plan;
  }
  return async (deadline, log) => {
    let records: AuthorizerRecord[] = [];
    let registryError: ErrorBody | undefined;
    try {
      records = await setup.registry.list(deadline);
    } catch (thrown) {
      // Availability over completeness: the environment's own lists still sync this run.
      registryError = toWxError(thrown).body;
      log.warn('authorizer registry not read; syncing the configured account only', { errCode: registryError.code });
    }
    return { ...planForComponent(setup, own, records), ...(registryError ? { registryError } : {}) };
  };
}

/** The lists of a third-party platform's run, from the registry's records (exported for its unit test). */
export function planForComponent(setup: ComponentSetup, own: SyncAccount, records: AuthorizerRecord[]): Omit<SyncPlan, 'registryError'> {
  const accounts: SyncAccount[] = [own];
  const skipped: SkippedAccount[] = [];
  const configured = setup.config.authorizerAppid;
  // The configured account first, as when it was the only one; the registry lacks it until its
  // first token is fetched (seeded from AUTHORIZER_REFRESH_TOKEN), and then its grants are unknown.
  const ordered: Array<Pick<AuthorizerRecord, 'authorizerAppid' | 'funcIds' | 'revoked'>> = [
    ...(configured === undefined ? [] : [records.find((r) => r.authorizerAppid === configured) ?? { authorizerAppid: configured, funcIds: null, revoked: false }]),
    ...records.filter((r) => r.authorizerAppid !== configured),
  ];
  for (const record of ordered) {
    const appid = record.authorizerAppid;
    if (record.revoked) {
      skipped.push({ account: appid, reason: 'revoked' });
      continue;
    }
    const granted = record.funcIds;
    if (granted === null && appid !== configured) {
      skipped.push({ account: appid, reason: 'grants unknown' });
      continue;
    }
    // Unknown grants of the configured account: WeChat decides, as for getOwnList (httpsTransportFor).
    const embedded = granted === null || granted.includes(FUNC_SET.HALF_SCREEN);
    const plugin = granted !== null && granted.includes(FUNC_SET.PLUGIN_MANAGEMENT) && appid !== own.account;
    if (!plugin && !embedded) {
      if (appid !== own.account) skipped.push({ account: appid, reason: 'no list permission' });
      continue;
    }
    const https = authorizerHttps(setup, appid);
    if (plugin) accounts.push({ list: 'plugin', account: appid, https });
    if (embedded) accounts.push(...halfScreenLists(appid, https));
  }
  return { accounts, skipped };
}
