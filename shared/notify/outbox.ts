import type { CloudCollection } from '../database/cloudDatabase';
import { insertAll } from '../database/insertAll';
import { createError, LOCAL, toWxError, type ErrorBody } from '../errors';
import type { Logger } from '../core/logger';
import type { Deadline } from '../core/deadline';
import type { SyncAccount } from '../sync/accounts';
import type { ChangeRecord } from '../sync/changeLog';
import type { DbCounters } from '../sync/entryStore';
import { composeMarkdown, composeSubscribeData, notifyPageFor, worthTelling } from './composeMessages';
import type { NotifyConfig } from './notifyConfig';
import { sendSubscribeMessage } from './subscribeSender';
import { sendWecomMarkdown } from './wecomSender';

/** One message waiting to be sent, or sent: a document of `notifications`. */
export interface Notification {
  _id: string;
  channel: 'wecom' | 'subscribe';
  /** pending: to send (again); sent; uncertain: the answer was lost, so it may have arrived and is not sent again. */
  status: 'pending' | 'sent' | 'uncertain';
  /** The list whose changes it tells of, or `alert` for a one-off alert (queueAlert). */
  list: SyncAccount['list'] | 'alert';
  account: string;
  passId: string;
  changeCount: number;
  createdAt: number;
  attempts: number;
  sentAt?: number;
  lastError?: ErrorBody;
  markdown?: string;
  touser?: string;
  data?: Record<string, { value: string }>;
}

/**
 * Queues the messages for the changes of one completed pass: one WeCom markdown message for
 * all of them (batched), one subscribe message per admin. Ids derive from the pass, so queueing
 * the same pass again (a run that died before saving it as complete) adds nothing.
 */
export async function queueNotifications(outbox: CloudCollection, account: SyncAccount, changes: ChangeRecord[], config: NotifyConfig, now: number, deadline: Deadline, counters: DbCounters): Promise<number> {
  const told = changes.filter(worthTelling);
  if (told.length === 0) return 0;
  const passId = told[0]!.passId;
  const base = { status: 'pending' as const, list: account.list, account: account.account, passId, changeCount: told.length, createdAt: now, attempts: 0 };
  const docs: Notification[] = [];
  if (config.webhookUrl) docs.push({ ...base, _id: `wecom:${passId}:${account.list}:${account.account}`, channel: 'wecom', markdown: composeMarkdown(account, told) });
  if (config.templateId) {
    for (const openid of config.admins) {
      docs.push({ ...base, _id: `subscribe:${passId}:${account.list}:${account.account}:${openid}`, channel: 'subscribe', touser: openid, data: composeSubscribeData(account, told, now) });
    }
  }
  await insertAll(outbox, docs, { deadline, what: 'queueing notifications', onWrite: () => (counters.bookkeepingWrites += 1), onRead: () => (counters.reads += 1) });
  return docs.length;
}

/**
 * A one-off alert to the admins (not a list's changes, e.g. the third-party ticket no longer
 * arriving: shared/component/recovery.ts), queued like the changes and sent by `sendPending`.
 * Its ids derive from `key`, so queueing the same alert again adds nothing: admins are told once.
 */
export async function queueAlert(outbox: CloudCollection, alert: { key: string; account: string; markdown: string; data: Record<string, { value: string }> }, config: NotifyConfig, now: number, deadline: Deadline): Promise<number> {
  const base = { status: 'pending' as const, list: 'alert', account: alert.account, passId: alert.key, changeCount: 1, createdAt: now, attempts: 0 };
  const docs = [
    ...(config.webhookUrl ? [{ ...base, _id: `wecom:alert:${alert.key}`, channel: 'wecom' as const, markdown: alert.markdown }] : []),
    ...(config.templateId ? config.admins.map((openid) => ({ ...base, _id: `subscribe:alert:${alert.key}:${openid}`, channel: 'subscribe' as const, touser: openid, data: alert.data })) : []),
  ];
  await insertAll(outbox, docs, { deadline, what: 'queueing an alert' });
  return docs.length;
}

/** A WeCom group robot takes at most 20 messages a minute (WeCom group robot document). */
export const WECOM_MESSAGES_PER_MINUTE = 20;
const RATE_ID = 'rate:wecom';

export interface SendSummary {
  sent: number;
  failed: number;
  uncertain: number;
  /** Left pending for a later run (the robot's rate limit, or no time). */
  deferred: number;
  /**
   * Sent (or its answer lost), but the database did not take the mark before the deadline, however
   * often it was tried: still pending, so the next run sends it again (the one case of a repeat).
   */
  unmarked: number;
}

/** Pauses between tries of the mark "sent": the first try again soon, then less often. */
const MARK_RETRY_PAUSES_MS = [50, 100, 200, 400, 800];
/** The last try of the mark is started with at least this much of the deadline left. */
const MARK_MIN_ATTEMPT_MS = 100;

/**
 * Sends what is pending, oldest first: failures stay pending for the next run, a send whose
 * answer was lost becomes `uncertain` and is not sent again (a write to WeChat is never retried
 * blindly; it may have arrived). A message the robot or WeChat accepted is marked sent, and that
 * mark is tried again until the deadline when the database refuses it (a message left pending
 * would be sent again by the next run). WeCom sends stay within 20 a minute, counted in the
 * database so the limit holds across instances and runs.
 */
