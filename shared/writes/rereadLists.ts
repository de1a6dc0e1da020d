import type { Deadline } from '../core/deadline';
import { sendRequest } from '../transport/sendRequest';
import type { ApiDescriptor, Transport } from '../transport/types';
import { GET_OWN_LIST, PLUGIN_DEV_APPLY_LIST } from '../upstream/descriptors';
import { normalizeEmbeddedList } from '../schemas/embeddedList';
import { normalizePluginApplyList } from '../schemas/pluginApplyList';

/**
 * The re-reads that decide a write's outcome: the list walked a page of 1000 at a time (a read,
 * so the ordinary retry policy applies) until the target shows up or the list ends. `undefined`
 * means the target is not in the list.
 */
const PAGE = 1000;
/** A runaway guard: 100 pages of 1000 is far past any documented list size (10000 authorizations). */
const MAX_PAGES = 100;

/** The status of one plugin applicant (dev_apply_list, pages from 1). */
export async function applicantStatus(transport: Transport, appid: string, deadline: Deadline): Promise<number | undefined> {
  for (let page = 1; page <= MAX_PAGES; page++) {
    const reply = await sendRequest(transport, { api: PLUGIN_DEV_APPLY_LIST, params: { action: 'dev_apply_list', page, num: PAGE } }, deadline);
    const list = normalizePluginApplyList(reply.body);
    const found = list.items.find((a) => a.appid === appid);
    if (found) return found.status;
    if (list.items.length < PAGE) return undefined;
  }
  return undefined;
}

/** The status of one half-screen record in get_own_list (who may open us) or get_list (whom we embed). */
export async function embeddedStatus(transport: Transport, list: ApiDescriptor, appid: string, deadline: Deadline): Promise<number | undefined> {
  for (let start = 0; start < PAGE * MAX_PAGES; start += PAGE) {
    const reply = await sendRequest(transport, { api: list, params: { start, num: PAGE } }, deadline);
    const page = normalizeEmbeddedList(reply.body);
    const found = page.items.find((a) => a.appid === appid);
    if (found) return found.status;
    if (page.items.length < PAGE) return undefined;
  }
  return undefined;
}

/** The account's current half-screen authorization mode (get_own_list's top-level embedded_flag). */
export async function embeddedMode(transport: Transport, deadline: Deadline): Promise<number | undefined> {
  const reply = await sendRequest(transport, { api: GET_OWN_LIST, params: { start: 0, num: 1 } }, deadline);
  return normalizeEmbeddedList(reply.body).embeddedFlag;
}
