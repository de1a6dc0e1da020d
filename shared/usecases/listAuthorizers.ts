import { envValue } from '../core/envValue';
import { createAuthorizerRegistry, authorizerCollectionName, publicView } from '../authorizers/authorizerRegistry';
import { createError, LOCAL } from '../errors';
import type { Invocation } from '../core/invocation';
import type { ListAuthorizersEvent } from '../schemas/events';

export interface AuthorizersPage {
  componentAppid: string;
  /** How many accounts the registry holds for this platform, authorized or revoked. */
  total: number;
  paging: { offset: number; limit: number; returned: number; nextOffset: number | null };
  authorizers: Array<ReturnType<typeof publicView>>;
}

/**
 * The accounts the platform holds credentials for, as the registry has them (authorized and
 * revoked), with their granted permission sets and no token of any kind (publicView). An admin
 * picks `authorizerAppid` for getOwnList / getPluginDevApplyList from here.
 */
export async function listAuthorizers(event: ListAuthorizersEvent, invocation: Invocation): Promise<AuthorizersPage> {
  const componentAppid = envValue(invocation.env, 'COMPONENT_APPID');
  if (!componentAppid) throw createError(LOCAL.AUTHORIZER_NEEDS_COMPONENT, { detail: 'Set COMPONENT_APPID: the authorizers are kept per third-party platform.' });
  const registry = createAuthorizerRegistry(componentAppid, authorizerCollectionName(invocation.env));
  // One page at a time with the total beside it: nothing is dropped however many accounts
  // authorized, and a page of 1000 stays far under the 1 MB result limit (a few hundred bytes each).
  const { records, total } = await registry.listPage(event.offset, event.limit, invocation.deadline);
  const next = event.offset + records.length;
  return {
    componentAppid,
    total,
    paging: { offset: event.offset, limit: event.limit, returned: records.length, nextOffset: next < total ? next : null },
    authorizers: records.map(publicView),
  };
}
