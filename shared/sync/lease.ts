import type { CloudCollection } from '../database/cloudDatabase';
import { toWxError, UPSTREAM } from '../errors';
import type { Deadline } from '../core/deadline';

const LEASE_ID = 'lease:syncLists';
const DUPLICATE_KEY = UPSTREAM.DATABASE_REQUEST_FAILED; // E11000 among others (catalog.ts)

/**
 * One sync at a time across every instance: a lease document in the database, taken with a
 * conditional update (the database applies where(...).update atomically, a compare-and-set) or
 * created when absent (a duplicate _id means someone else created it first). It lapses on its
 * own at `until`, so a run killed by the platform never blocks the next one for long.
 */
export async function acquireLease(state: CloudCollection, holder: string, until: number, now: number, deadline: Deadline): Promise<{ held: true } | { held: false; until?: number }> {
  const taken = await state.run(
    (c, _) => c.where({ _id: LEASE_ID, until: _.lt(now) }).update({ data: { holder, until } }),
    deadline,
    'taking the sync lease',
  );
  if (taken.stats.updated === 1) return { held: true };
  try {
    await state.run((c) => c.add({ data: { _id: LEASE_ID, holder, until } }), deadline, 'creating the sync lease');
    return { held: true };
  } catch (thrown) {
    if (toWxError(thrown).code !== DUPLICATE_KEY) throw thrown;
  }
  const { data } = await state.run((c) => c.where({ _id: LEASE_ID }).get(), deadline, 'reading the sync lease');
  const current = data[0] as { until?: number } | undefined;
  return { held: false, until: current?.until };
}

/**
 * Gives the lease back early, only if this run still holds it. Tried even when a database step
 * of this run ran out of time before (a slow machine, not only a dead database): a lease left
 * held refuses every run until it lapses, an admin's "Sync now" included.
 */
export async function releaseLease(state: CloudCollection, holder: string, deadline: Deadline): Promise<void> {
  await state.run((c) => c.where({ _id: LEASE_ID, holder }).update({ data: { until: 0 } }), deadline, 'releasing the sync lease', { evenIfStalled: true });
}