export async function sendPending(outbox: CloudCollection, state: CloudCollection, config: NotifyConfig, deadline: Deadline, log: Logger, now: () => number, counters: DbCounters): Promise<SendSummary> {
  const summary: SendSummary = { sent: 0, failed: 0, uncertain: 0, deferred: 0, unmarked: 0 };
  counters.reads += 1;
  const { data } = await outbox.run((c) => c.where({ status: 'pending' }).orderBy('createdAt', 'asc').limit(100).get(), deadline, 'reading pending notifications');
  const pending = data as Notification[];
  if (pending.length === 0) return summary;

  counters.reads += 1;
  const rate = await state.run((c) => c.where({ _id: RATE_ID }).get(), deadline, 'reading the robot rate');
  const recent = (((rate.data[0] as { sentAt?: number[] } | undefined)?.sentAt) ?? []).filter((t) => t > now() - 60_000);
  const recentBefore = recent.length;

  for (const note of pending) {
    if (deadline.remaining() < 1000) {
      summary.deferred += 1;
      continue;
    }
    if (note.channel === 'wecom' && (!config.webhookUrl || recent.length >= WECOM_MESSAGES_PER_MINUTE)) {
      summary.deferred += 1;
      continue;
    }
    if (note.channel === 'subscribe' && !config.templateId) {
      summary.deferred += 1;
      continue;
    }
    try {
      if (note.channel === 'wecom') {
        recent.push(now());
        await sendWecomMarkdown(config.webhookUrl as URL, note.markdown ?? '', deadline);
      } else {
        await sendSubscribeMessage({ touser: note.touser ?? '', templateId: config.templateId as string, ...(config.page ? { page: note.list === 'alert' ? config.page : notifyPageFor(config.page, note) } : {}), data: note.data ?? {} }, deadline);
      }
    } catch (thrown) {
      const cause = toWxError(thrown);
      const lost = cause.code === LOCAL.ATTEMPT_TIMEOUT || (cause.code === LOCAL.NETWORK_ERROR && !/ECONNREFUSED/.test(cause.body.detail ?? ''));
      const error = createError(LOCAL.NOTIFY_SEND_FAILED, { detail: `${note.channel} message ${note._id} was not sent.`, cause });
      log.warn('notification failed', { id: note._id, channel: note.channel, errCode: cause.code, uncertain: lost });
      const failure = { status: lost ? 'uncertain' : 'pending', attempts: note.attempts + 1, lastError: error.body };
      if (lost) {
        // It may have arrived: like a delivered one, it must not stay pending.
        summary.uncertain += 1;
        if (!(await markDelivered(outbox, note._id, failure, deadline, counters))) summary.unmarked += 1;
      } else {
        summary.failed += 1;
        counters.bookkeepingWrites += 1;
        // Not recorded: it stays pending as it was, and is sent next run all the same.
        await outbox
          .run((c) => c.doc(note._id).update({ data: failure }), deadline, 'recording a failed notification')
          .catch((failed: unknown) => log.warn('notification failure not recorded', { id: note._id, errCode: toWxError(failed).code }));
      }
      continue;
    }
    summary.sent += 1;
    if (!(await markDelivered(outbox, note._id, { status: 'sent', sentAt: now(), attempts: note.attempts + 1 }, deadline, counters))) {
      summary.unmarked += 1;
      log.warn('notification sent but not marked sent: the next run sends it again', { id: note._id, channel: note.channel });
    }
  }
  if (recent.length !== recentBefore) {
    counters.bookkeepingWrites += 1;
    await state
      .run((c) => c.doc(RATE_ID).set({ data: { sentAt: recent } }), deadline, 'saving the robot rate')
      // Not saved: the next run may send a few more in this minute; the robot answers 45009 and they stay pending.
      .catch((failed: unknown) => log.warn('robot rate not saved', { errCode: toWxError(failed).code }));
  }
  return summary;
}

/**
 * Marks a message that was delivered (`sent`), or may have been (`uncertain`), so no run sends it
 * again: tried again after a refusal or a timeout while the deadline leaves time (the update is
 * the same every time, so a try that did arrive changes nothing). Only a database that refuses
 * every try until the deadline leaves the message pending: false.
 */
async function markDelivered(outbox: CloudCollection, id: string, data: object, deadline: Deadline, counters: DbCounters): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    try {
      counters.bookkeepingWrites += 1;
      // Tried even when the database ran out of time earlier in this run: it is worth the time left.
      await outbox.run((c) => c.doc(id).update({ data }), deadline, 'marking a notification sent', { evenIfStalled: true });
      return true;
    } catch {
      const pause = MARK_RETRY_PAUSES_MS[Math.min(attempt, MARK_RETRY_PAUSES_MS.length - 1)] as number;
      if (deadline.remaining() < pause + MARK_MIN_ATTEMPT_MS) return false;
      await deadline.clock.sleep(pause);
    }
  }
}
