import { FUNC_SET } from '../authorizers/funcSets';
import { createError, LOCAL } from '../errors';
import type { Invocation } from '../core/invocation';
import { describeBytes, itemsThatFit, jsonByteLength } from '../core/resultSize';
import type { PluginApplyListEvent } from '../schemas/events';
import type { PluginApplicant } from '../schemas/pluginApplyList';
import type { Via } from '../transport/types';
import { PLUGIN_DEV_APPLY_LIST } from '../upstream/descriptors';
import { expectedTotalOf } from './expectedTotal';
import { httpsTransportFor } from '../upstream/httpsTransportFor';
import type { Fallback } from '../upstream/cloudFirstRoute';
import { createPluginListSource } from '../upstream/pluginListSource';
import { wholeList, type WholeListSummary } from './wholeList';

export interface PluginApplicantsPage {
  via: Via;
  /** Set when the cloud path could not be used here and HTTPS answered instead. */
  fallback?: Fallback;
  /** The account listed, when the event named one (third-party flow, HTTPS only). */
  authorizerAppid?: string;
  paging: { page: number; num: number; returned: number; nextPage: number | null };
  applicants: PluginApplicant[];
  /** Unknown top-level fields of the upstream answer, camelCased. */
  extra: Record<string, unknown>;
}

export interface AllPluginApplicants extends Pick<WholeListSummary<PluginApplicant>, 'paging' | 'counts' | 'rest'> {
  via: Via;
  fallback?: Fallback;
  authorizerAppid?: string;
  applicants: PluginApplicant[];
  extra: Record<string, unknown>;
}

export const PLUGIN_REST_WHERE =
  'Page on with {"page": 2, "num": 1000} and so on, or read the plugin_applicants collection that syncLists keeps (README, "Reading the lists from a Mini Program").';

/** dev_apply_list (docs/platform/plugin-manager.md): one page (`page`, `num`), or with `all: true` every page. */
export async function listPluginApplicants(event: PluginApplyListEvent, invocation: Invocation): Promise<PluginApplicantsPage | AllPluginApplicants> {
  let direct;
  if (event.authorizerAppid !== undefined) {
    // Another account's applicants: the cloud path only ever acts as this account itself.
    direct = await httpsTransportFor(invocation.env, { authorizerAppid: event.authorizerAppid }, FUNC_SET.PLUGIN_MANAGEMENT, invocation.deadline);
    if (!direct) throw createError(LOCAL.AUTHORIZER_NEEDS_COMPONENT, { functionName: PLUGIN_DEV_APPLY_LIST.name });
  }
  const account = direct?.authorizerAppid ? { authorizerAppid: direct.authorizerAppid } : {};
  const source = createPluginListSource(invocation, direct);
  let via: Via = direct ? 'https' : 'cloud';
  if (event.all) {
    const expected = await expectedTotalOf('plugin', invocation, direct?.authorizerAppid);
    const summary = await wholeList(
      async (index, size) => {
        const page = await source.fetchPage(index + 1, size);
        via = page.via;
        return page.items;
      },
      invocation,
      PLUGIN_REST_WHERE,
      expected,
    );
    const fallback = source.fallback();
    return {
      via, ...(fallback ? { fallback } : {}), ...account, paging: summary.paging, counts: summary.counts,
      ...(summary.rest ? { rest: summary.rest } : {}), applicants: summary.items, extra: {},
    };
  }
  const list = await source.fetchPage(event.page, event.num);
  const fallback = source.fallback();
  return {
    via: list.via,
    ...(fallback ? { fallback } : {}),
    ...account,
    paging: { page: event.page, num: event.num, returned: list.items.length, nextPage: list.items.length < event.num ? null : event.page + 1 },
    applicants: list.items,
    extra: list.extra,
  };
}

/**
 * dev_apply_list pages by `page` and `num` (docs/platform/plugin-manager.md, "Actions"): a shorter
 * page could not say where to continue (page + 1 would skip the rest), so a page over the 1 MB
 * result limit is an error saying which `num` fits, from the sizes of the items of this very page.
 * (`all: true` keeps under the limit by itself: wholeList.ts answers the first page and where the
 * rest is.)
 */
export function refusePluginApplicantsPage(page: PluginApplicantsPage | AllPluginApplicants, budgetBytes: number): never {
  const fits = itemsThatFit(page, 'applicants', budgetBytes);
  const num = 'num' in page.paging ? page.paging.num : page.applicants.length;
  throw createError(LOCAL.RESULT_WOULD_EXCEED_LIMIT, {
    functionName: PLUGIN_DEV_APPLY_LIST.name,
    detail:
      `This page of ${page.applicants.length} applicants would be ${describeBytes(jsonByteLength(page))} of JSON; a function result must stay under 1 MB. ` +
      (fits > 0 ? `About ${fits} of these applicants fit: ask with num <= ${fits}.` : 'Even one of these applicants is too large.'),
    issues: [{ field: 'num', expected: fits > 0 ? `at most ${fits} for applicants this large` : 'a smaller page', received: `${num} (number)` }],
  });
}
