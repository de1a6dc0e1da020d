import { DUPLICATE_KEY, reconcileStateKey } from '../authorizers/authorizerLifecycle';
import type { ComponentSetup } from '../authorizers/componentSetup';
import type { Deadline } from '../core/deadline';
import { cloudCollection, type CloudCollection, type Command } from '../database/cloudDatabase';
import { toWxError, type ErrorBody } from '../errors';

/** What a reconcile did to the registry. */
export interface ReconcileCounts {
  added: number;
  repaired: number;
  revoked: number;
  unchanged: number;
}

export const zeroReconcileCounts = (): ReconcileCounts => ({ added: 0, repaired: 0, revoked: 0, unchanged: 0 });

/**
 * A pull of WeChat's authorizer list in progress, saved after every page so that the next call
 * goes on from there (in any instance). `listed` holds every appid seen so far: only a pull that
 * reached the end, with the same total on every page, may revoke what it did not see.
 */
export interface ReconcilePass {
  id: string;
  /** Epoch ms: records changed after this are newer than the pull and left alone. */
  startedAt: number;
  /** The next offset to pull. */
  offset: number;
  /** total_count of the first page; another on a later page means the list moved under the pull. */
  totalCount: number | null;
  /** The list changed during the pull: the walk goes on, but nothing is revoked and the next call starts afresh. */
  moved: boolean;
  /** The walk reached the end; what is left is revoking the accounts it did not see. */
  pulled: boolean;
  listed: string[];
  /** Accounts listed without a refresh token (WeChat sometimes omits it): kept, counted, never revoked. */
  withoutToken: string[];
  counts: ReconcileCounts;
  calls: number;
}

/** How a reconcile call (or the pass it finished) ended, as status shows it. */
export interface ReconcileSummary {
  at: number;
  complete: boolean;
  counts: ReconcileCounts;
  passId: string;
  /** The pull's total (total_count). */
  totalCount: number | null;
  reason?: string;
  error?: ErrorBody;
}

export interface ReconcileState {
  _id: string;
  /** Epoch ms: a call met 61003 / 61023 for some account and asked for a run (authorizerLifecycle.ts). */
  dueAt?: number;
  leaseOwner?: string;
  leaseUntil?: number;
  pass?: ReconcilePass | null;
  last?: ReconcileSummary;
}

/**
 * The whole value, replacing what the field held: the SDK otherwise turns a nested object of an
 * update into one `$set` per leaf, and a field the new value lacks would survive from the old.
 */
export function whole(_: Command, value: unknown): object {
  return (_ as unknown as { set(value: unknown): object }).set(value);
}

export function stateCollection(setup: ComponentSetup): CloudCollection {
  return cloudCollection(setup.tokenCollection);
}

export async function readReconcileState(setup: ComponentSetup, deadline: Deadline): Promise<ReconcileState | undefined> {
  const key = reconcileStateKey(setup.config.componentAppid);
  const result = await stateCollection(setup).run((c) => c.where({ _id: key }).get(), deadline, 'reading the reconcile state');
  return result.data[0] as ReconcileState | undefined;
}

/**
 * One reconcile at a time across instances: a compare-and-set on `leaseUntil` (or creating the
 * document, which fails for all but one). The lease lapses a little after the holder's deadline,
 * so a killed run frees it.
 */
export async function acquireReconcileLease(setup: ComponentSetup, owner: string, now: number, until: number, deadline: Deadline): Promise<boolean> {
  const key = reconcileStateKey(setup.config.componentAppid);
  const state = stateCollection(setup);
  const taken = await state.run((c, _) => c.where({ _id: key, leaseUntil: _.lt(now) }).update({ data: { leaseOwner: owner, leaseUntil: until } }), deadline, 'taking the reconcile lease');
  if (taken.stats.updated === 1) return true;
  const unleased = await state.run((c, _) => c.where({ _id: key, leaseUntil: _.exists(false) }).update({ data: { leaseOwner: owner, leaseUntil: until } }), deadline, 'taking the reconcile lease');
  if (unleased.stats.updated === 1) return true;
  try {
    await state.run((c) => c.add({ data: { _id: key, leaseOwner: owner, leaseUntil: until } }), deadline, 'taking the reconcile lease');
    return true;
  } catch (thrown) {
    if (toWxError(thrown).code !== DUPLICATE_KEY) throw thrown;
    return false;
  }
}

export async function releaseReconcileLease(setup: ComponentSetup, owner: string, deadline: Deadline): Promise<void> {
  const key = reconcileStateKey(setup.config.componentAppid);
  await stateCollection(setup).run((c) => c.where({ _id: key, leaseOwner: owner }).update({ data: { leaseUntil: 0 } }), deadline, 'releasing the reconcile lease', { evenIfStalled: true });
}

/** Saves what the lease holder learned: its pass (or none), and the last result. */
export async function saveReconcileState(
  setup: ComponentSetup,
  owner: string,
  update: { pass: ReconcilePass | null; last?: ReconcileSummary; clearDueBefore?: number },
  deadline: Deadline,
): Promise<void> {
  const key = reconcileStateKey(setup.config.componentAppid);
  const state = stateCollection(setup);
  await state.run(
    (c, _) => c.where({ _id: key, leaseOwner: owner }).update({ data: { pass: whole(_, update.pass), ...(update.last ? { last: whole(_, update.last) } : {}) } }),
    deadline,
    'saving the reconcile progress',
    { evenIfStalled: true },
  );
  if (update.clearDueBefore !== undefined) {
    // A mark made after the pass began may concern an account already pulled: it asks for the next one.
    await state.run((c, _) => c.where({ _id: key, dueAt: _.lt(update.clearDueBefore as number) }).update({ data: { dueAt: _.remove() } }), deadline, 'clearing the reconcile request');
  }
}
