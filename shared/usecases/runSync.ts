import { randomBytes } from 'node:crypto';
import { listConcurrencyFromEnv } from '../upstream/listAll';
import { createError, LOCAL, toWxError, type ErrorBody } from '../errors';
import type { Invocation } from '../core/invocation';
import { notifyConfigFromEnv, type NotifyConfig } from '../notify/notifyConfig';
import { queueNotifications, sendPending, type SendSummary } from '../notify/outbox';
import type { Deadline } from '../core/deadline';
import { accountsToSync, type SkippedAccount, type SyncAccount } from '../sync/accounts';
import { syncCollections } from '../sync/collections';
import { zeroDbCounters, type DbCounters } from '../sync/entryStore';
import { fairOrder, loadListStates, zeroCounts, type ListState } from '../sync/listState';
import { acquireLease, releaseLease } from '../sync/lease';
import { syncConfigFromEnv } from '../sync/syncConfig';
import { syncList, type ListRunResult, type SyncRunContext } from '../sync/syncList';
import type { SyncListsEvent } from '../schemas/events';
import { componentRecovery, type RecoveryResult } from '../component/recovery';

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
  /** A third-party platform's reconcile and ticket health (shared/component/recovery.ts), when one is configured. */
  component?: RecoveryResult;
}

/**
 * The run's three deadlines (docs/sync.md, "A killed run, its lease"): listing and the pages'
 * writes end first; then saving progress, closing passes and notifying; the lease is given back
 * last, in time kept for it alone, so no amount of work before it can keep the next run out.
 */
export function runDeadlines(deadline: Deadline): { work: Deadline; close: Deadline; lease: Deadline } {
  const close = deadline.shortenedBy(Math.min(1000, Math.max(300, Math.round(deadline.remaining() * 0.05))));
  const work = close.shortenedBy(Math.min(5000, Math.max(800, Math.round(close.remaining() * 0.25))));
  return { work, close, lease: deadline };
}

const LAST_RUN_ID = 'lastRun';
/** A list is not started with less listing time than this left (listAll starts no page under 200 ms). */
const MIN_LIST_START_MS = 300;

function idleResult(account: SyncAccount, fields: Partial<ListRunResult>): ListRunResult {
  return { list: account.list, account: account.account, baseline: false, complete: false, counts: zeroCounts(), stored: 0, calls: 0, callsBeyondNeeded: 0, fromPage: 0, passId: '', ...fields };
}

/**
 * One sync run (the timer every 10 minutes, or an admin): under the lease, each list of each
 * account is walked from where the last run stopped, then pending notifications are sent.
 */
