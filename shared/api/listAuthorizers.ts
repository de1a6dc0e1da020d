import { envValue } from '../config/envValue';
import { createAuthorizerRegistry, authorizerCollectionName, publicView } from '../authorizers/authorizerRegistry';
import { createError, LOCAL } from '../errors';
import type { Invocation } from '../handler/createHandler';
import type { ListAuthorizersEvent } from '../schemas/events';

export interface AuthorizersPage {
  componentAppid: string;
  total: number;
  authorizers: Array<ReturnType<typeof publicView>>;
}

/**
 * The accounts the platform holds credentials for, as the registry has them (authorized and
 * revoked), with their granted permission sets and no token of any kind (publicView). An admin
 * picks `authorizerAppid` for getOwnList / getPluginDevApplyList from here.
 */
export async function listAuthorizers(_event: ListAuthorizersEvent, invocation: Invocation): Promise<AuthorizersPage> {
  const componentAppid = envValue(invocation.env, 'COMPONENT_APPID');
  if (!componentAppid) throw createError(LOCAL.AUTHORIZER_NEEDS_COMPONENT, { detail: 'Set COMPONENT_APPID: the authorizers are kept per third-party platform.' });
  const registry = createAuthorizerRegistry(componentAppid, authorizerCollectionName(invocation.env));
  const records = await registry.list(invocation.deadline);
  return { componentAppid, total: records.length, authorizers: records.map(publicView) };
}
