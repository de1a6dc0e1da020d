import { LIST_PAGE_SIZE } from '../upstream/listAll';

/**
 * The share of a list's stored entries that may vanish in one pass before the pass doubts its
 * own reading: a tenth. A list changes by a few entries between two runs ten minutes apart; what
 * makes a whole share vanish at once is a bad answer (an empty list, a short page that ends the
 * list early), which takes a page or all of it. A tenth catches any list of up to ten pages
 * losing a page; longer lists are caught by the page rule below; lists of a few entries are
 * re-read for any loss, which costs one call.
 */
export const SUSPECT_SHARE = 0.1;

/**
 * Whether a pass that listed `listed` entries and would mark `missing` of the `stored` live
 * entries gone must read the list again first: when the list came back empty, when it lost
 * more than SUSPECT_SHARE of its entries, or when it lost a page's worth (1000) or more.
 */
export function isSharpShrink(missing: number, stored: number, listed: number): boolean {
  if (missing <= 0) return false;
  return listed === 0 || missing > stored * SUSPECT_SHARE || missing >= LIST_PAGE_SIZE;
}
