/**
 * Who may call these functions. They show a business's applicants and spend its API quota, so an
 * ordinary Mini Program user is refused unless listed (README, "Who may call").
 *
 * - `wx_client` (a Mini Program user): allowed only when OPENID is in ADMIN_OPENIDS.
 * - Any other source: allowed only when named in ALLOWED_SOURCES. The default names the sources
 *   only the account's own developers can produce: `wx_devtools`, `wx_trigger` (timers),
 *   `wx_localdebug`, and `console` (a console test run, which carries no SOURCE at all).
 *   `wx_http` (WeChat's HTTP API for invoking a function, `/tcb/invokecloudfunction`, called
 *   with the account's own access token by whoever holds it), `scf` (another function, which
 *   may be relaying anyone) and `wx_unknown` are refused unless named.
 * - The HTTP access service (a public URL) is not a source: what it puts in the context is not
 *   documented, so its requests are recognised by the event's shape and refused before this
 *   decision by every function but componentEvents (httpAccessShape.ts; docs/platform/call-sources.md).
 */
import { envList } from '../core/envValue';

export const CONSOLE_SOURCE = 'console';
export const DEFAULT_ALLOWED_SOURCES = ['wx_devtools', 'wx_trigger', 'wx_localdebug', CONSOLE_SOURCE] as const;

export interface CallerPolicy {
  adminOpenids: ReadonlySet<string>;
  allowedSources: ReadonlySet<string>;
}

export function callerPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): CallerPolicy {
  return {
    adminOpenids: new Set(envList(env, 'ADMIN_OPENIDS')),
    // Empty means unset (shared/core/envValue.ts): a deploy that sends ALLOWED_SOURCES="" keeps
    // the default rather than refusing console runs, timers and DevTools.
    allowedSources: new Set(envList(env, 'ALLOWED_SOURCES') ?? DEFAULT_ALLOWED_SOURCES),
  };
}