export async function runSync(_event: SyncListsEvent, invocation: Invocation): Promise<SyncRunResult> {
  // The invocation's clock: the lease and the run's times agree with its deadline.
  const now = () => invocation.deadline.clock.now();
  const startedAt = now();
  // Every variable is read before anything is written: a wrong one is refused at once.
  const config = syncConfigFromEnv(invocation.env);
  const notify = notifyConfigFromEnv(invocation.env);
  const concurrency = listConcurrencyFromEnv(invocation.env);
  const planAccounts = accountsToSync(invocation.env);
  const db = syncCollections();
  const counters = zeroDbCounters();
  const deadlines = runDeadlines(invocation.deadline);

  const holder = `${invocation.requestId ?? 'run'}:${randomBytes(4).toString('hex')}`;
  // The lease lapses a little after this invocation's own time limit, so a killed run frees it.
  counters.bookkeepingWrites += 1;
  const lease = await acquireLease(db.state, holder, invocation.deadline.at + 2000, startedAt, deadlines.close);
  if (!lease.held) {
    throw createError(LOCAL.SYNC_IN_PROGRESS, {
      functionName: 'syncLists',
      detail: `Another sync run holds the lease${lease.until ? ` until ${new Date(lease.until).toISOString()}` : ''}.`,
    });
  }

  try {
    // Recovery first, within its own share: repaired tokens serve the lists of this very run.
    const component = await componentRecovery(invocation, notify, deadlines.work.within(Math.min(15_000, Math.round(deadlines.work.remaining() * 0.3))));
    const plan = await planAccounts(deadlines.close, invocation.log);
    const states = await loadListStates(db.state, deadlines.close, counters).catch((thrown: unknown) => {
      invocation.log.warn('list states not read; the planned order, each list reads its own', { errCode: toWxError(thrown).code });
      return undefined;
    });
    const accounts = states ? fairOrder(plan.accounts, states) : plan.accounts;
    const { lists, queued } = await syncEachList(accounts, states, { invocation, deadlines, concurrency, config, counters, now, notify });
    const sent = await sendNotifications(notify, deadlines.close, invocation, now, counters);
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
      ...(component ? { component } : {}),
    };
    counters.bookkeepingWrites += 1;
    await db.state
      .run((c) => c.doc(LAST_RUN_ID).set({ data: { ...result, source: invocation.caller.source } }), deadlines.close, 'saving the run summary')
      .catch((thrown: unknown) => invocation.log.warn('run summary not saved', { errCode: toWxError(thrown).code }));
    return result;
  } finally {
    // In its own reserve, even after the database ran out of time earlier in the run.
    await releaseLease(db.state, holder, deadlines.lease).catch((error: unknown) => invocation.log.warn('lease not released', { errCode: toWxError(error).code }));
  }
}

interface ListsContext extends Omit<SyncRunContext, 'workDeadline' | 'closeDeadline' | 'states' | 'onPassComplete'> {
  deadlines: ReturnType<typeof runDeadlines>;
  notify: NotifyConfig;
}

/** Each list in turn while listing time is left; the notifications of each completed pass queued. */
async function syncEachList(accounts: SyncAccount[], states: Map<string, ListState> | undefined, ctx: ListsContext): Promise<{ lists: ListRunResult[]; queued: number }> {
  const { invocation, deadlines, counters, now, notify } = ctx;
  const db = syncCollections();
  let queued = 0;
  const lists: ListRunResult[] = [];
  for (const account of accounts) {
    if (deadlines.work.remaining() < MIN_LIST_START_MS) {
      // Nothing written for it: the next run starts with it (fairOrder: never or longest ago completed).
      lists.push(idleResult(account, { deferred: true }));
      continue;
    }
    let result: ListRunResult;
    try {
      result = await syncList(account, {
        ...ctx, workDeadline: deadlines.work, closeDeadline: deadlines.close, ...(states ? { states } : {}),
        onPassComplete: async (acc, changes) => {
          queued += await queueNotifications(db.notifications, acc, changes, notify, now(), deadlines.close, counters);
        },
      });
    } catch (thrown) {
      // One list failing (its database, its token) leaves the others to run.
      const error = createError(LOCAL.SYNC_LIST_FAILED, { detail: `Syncing ${account.list} for ${account.account} failed.`, cause: toWxError(thrown) });
      result = idleResult(account, { error: error.body });
    }
    lists.push(result);
    invocation.log.info('list synced', { list: result.list, account: result.account, complete: result.complete, counts: result.counts, calls: result.calls, errCode: result.error?.code });
  }
  return { lists, queued };
}

/** What is pending is sent (this run's and earlier runs'); whatever is not stays pending for the next run. */
async function sendNotifications(notify: NotifyConfig, deadline: Deadline, invocation: Invocation, now: () => number, counters: DbCounters): Promise<SendSummary> {
  const db = syncCollections();
  return sendPending(db.notifications, db.state, notify, deadline, invocation.log, now, counters).catch((thrown: unknown) => {
    invocation.log.warn('notifications not sent', { errCode: toWxError(thrown).code });
    return { sent: 0, failed: 0, uncertain: 0, deferred: 0, unmarked: 0 };
  });
}
