import type { Deadline } from '../core/deadline';

/**
 * How long one call to the shared token store may take (issue 11). The store is an
 * optimization: when the database stalls, the token must still be fetched directly in the time
 * that is left, so a store call gets a quarter of the remaining time, at least 250 ms and at
 * most 1.5 s. A healthy CloudBase database answers in tens of milliseconds; wx-server-sdk itself
 * only warns after 3 s and gives up after about 15 s, far past a 3 s function limit
 * (platform-notes.md, "Function configuration and limits").
 */
const SHARE = 0.25;
const MIN_MS = 250;
const MAX_MS = 1500;

export function storeDeadline(deadline: Deadline): Deadline {
  return deadline.within(Math.min(MAX_MS, Math.max(MIN_MS, Math.floor(deadline.remaining() * SHARE))));
}
