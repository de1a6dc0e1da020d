import type { ErrorBody } from '../errors';
import type { ApiRequest } from '../transport/types';

/**
 * What became of one write, for a program to act on:
 * - `changed`: the write was applied (also when its answer was lost and a re-read showed it applied);
 * - `unchanged`: the account was already in the wanted state (e.g. approving an applicant
 *   already approved, deleting one already gone): nothing to do, not a failure;
 * - `failed`: not applied, with the catalog error (`error`);
 * - `not_attempted`: nothing was sent, the function ran out of time first (`error` -910031).
 */
export type OutcomeKind = 'changed' | 'unchanged' | 'failed' | 'not_attempted';

export interface WriteOutcome {
  appid?: string;
  /** set_authorize only: the mode asked for. */
  flag?: number;
  outcome: OutcomeKind;
  /** Requests sent for this target: 0 (dry run, not attempted), 1, or 2 (resent after a re-read). */
  sent: number;
  /** Set when an answer was lost (timeout, reset, 5xx): what the re-read showed and what was done. */
  answerLost?: {
    /**
     * `applied`: the re-read showed the write took effect, not resent; `resent`: it had not, sent
     * once more; `not_applied`: it had not and no longer can (the state moved on), not resent;
     * `unknown`: no re-read was possible, not resent.
     */
    resolution: 'applied' | 'resent' | 'not_applied' | 'unknown';
  };
  /** Set when WeChat's own answer (e.g. 89240 "not pending") was checked against a re-read. */
  decidedByReread?: true;
  error?: ErrorBody;
}

/** A target's state as a re-read shows it, relative to one write. */
export type TargetState = 'wanted' | 'actionable' | 'other';

/** What one re-read showed: the state, and what the target is now as a clause (`it is now approved (status 2)`), for a failed outcome's detail. */
export interface Reread {
  state: TargetState;
  now?: string;
}

/** One write, and how to tell from the list whether it took effect. */
export interface WriteSpec {
  request: ApiRequest;
  /** One list re-read, for this target. */
  reread(): Promise<Reread>;
  /** WeChat codes that by their meaning say the target is already in the wanted state (e.g. dev_delete 89242: already gone). */
  alreadyDone?: ReadonlySet<number>;
  /** State codes whose meaning is ambiguous (89240: not pending — approved already, or refused?): a re-read decides. */
  decideByReread?: ReadonlySet<number>;
}
