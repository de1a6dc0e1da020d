import { envValue } from '../core/envValue';
import { createAuthorizerRegistry, authorizerCollectionName, publicView } from '../authorizers/authorizerRegistry';
import { infoView, type LifecycleRecord } from '../authorizers/authorizerLifecycle';
import { readTicketHealth, TICKET_STALE_AFTER_SECONDS, type TicketHealth } from '../component/ticketHealth';
import { createError, LOCAL, toWxError } from '../errors';
import type { Invocation } from '../core/invocation';
import type { ListAuthorizersEvent } from '../schemas/events';
import { DEFAULT_TOKEN_COLLECTION } from '../tokens/tokenSourceFromEnv';

export interface AuthorizersPage {
  componentAppid: string;
  /** How many accounts the registry holds for this platform, authorized or revoked. */
  total: number;
  paging: { offset: number; limit: number; returned: number; nextOffset: number | null };
  authorizers: Array<ReturnType<typeof publicView> & ReturnType<typeof infoView>>;
  /**
   * Whether the ticket pushes still arrive (componentEvents stores them): `stale` and a message
   * when the last one is older than 30 minutes; null when it could not be read.
   */
  ticket: (TicketHealth & { message?: { zh: string; en: string } }) | null;
}

/**
 * The accounts the platform holds credentials for, as the registry has them (authorized and
 * revoked), with their granted permission sets, their name, avatar and principal when reconcile
 * has read them (api_get_authorizer_info), and no token of any kind (publicView, infoView). An
 * admin picks `authorizerAppid` for getOwnList / getPluginDevApplyList from here.
 */
export async function listAuthorizers(event: ListAuthorizersEvent, invocation: Invocation): Promise<AuthorizersPage> {
  const componentAppid = envValue(invocation.env, 'COMPONENT_APPID');
  if (!componentAppid) throw createError(LOCAL.AUTHORIZER_NEEDS_COMPONENT, { detail: 'Set COMPONENT_APPID: the authorizers are kept per third-party platform.' });
  const registry = createAuthorizerRegistry(componentAppid, authorizerCollectionName(invocation.env));
  const tokenCollection = envValue(invocation.env, 'TOKEN_COLLECTION') ?? DEFAULT_TOKEN_COLLECTION;
  // One page at a time with the total beside it: nothing is dropped however many accounts
  // authorized, and a page of 1000 stays far under the 1 MB result limit (a few hundred bytes each).
  const [{ records, total }, ticket] = await Promise.all([
    registry.listPage(event.offset, event.limit, invocation.deadline),
    readTicketHealth(tokenCollection, componentAppid, invocation.deadline.clock.now(), invocation.deadline).catch((thrown: unknown) => {
      // The list is what was asked for; the ticket's health is a courtesy.
      invocation.log.warn('ticket health not read', { errCode: toWxError(thrown).code });
      return null;
    }),
  ]);
  const next = event.offset + records.length;
  return {
    componentAppid,
    total,
    paging: { offset: event.offset, limit: event.limit, returned: records.length, nextOffset: next < total ? next : null },
    authorizers: records.map((record) => ({ ...publicView(record), ...infoView(record as LifecycleRecord) })),
    ticket: ticket && ticket.stale ? { ...ticket, message: staleMessage(ticket) } : ticket,
  };
}

function staleMessage(ticket: TicketHealth): { zh: string; en: string } {
  const minutes = Math.floor((ticket.ageSeconds ?? 0) / 60);
  return {
    zh: `最近一次 component_verify_ticket 推送在 ${minutes} 分钟前（超过 ${TICKET_STALE_AFTER_SECONDS / 60} 分钟）：推送可能已中断。请检查「授权事件接收 URL」，或运行 componentAdmin {"action":"restart_ticket_push"}。`,
    en: `The last component_verify_ticket push arrived ${minutes} minutes ago (over ${TICKET_STALE_AFTER_SECONDS / 60}): the pushes may have stopped. Check the authorization event URL, or run componentAdmin {"action":"restart_ticket_push"}.`,
  };
}
