import type { Invocation } from '../handler/createHandler';
import type { PluginApplyListEvent } from '../schemas/events';
import type { PluginApplicant } from '../schemas/pluginApplyList';
import type { Via } from '../transport/types';
import { expectedTotalOf } from './expectedTotal';
import { createPluginListSource, type Fallback } from './pluginListSource';
import { wholeList, type WholeListSummary } from './wholeList';

export interface PluginApplicantsPage {
  via: Via;
  /** Set when the cloud path could not be used here and HTTPS answered instead. */
  fallback?: Fallback;
  paging: { page: number; num: number; returned: number; nextPage: number | null };
  applicants: PluginApplicant[];
  /** Unknown top-level fields of the upstream answer, camelCased. */
  extra: Record<string, unknown>;
}

export interface AllPluginApplicants extends Pick<WholeListSummary<PluginApplicant>, 'paging' | 'counts' | 'rest'> {
  via: Via;
  fallback?: Fallback;
  applicants: PluginApplicant[];
  extra: Record<string, unknown>;
}

export const PLUGIN_REST_WHERE =
  'Page on with {"page": 2, "num": 1000} and so on, or read the plugin_applicants collection that syncLists keeps (README, "Reading the lists from a Mini Program").';

/** 002_75be91f7a4c61c42.txt: one page (`page`, `num`), or with `all: true` every page. */
export async function listPluginApplicants(event: PluginApplyListEvent, invocation: Invocation): Promise<PluginApplicantsPage | AllPluginApplicants> {
  const source = createPluginListSource(invocation);
  let via: Via = 'cloud';
  if (event.all) {
    const expected = await expectedTotalOf('plugin', invocation);
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
    return { via, ...(fallback ? { fallback } : {}), paging: summary.paging, counts: summary.counts, ...(summary.rest ? { rest: summary.rest } : {}), applicants: summary.items, extra: {} };
  }
  const list = await source.fetchPage(event.page, event.num);
  const fallback = source.fallback();
  return {
    via: list.via,
    ...(fallback ? { fallback } : {}),
    paging: { page: event.page, num: event.num, returned: list.items.length, nextPage: list.items.length < event.num ? null : event.page + 1 },
    applicants: list.items,
    extra: list.extra,
  };
}
