import { createError, LOCAL } from '../errors';
import type { Invocation } from '../handler/createHandler';
import { itemsThatFit } from '../handler/resultSize';
import { EMBEDDED_FLAG, labelOf, type EmbeddedFlagLabel } from '../normalize/labels';
import { normalizeEmbeddedList, type EmbeddedAuthorization } from '../schemas/embeddedList';
import type { OwnListEvent } from '../schemas/events';
import { sendRequest } from '../transport/sendRequest';
import { GET_OWN_LIST } from './descriptors';
import { FUNC_SET } from '../authorizers/funcSets';
import { httpsTransportFor } from './httpsTransportFor';
import { logRetry } from './logRetry';

export interface EmbeddedAuthorizationsPage {
  via: 'https';
  tokenProvider: string;
  /** The account listed (third-party flow). */
  authorizerAppid?: string;
  paging: { start: number; num: number; returned: number; nextStart: number | null };
  /** The account's current authorization mode (top-level `embedded_flag`), when the answer carries it. */
  embeddedFlag?: number;
  embeddedFlagLabel?: EmbeddedFlagLabel;
  authorizations: EmbeddedAuthorization[];
  extra: Record<string, unknown>;
}

/** GET /wxaapi/wxaembedded/get_own_list with the configured token provider (000_9eef388058d54acd.txt). */
export async function listEmbeddedAuthorizations(event: OwnListEvent, invocation: Invocation): Promise<EmbeddedAuthorizationsPage> {
  const https = await httpsTransportFor(invocation.env, { authorizerAppid: event.authorizerAppid }, FUNC_SET.HALF_SCREEN, invocation.deadline);
  if (!https) throw createError(LOCAL.TOKEN_NOT_CONFIGURED, { functionName: GET_OWN_LIST.name });
  const reply = await sendRequest(https.transport, { api: GET_OWN_LIST, params: { start: event.start, num: event.num } }, invocation.deadline, {
    onRetry: logRetry(invocation.log),
  });
  const list = normalizeEmbeddedList(reply.body);
  return {
    via: 'https',
    tokenProvider: https.provider,
    ...(https.authorizerAppid ? { authorizerAppid: https.authorizerAppid } : {}),
    paging: { start: event.start, num: event.num, returned: list.items.length, nextStart: list.items.length < event.num ? null : event.start + list.items.length },
    ...(list.embeddedFlag === undefined ? {} : { embeddedFlag: list.embeddedFlag, embeddedFlagLabel: labelOf(EMBEDDED_FLAG, list.embeddedFlag) }),
    authorizations: list.items,
    extra: list.extra,
  };
}

/**
 * A page over the 1 MB result limit (createHandler) becomes the longest leading part that fits;
 * `paging` says so and where to continue: `returned` items, `nextStart` = start + returned.
 */
export function fitEmbeddedAuthorizationsPage(page: EmbeddedAuthorizationsPage, budgetBytes: number): EmbeddedAuthorizationsPage {
  const fits = itemsThatFit(page, 'authorizations', budgetBytes);
  if (fits === 0) {
    throw createError(LOCAL.RESULT_WOULD_EXCEED_LIMIT, {
      functionName: GET_OWN_LIST.name,
      detail: `The authorization at start=${page.paging.start} alone is too large for a function result.`,
    });
  }
  const { start, num } = page.paging;
  return { ...page, paging: { start, num, returned: fits, nextStart: start + fits }, authorizations: page.authorizations.slice(0, fits) };
}
