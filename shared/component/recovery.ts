import type { ComponentSetup } from '../authorizers/componentSetup';
import { envValue } from '../core/envValue';
import type { Invocation } from '../core/invocation';
import { createError, LOCAL, toWxError, type ErrorBody } from '../errors';
import type { NotifyConfig } from '../notify/notifyConfig';
import { queueAlert } from '../notify/outbox';
import { syncCollections } from '../sync/collections';
import type { Deadline } from '../core/deadline';
import { componentAdminSetupFromEnv, componentConfigured } from './componentAdminSetup';
import { reconcileAuthorizers, type ReconcileResult } from './reconcile';
import { readReconcileState } from './reconcileState';
import { readTicketHealth, TICKET_STALE_AFTER_SECONDS, type TicketHealth } from './ticketHealth';

/** RECONCILE_INTERVAL_HOURS: how often syncLists reconciles on its own (default 24; 0: only when a call asked). */
export const DEFAULT_RECONCILE_INTERVAL_HOURS = 24;

export function reconcileIntervalMs(env: NodeJS.ProcessEnv): number {
  const raw = envValue(env, 'RECONCILE_INTERVAL_HOURS');
  if (raw === undefined) return DEFAULT_RECONCILE_INTERVAL_HOURS * 3600_000;
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours < 0 || hours > 24 * 365) {
    throw createError(LOCAL.CONFIG_INVALID, { detail: `RECONCILE_INTERVAL_HOURS must be a number of hours from 0 (only when a call met 61003 / 61023) to 8760, got "${raw}".` });
  }
  return Math.round(hours * 3600_000);
}

export interface RecoveryResult {
  /** Why a reconcile ran this time, or why not. */
  reconcile: { ran: false; why: 'not due' | 'no time' } | ({ ran: true; why: 'interval' | 'asked' | 'unfinished' } & Pick<ReconcileResult, 'complete' | 'counts' | 'reason' | 'error'>);
  ticket: TicketHealth;
  /** Messages queued telling admins the ticket stopped arriving (once per stale ticket). */
  alertsQueued: number;
  error?: ErrorBody;
}

/** Less than this left for recovery: leave it to the next run. */
const MIN_RECONCILE_MS = 1500;

/**
 * What syncLists does for a third-party platform besides its lists (docs/third-party-lifecycle.md,
 * "Recovery without anyone asking"): it reconciles the registry with WeChat's authorizer list
 * once per RECONCILE_INTERVAL_HOURS, soon after any call met 61003 / 61023 for an account (the
 * mark asks for it), and until an unfinished pass is done; and when the last ticket push is older
 * than 30 minutes, it queues one alert to the admins, sent with the run's other notifications.
 * Nothing here fails the sync: what goes wrong is reported in its result.
 */
export async function componentRecovery(invocation: Invocation, notify: NotifyConfig, deadline: Deadline, now: () => number = () => deadline.clock.now()): Promise<RecoveryResult | undefined> {
  if (!componentConfigured(invocation.env)) return undefined;
  const ticket: TicketHealth = { receivedAt: null, ageSeconds: null, stale: false };
  try {
    const setup = componentAdminSetupFromEnv(invocation.env, 'syncLists');
    const interval = reconcileIntervalMs(invocation.env);
    Object.assign(ticket, await readTicketHealth(setup.tokenCollection, setup.config.componentAppid, now(), deadline));
    const alertsQueued = ticket.stale ? await queueTicketAlert(setup, ticket, notify, now(), deadline) : 0;

    const state = await readReconcileState(setup, deadline);
    const why = state?.pass ? 'unfinished' : state?.dueAt !== undefined ? 'asked' : interval > 0 && (!state?.last || now() - state.last.at >= interval) ? 'interval' : undefined;
    if (why === undefined) return { reconcile: { ran: false, why: 'not due' }, ticket, alertsQueued };
    if (deadline.remaining() < MIN_RECONCILE_MS) return { reconcile: { ran: false, why: 'no time' }, ticket, alertsQueued };
    const result = await reconcileAuthorizers(setup, deadline, invocation.log, { now });
    return {
      reconcile: { ran: true, why, complete: result.complete, counts: result.counts, ...(result.reason ? { reason: result.reason } : {}), ...(result.error ? { error: result.error } : {}) },
      ticket,
      alertsQueued,
    };
  } catch (thrown) {
    const error = toWxError(thrown);
    invocation.log.warn('third-party recovery failed', { errCode: error.code, name: error.entry.name });
    return { reconcile: { ran: false, why: 'not due' }, ticket, alertsQueued: 0, error: error.body };
  }
}

async function queueTicketAlert(setup: ComponentSetup, ticket: TicketHealth, notify: NotifyConfig, now: number, deadline: Deadline): Promise<number> {
  const minutes = Math.floor((ticket.ageSeconds ?? 0) / 60);
  const at = new Date((ticket.receivedAt ?? 0) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' '); // Beijing time
  const componentAppid = setup.config.componentAppid;
  const markdown = [
    `**第三方平台票据 component_verify_ticket** · ${componentAppid}`,
    `> 最近一次推送：${at}（${minutes} 分钟前）。微信每 10 分钟推送一次，超过 ${TICKET_STALE_AFTER_SECONDS / 60} 分钟未收到。`,
    '> 请检查开放平台「授权事件接收 URL」与 componentEvents 的 HTTP 访问路径，或运行 componentAdmin {"action":"restart_ticket_push"}。',
    `> The last ticket push arrived ${minutes} minutes ago (${at} Beijing time); WeChat pushes one every 10 minutes.`,
    '> Check the authorization event URL against componentEvents\' HTTP access path, or run componentAdmin {"action":"restart_ticket_push"}.',
  ].join('\n');
  const data = {
    thing1: { value: '第三方平台票据未送达' },
    number2: { value: String(minutes) },
    time3: { value: at },
  };
  return queueAlert(syncCollections().notifications, { key: `ticket-stale:${componentAppid}:${ticket.receivedAt}`, account: componentAppid, markdown, data }, notify, now, deadline);
}
