import { countAuthorizers } from '../authorizers/authorizerLifecycle';
import type { ComponentSetup } from '../authorizers/componentSetup';
import type { Deadline } from '../core/deadline';
import { readReconcileState, type ReconcileSummary } from './reconcileState';
import { readComponentTokenCache, readTicketHealth, type TicketHealth } from './ticketHealth';

export interface ComponentStatus {
  componentAppid: string;
  /** When the last ticket push arrived and how old it is (never the ticket). */
  ticket: TicketHealth;
  /** Whether the shared store holds a usable component token, and until when (never the token). */
  componentToken: { cached: boolean; expiresAt?: number };
  /** Accounts the registry holds: authorized, revoked, and authorized but marked for reconcile (61003 / 61023 met). */
  authorizers: { active: number; revoked: number; marked: number };
  /** The last reconcile call: when, whether its pass completed, what the pass changed. */
  lastReconcile: ReconcileSummary | null;
  /** A pass left unfinished (the next reconcile goes on from it), and a reconcile asked for by a mark. */
  reconcile: { inProgress: { passId: string; startedAt: number; listed: number; totalCount: number | null; nextOffset: number } | null; dueAt: number | null };
}

/** status: reads only (the database), no WeChat call. */
export async function componentStatus(setup: ComponentSetup, now: number, deadline: Deadline): Promise<ComponentStatus> {
  const { componentAppid } = setup.config;
  const [ticket, componentToken, authorizers, state] = await Promise.all([
    readTicketHealth(setup.tokenCollection, componentAppid, now, deadline),
    readComponentTokenCache(setup.tokenCollection, componentAppid, now, deadline),
    countAuthorizers(setup, deadline),
    readReconcileState(setup, deadline),
  ]);
  const pass = state?.pass;
  return {
    componentAppid,
    ticket,
    componentToken,
    authorizers,
    lastReconcile: state?.last ?? null,
    reconcile: {
      inProgress: pass ? { passId: pass.id, startedAt: pass.startedAt, listed: pass.listed.length, totalCount: pass.totalCount, nextOffset: pass.offset } : null,
      dueAt: typeof state?.dueAt === 'number' ? state.dueAt : null,
    },
  };
}
