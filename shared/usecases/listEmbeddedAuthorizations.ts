import { createError, LOCAL } from '../errors';
import type { Invocation } from '../core/invocation';
import { itemsThatFit } from '../core/resultSize';
import { EMBEDDED_FLAG, labelOf, type EmbeddedFlagLabel } from '../normalize/labels';
import type { EmbeddedAuthorization } from '../schemas/embeddedList';
import type { OwnListEvent } from '../schemas/events';
import { FUNC_SET } from '../authorizers/funcSets';
import { GET_OWN_LIST } from '../upstream/descriptors';
import { httpsTransportFor } from '../upstream/httpsTransportFor';
import { createEmbeddedListSource } from '../upstream/embeddedListSource';
import { expectedTotalOf } from './expectedTotal';
import { wholeList, type WholeListSummary } from './wholeList';

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

export interface AllEmbeddedAuthorizations extends Pick<WholeListSummary<EmbeddedAuthorization>, 'paging' | 'counts' | 'rest'> {
  via: 'https';
  tokenProvider: string;
  authorizerAppid?: string;
  embeddedFlag?: number;
  embeddedFlagLabel?: EmbeddedFlagLabel;
  authorizations: EmbeddedAuthorization[];
  extra: Record<string, unknown>;
}

export const EMBEDDED_REST_WHERE =
  'Page on with {"start": 1000, "num": 1000} and so on, or read the embedded_authorizations collection that syncLists keeps (README, "Reading the lists from a Mini Program").';

const flagFields = (flag: number | undefined) => (flag === undefined ? {} : { embeddedFlag: flag, embeddedFlagLabel: labelOf(EMBEDDED_FLAG, flag) });

/** GET /wxaapi/wxaembedded/get_own_list (docs/platform/half-screen.md): one range, or with `all: true` every page. */
export async function listEmbeddedAuthorizations(event: OwnListEvent, invocation: Invocation): Promise<EmbeddedAuthorizationsPage | AllEmbeddedAuthorizations> {
  const https = await httpsTransportFor(invocation.env, { authorizerAppid: event.authorizerAppid }, FUNC_SET.HALF_SCREEN, invocation.deadline);
  if (!https) throw createError(LOCAL.TOKEN_NOT_CONFIGURED, { functionName: GET_OWN_LIST.name });
  const account = https.authorizerAppid ? { authorizerAppid: https.authorizerAppid } : {};
  const source = createEmbeddedListSource(invocation, https);
  if (event.all) {
    let flag: number | undefined;
    const expected = await expectedTotalOf('embedded', invocation, https.authorizerAppid);
    const summary = await wholeList(
      async (index, size) => {
        const page = await source.fetchRange(index * size, size);
        if (index === 0) flag = page.embeddedFlag;
        return page.items;
      },
      invocation,
      EMBEDDED_REST_WHERE,
      expected,
    );
    return {
      via: 'https', tokenProvider: source.provider, ...account, paging: summary.paging, counts: summary.counts,
      ...(summary.rest ? { rest: summary.rest } : {}), ...flagFields(flag), authorizations: summary.items, extra: {},
    };
  }
  const list = await source.fetchRange(event.start, event.num);
  return {
    via: 'https',
    tokenProvider: source.provider,
    ...account,
    paging: { start: event.start, num: event.num, returned: list.items.length, nextStart: list.items.length < event.num ? null : event.start + list.items.length },
    ...flagFields(list.embeddedFlag),
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
