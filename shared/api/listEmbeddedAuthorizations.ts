import type { Invocation } from '../handler/createHandler';
import { EMBEDDED_FLAG, labelOf, type EmbeddedFlagLabel } from '../normalize/labels';
import type { EmbeddedAuthorization } from '../schemas/embeddedList';
import type { OwnListEvent } from '../schemas/events';
import { createEmbeddedListSource } from './embeddedListSource';
import { expectedTotalOf } from './expectedTotal';
import { wholeList, type WholeListSummary } from './wholeList';

export interface EmbeddedAuthorizationsPage {
  via: 'https';
  tokenProvider: string;
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
  embeddedFlag?: number;
  embeddedFlagLabel?: EmbeddedFlagLabel;
  authorizations: EmbeddedAuthorization[];
  extra: Record<string, unknown>;
}

export const EMBEDDED_REST_WHERE =
  'Page on with {"start": 1000, "num": 1000} and so on, or read the embedded_authorizations collection that syncLists keeps (README, "Reading the lists from a Mini Program").';

const flagFields = (flag: number | undefined) => (flag === undefined ? {} : { embeddedFlag: flag, embeddedFlagLabel: labelOf(EMBEDDED_FLAG, flag) });

/** GET /wxaapi/wxaembedded/get_own_list (000_9eef388058d54acd.txt): one range, or with `all: true` every page. */
export async function listEmbeddedAuthorizations(event: OwnListEvent, invocation: Invocation): Promise<EmbeddedAuthorizationsPage | AllEmbeddedAuthorizations> {
  const source = createEmbeddedListSource(invocation);
  if (event.all) {
    let flag: number | undefined;
    const expected = await expectedTotalOf('embedded', invocation);
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
      via: 'https', tokenProvider: source.provider, paging: summary.paging, counts: summary.counts,
      ...(summary.rest ? { rest: summary.rest } : {}), ...flagFields(flag), authorizations: summary.items, extra: {},
    };
  }
  const list = await source.fetchRange(event.start, event.num);
  return {
    via: 'https',
    tokenProvider: source.provider,
    paging: { start: event.start, num: event.num, returned: list.items.length, nextStart: list.items.length < event.num ? null : event.start + list.items.length },
    ...flagFields(list.embeddedFlag),
    authorizations: list.items,
    extra: list.extra,
  };
}
