import type { Invocation } from '../core/invocation';
import { embeddedAccount, pluginAccount, type ListKind } from '../sync/accounts';
import { listStateId, syncCollections } from '../sync/collections';

/** A hint is worth at most this long a wait: listing works without it, only slower. */
const HINT_BUDGET_MS = 800;

/**
 * How long the list was at the last sync (sync_state), so listAll may fetch the pages it is
 * expected to hold concurrently (for the account listed: the one named, else the environment's).
 * Best effort: no state, no database or no time means no hint.
 */
export async function expectedTotalOf(list: ListKind, invocation: Invocation, named?: string): Promise<number | undefined> {
  // The account named in the event (third-party platform), else the environment's own: syncLists keeps one state per account.
  const account = named ?? (list === 'plugin' ? pluginAccount(invocation.env) : embeddedAccount(invocation.env));
  const deadline = invocation.deadline.within(HINT_BUDGET_MS);
  try {
    const { data } = await syncCollections().state.run((c) => c.doc(listStateId(list, account)).get(), deadline, 'reading the last list size');
    const total = (data as { lastTotal?: unknown } | null)?.lastTotal;
    return typeof total === 'number' && Number.isInteger(total) && total >= 0 ? total : undefined;
  } catch (error) {
    invocation.log.debug('no list size hint', { list, reason: String((error as Error)?.message ?? error) });
    return undefined;
  }
}
