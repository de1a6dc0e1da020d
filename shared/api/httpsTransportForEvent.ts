import { httpsTransportFromEnv, type ConfiguredHttps } from './httpsTransportFromEnv';

/**
 * The one place a write picks its HTTPS transport. `authorizerAppid` (a third-party platform
 * acting for one authorized Mini Program, issue 8) is accepted by the write events and passed
 * here; until the per-authorizer transport is wired in, the environment's configured provider
 * answers for every event.
 */
export function httpsTransportForEvent(env: NodeJS.ProcessEnv, authorizerAppid?: string): ConfiguredHttps | undefined {
  void authorizerAppid;
  return httpsTransportFromEnv(env);
}
