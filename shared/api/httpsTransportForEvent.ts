import type { FuncSetId } from '../authorizers/funcSets';
import type { Deadline } from '../transport/deadline';
import { httpsTransportFor, type TargetedHttps } from './httpsTransportFor';

/**
 * The one place a write picks its HTTPS transport: the account named by the event's
 * `authorizerAppid` (a third-party platform acting for one authorized Mini Program), else the
 * configured provider's account. An unknown or revoked authorizer, or one without the
 * permission set the call needs, is refused before any WeChat call (httpsTransportFor.ts).
 */
export function httpsTransportForEvent(
  env: NodeJS.ProcessEnv,
  authorizerAppid: string | undefined,
  requiredFuncSet: FuncSetId,
  deadline: Deadline,
): Promise<TargetedHttps | undefined> {
  return httpsTransportFor(env, authorizerAppid === undefined ? {} : { authorizerAppid }, requiredFuncSet, deadline);
}
