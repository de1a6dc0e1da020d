import { randomBytes } from 'node:crypto';
import { listConcurrencyFromEnv } from '../upstream/listAll';
import { createError, LOCAL, toWxError, type ErrorBody } from '../errors';
import type { Invocation } from '../core/invocation';
import { notifyConfigFromEnv } from '../notify/notifyConfig';
import { queueNotifications, sendPending, type SendSummary } from '../notify/outbox';
import type { Deadline } from '../core/deadline';
import { accountsToSync, type SkippedAccount, type SyncAccount } from '../sync/accounts';
import { syncCollections } from '../sync/collections';
import { zeroDbCounters, type DbCounters } from '../sync/entryStore';
import { fairOrder, zeroCounts } from '../sync/listState';
import { acquireLease, releaseLease } from '../sync/lease';
import { syncConfigFromEnv } from '../sync/syncConfig';
import { syncList, type ListRunResult } from '../sync/syncList';
import type { SyncListsEvent } from '../schemas/events';

export interface SyncRunResult {
  startedAt: number;
  ms: number;
  /** Every list reached the end of its pass. */
  complete: boolean;
  lists: ListRunResult[];
  /** Authorizers the registry holds whose lists were left alone (revoked, no list permission). */
  skipped: SkippedAccount[];
  /** The authorizer registry could not be read: only the configured account's lists ran. */
  registryError?: ErrorBody;
  /** Upstream calls made for the lists, and how many were beyond the pages needed. */
  calls: { total: number; beyondNeeded: number };
  database: DbCounters;
  notifications: SendSummary & { queued: number };
}

/** Time kept back from listing for saving progress, marking gone entries and notifying. */
function reserveFor(deadline: Deadline): number {
  return Math.min(5000, Math.max(800, Math.round(deadline.remaining() * 0.25)));
}

const LAST_RUN_ID = 'lastRun';
/** A list is not started with less listing time than this left (listAll starts no page under 200 ms). */
const MIN_LIST_START_MS = 300;

function deferredResult(account: SyncAccount): ListRunResult {
  return { list: account.list, account: account.account, baseline: false, complete: false, deferred: true, counts: zeroCounts(), stored: 0, calls: 0, callsBeyondNeeded: 0, fromPage: 0, passId: '' };
}

/**
 * One sync run (the timer every 10 minutes, or an admin): under the lease, each list of each
 * account is walked from where the last run stopped, then pending notifications are sent.
 */
export async function runSync(_event: SyncListsEvent, invocation: Invocation): Promise<SyncRunResult> {
  const deadline = invocation.deadline;
  // The invocation's clock: the lease and the run's times agree with its deadline.
  const now = () => deadline.clock.now();
  const startedAt = now();
  const config = syncConfigFromEnv(invocation.env);
  const notify = notifyConfigFromEnv(invocation.env);
  const concurrency = listConcurrencyFromEnv(invocation.env);
  const planAccounts = accountsToSync(invocation.env);
  const db = syncCollections();
  const counters = zeroDbCounters();

  const holder = `${invocation.requestId ?? 'run'}:${randomBytes(4).toString('hex')}`;
  // The lease lapses a little after this invocation's own time limit, so a killed run frees it.
  const leaseUntil = deadline.at + 2000;
  counters.bookkeepingWrites += 1;
  const lease = await acquireLease(db.state, holder, leaseUntil, startedAt, deadline);
  if (!lease.held) {
    throw createError(LOCAL.SYNC_IN_PROGRESS, {
      functionName: 'syncLists',
      detail: `Another sync run holds the lease${lease.until ? ` until ${new Date(lease.until).toISOString()}` : ''}.`,
    });
  }

  try {
    const workDeadline = deadline.shortenedBy(reserveFor(deadline));
    const plan = await planAccounts(deadline, invocation.log);
    counters.reads += 1;
    const accounts = await fairOrder(db.state, plan.accounts, deadline).catch((thrown: unknown) => {
      invocation.log.warn('list states not read; the planned order', { errCode: toWxError(thrown).code });
      return plan.accounts;
    });
    let queued = 0;
    const lists: ListRunResult[] = [];
    for (const account of accounts) {
      let result: ListRunResult;
      if (workDeadline.remaining() < MIN_LIST_START_MS) {
        // Nothing written for it: the next run starts with it (fairOrder: never or longest ago completed).
        lists.push(deferredResult(account));
        continue;
      }
      try {
        result = await syncList(account, {
          invocation, workDeadline, concurrency, config, counters, now,
          onPassComplete: async (acc, changes) => {
            queued += await queueNotifications(db.notifications, acc, changes, notify, now(), deadline, counters);
          },
        });
      } catch (thrown) {
        // One list failing (its database, its token) leaves the others to run.
        const error = createError(LOCAL.SYNC_LIST_FAILED, { detail: `Syncing ${account.list} for ${account.account} failed.`, cause: toWxError(thrown) });
        result = { list: account.list, account: account.account, baseline: false, complete: false, counts: zeroCounts(), stored: 0, calls: 0, callsBeyondNeeded: 0, fromPage: 0, passId: '', error: error.body };
      }
      lists.push(result);
      invocation.log.info('list synced', { list: result.list, account: result.account, complete: result.complete, counts: result.counts, calls: result.calls, errCode: result.error?.code });
    }
    const sent = await sendPending(db.notifications, db.state, notify, invocation, now, counters).catch((thrown: unknown) => {
      // Whatever was not sent stays pending for the next run.
      invocation.log.warn('notifications not sent', { errCode: toWxError(thrown).code });
      return { sent: 0, failed: 0, uncertain: 0, deferred: 0 };
    });
    const result: SyncRunResult = {
      startedAt,
      ms: now() - startedAt,
      complete: lists.every((l) => l.complete),
      lists,
      skipped: plan.skipped,
      ...(plan.registryError ? { registryError: plan.registryError } : {}),
      calls: { total: lists.reduce((n, l) => n + l.calls, 0), beyondNeeded: lists.reduce((n, l) => n + l.callsBeyondNeeded, 0) },
      database: counters,
      notifications: { ...sent, queued },
    };
    counters.bookkeepingWrites += 1;
    await db.state
      .run((c) => c.doc(LAST_RUN_ID).set({ data: { ...result, source: invocation.caller.source } }), deadline, 'saving the run summary')
      .catch((thrown: unknown) => invocation.log.warn('run summary not saved', { errCode: toWxError(thrown).code }));
    return result;
  } finally {
    await releaseLease(db.state, holder, deadline).catch((error: unknown) => invocation.log.warn('lease not released', { errCode: toWxError(error).code }));
  }
}
