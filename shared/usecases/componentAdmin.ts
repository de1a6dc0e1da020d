import { createAuthorizationLink, type AuthorizationLink } from '../component/authorizationLink';
import { componentAdminSetupFromEnv } from '../component/componentAdminSetup';
import { startPushTicket } from '../component/componentApis';
import { componentStatus, type ComponentStatus } from '../component/componentStatus';
import { reconcileAuthorizers, type ReconcileResult } from '../component/reconcile';
import { readTicketHealth, type TicketHealth } from '../component/ticketHealth';
import type { Invocation } from '../core/invocation';
import type { ComponentAdminEvent } from '../schemas/componentAdmin';
import { auditedWrite } from '../writes/auditedWrite';

const FUNCTION_NAME = 'componentAdmin';

/** These act on no list entry: the audit record keeps who, what and how it ended, with no per-appid outcomes. */
type Audited<T> = T & { outcomes?: undefined };

export interface TicketPushRestart {
  restarted: true;
  /** The ticket as it was before asking: a newer receivedAt in status says the push arrived. */
  ticketBefore: TicketHealth;
}

export type ComponentAdminResult = ComponentStatus | AuthorizationLink | ReconcileResult | TicketPushRestart;

/**
 * A third-party platform's whole life (docs/functions/componentAdmin.md): bring a merchant in
 * (create_link), recover accounts whose push was lost or whose refresh token went bad
 * (reconcile), make WeChat push the ticket again (restart_ticket_push), and see all of it
 * (status). Admins only, as every function; the three that act also follow OPERATOR_OPENIDS and
 * are audited like the writes. `now` is the clock (tests pass a virtual one with the deadline).
 */
export async function componentAdmin(event: ComponentAdminEvent, invocation: Invocation, now: () => number = () => invocation.deadline.clock.now()): Promise<ComponentAdminResult> {
  const setup = () => componentAdminSetupFromEnv(invocation.env, FUNCTION_NAME);
  switch (event.action) {
    case 'status':
      return componentStatus(setup(), now(), invocation.deadline);
    case 'create_link': {
      const call = { functionName: FUNCTION_NAME, action: event.action, targets: event.bizAppid ? [event.bizAppid] : [], dryRun: false };
      return auditedWrite<Audited<AuthorizationLink>>(call, invocation, (deadline) =>
        createAuthorizationLink(setup(), { redirectUri: event.redirectUri, authType: event.authType, ...(event.bizAppid ? { bizAppid: event.bizAppid } : {}) }, now, deadline),
      );
    }
    case 'reconcile':
      return auditedWrite<Audited<ReconcileResult>>({ functionName: FUNCTION_NAME, action: event.action, targets: [], dryRun: false }, invocation, (deadline) =>
        reconcileAuthorizers(setup(), deadline, invocation.log, { now }),
      );
    case 'restart_ticket_push':
      return auditedWrite<Audited<TicketPushRestart>>({ functionName: FUNCTION_NAME, action: event.action, targets: [], dryRun: false }, invocation, async (deadline) => {
        const configured = setup();
        const ticketBefore = await readTicketHealth(configured.tokenCollection, configured.config.componentAppid, now(), deadline);
        await startPushTicket(configured, deadline);
        return { restarted: true, ticketBefore };
      });
  }
}
