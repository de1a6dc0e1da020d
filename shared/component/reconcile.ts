import { randomBytes } from 'node:crypto';
import {
  adoptListedRefreshToken,
  listAllAuthorizers,
  markRevokedUnlisted,
  readAuthorizers,
  saveInfo,
  type LifecycleRecord,
} from '../authorizers/authorizerLifecycle';
import type { ComponentSetup } from '../authorizers/componentSetup';
import type { Deadline } from '../core/deadline';
import type { Logger } from '../core/logger';
import { cloudCollection } from '../database/cloudDatabase';
import { createError, LOCAL, toWxError, type ErrorBody } from '../errors';
import { AUTHORIZER_LIST_MAX_COUNT, getAuthorizerInfo, getAuthorizerListPage, type ListedAuthorizer } from './componentApis';
import {
  acquireReconcileLease,
  readReconcileState,
  releaseReconcileLease,
  saveReconcileState,
  zeroReconcileCounts,
  type ReconcileCounts,
  type ReconcilePass,
  type ReconcileSummary,
} from './reconcileState';

export interface ReconcileOptions {
  /** The clock (epoch ms); tests pass a virtual one together with a deadline on it. */
  now?: () => number;
  /** Accounts per api_get_authorizer_list page (at most 500). */
  pageSize?: number;
  /** api_get_authorizer_info calls in flight at once. */
  infoConcurrency?: number;
  /** Details older than this are read again (a day). */
  infoMaxAgeMs?: number;
}

export interface ReconcileResult {
  /** The pull reached the end of WeChat's list and every account it did not list is revoked. */
  complete: boolean;
  /** What this call changed (a resumed pass adds to what the earlier calls did). */
  counts: ReconcileCounts;
  pass: {
    id: string;
    startedAt: number;
    /** This call went on with a pass an earlier call began. */
    resumed: boolean;
    /** Accounts WeChat listed so far in this pass, and the total it reported. */
    listed: number;
    totalCount: number | null;
    /** Where the next call goes on from (null once the pass is done). */
    nextOffset: number | null;
    /** The whole pass so far, across calls. */
    counts: ReconcileCounts;
  };
  /** Accounts WeChat listed without a refresh token: kept as they are, never revoked. */
  withoutRefreshToken: number;
  /** The appids changed by this call (at most 50 of each; `more` counts the rest). */
  changed: { added: string[]; repaired: string[]; revoked: string[]; more: number };
  /** api_get_authorizer_info for accounts that are new or whose details are older than a day. */
  info: { fetched: number; failed: number; left: boolean };
  /** Upstream calls this call made. */
  calls: number;
  /** Why it is not complete: `deadline`, `failed` (error says what), `list moved`. */
  reason?: 'deadline' | 'failed' | 'list moved';
  error?: ErrorBody;
}

const DAY_MS = 24 * 3600 * 1000;
const INFO_CONCURRENCY = 5;
const WRITE_CONCURRENCY = 5;
/** A page is not started with less time than this left (a list call, a read, some writes). */
const START_PAGE_MS = 400;
/** Nor a registry write, nor an info call. */
const START_WRITE_MS = 150;
const START_INFO_MS = 300;
/** Info of at most this many accounts per registry read. */
const INFO_BATCH = 100;
const CHANGED_SHOWN = 50;
const PASS_MAX_AGE_MS = 6 * 3600 * 1000;

/** Time kept back from the work for saving progress and releasing the lease. */
function reserveFor(deadline: Deadline): number {
  return Math.min(1500, Math.max(300, Math.round(deadline.remaining() * 0.1)));
}

const newPass = (startedAt: number): ReconcilePass => ({
  id: `${startedAt.toString(36)}-${randomBytes(3).toString('hex')}`,
  startedAt,
  offset: 0,
  totalCount: null,
  moved: false,
  pulled: false,
  listed: [],
  withoutToken: [],
  counts: zeroReconcileCounts(),
  calls: 0,
});

/** Runs `work` over items, `concurrency` at a time, starting each only while `mayStart()` says so. Returns the items it started. */
async function bounded<T>(items: readonly T[], concurrency: number, mayStart: () => boolean, work: (item: T) => Promise<void>): Promise<T[]> {
  const started: T[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && mayStart()) {
      const item = items[next++] as T;
      started.push(item);
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return started;
}

/**
 * reconcile (docs/third-party-lifecycle.md, "Reconcile and recovery"): WeChat's documented
 * answer to lost pushes and bad refresh tokens is its authorizer list. Under a lease, the list is
 * pulled page by page to the end; every account it lists is added or repaired with the refresh
 * token WeChat gives (authorizerLifecycle.ts decides, each write a compare-and-set); accounts the
 * registry holds that WeChat no longer lists are revoked, but only after a complete pull that saw
 * the same total on every page (one that fails or is cut short part-way revokes nothing). Then,
 * with the time left, names, avatars and granted sets are read for accounts that are new or whose
 * details are older than a day. Progress is saved after every page: when the deadline comes
 * first, the answer says `complete: false` and the next call (any instance) goes on from there.
 */
export async function reconcileAuthorizers(setup: ComponentSetup, deadline: Deadline, log: Logger, options: ReconcileOptions = {}): Promise<ReconcileResult> {
  const now = options.now ?? (() => deadline.clock.now());
  const pageSize = Math.min(AUTHORIZER_LIST_MAX_COUNT, Math.max(1, options.pageSize ?? AUTHORIZER_LIST_MAX_COUNT));
  const owner = `reconcile:${randomBytes(6).toString('hex')}`;
  if (!(await acquireReconcileLease(setup, owner, now(), deadline.at + 2000, deadline))) {
    throw createError(LOCAL.RECONCILE_IN_PROGRESS, { detail: 'Another reconcile of this platform\'s authorizers holds the lease.' });
  }
  try {
    const work = deadline.shortenedBy(reserveFor(deadline));
    const state = await readReconcileState(setup, work);
    // A pass left unfinished long ago is not resumed: its early pages are no longer today's list.
    const resumable = state?.pass && now() - state.pass.startedAt < PASS_MAX_AGE_MS ? state.pass : undefined;
    const resumed = resumable !== undefined;
    const pass: ReconcilePass = resumable ?? newPass(now());
    const counts = zeroReconcileCounts();
    const changed = { added: [] as string[], repaired: [] as string[], revoked: [] as string[], more: 0 };
    const note = (kind: keyof typeof changed & keyof ReconcileCounts, appid: string) => {
      counts[kind] += 1;
      pass.counts[kind] += 1;
      if (changed[kind].length < CHANGED_SHOWN) changed[kind].push(appid);
      else changed.more += 1;
    };
    const unchanged = () => {
      counts.unchanged += 1;
      pass.counts.unchanged += 1;
    };
    let calls = 0;
    let reason: ReconcileResult['reason'];
    let error: ErrorBody | undefined;
    let complete = false;
    const listed = new Set(pass.listed);

    // 1. The pull, page by page.
    while (!pass.pulled && reason === undefined) {
      if (work.remaining() < START_PAGE_MS) {
        reason = 'deadline';
        break;
      }
      const listedAt = now();
      let page: { totalCount: number; items: ListedAuthorizer[] };
      try {
        calls += 1;
        pass.calls += 1;
        page = await getAuthorizerListPage(setup, pass.offset, pageSize, work);
      } catch (thrown) {
        reason = 'failed';
        error = toWxError(thrown).body;
        log.warn('authorizer list page failed; nothing revoked', { offset: pass.offset, errCode: error.code });
        break;
      }
      if (pass.totalCount === null) pass.totalCount = page.totalCount;
      else if (page.totalCount !== pass.totalCount) pass.moved = true;
      // An account seen before (a page pulled again after a cut, or one the list moved) is not handled twice.
      const fresh = [...new Map(page.items.filter((item) => !listed.has(item.authorizerAppid)).map((item) => [item.authorizerAppid, item])).values()];
      let records: Map<string, LifecycleRecord>;
      try {
        records = await readAuthorizers(setup, fresh.map((item) => item.authorizerAppid), work);
      } catch (thrown) {
        reason = 'failed';
        error = toWxError(thrown).body;
        break;
      }
      let failure: unknown;
      const handled = await bounded(fresh, WRITE_CONCURRENCY, () => failure === undefined && work.remaining() >= START_WRITE_MS, async (item) => {
        try {
          if (item.refreshToken === undefined) {
            if (!pass.withoutToken.includes(item.authorizerAppid)) pass.withoutToken.push(item.authorizerAppid);
            unchanged();
            return;
          }
          const outcome = await adoptListedRefreshToken(
            setup,
            { authorizerAppid: item.authorizerAppid, refreshToken: item.refreshToken, authTime: item.authTime },
            records.get(item.authorizerAppid),
            listedAt,
            work,
          );
          if (outcome === 'unchanged') unchanged();
          else note(outcome, item.authorizerAppid);
        } catch (thrown) {
          failure ??= thrown;
        }
      });
      for (const item of handled) {
        listed.add(item.authorizerAppid);
        pass.listed.push(item.authorizerAppid);
      }
      if (failure !== undefined) {
        reason = 'failed';
        error = toWxError(failure).body;
        break;
      }
      if (handled.length < fresh.length) {
        // Cut short inside the page: its offset stays, and what was handled is skipped next time.
        reason = 'deadline';
        break;
      }
      pass.offset += page.items.length;
      if (page.items.length < pageSize || page.items.length === 0 || pass.offset >= page.totalCount) pass.pulled = true;
      if (!pass.pulled) await saveReconcileState(setup, owner, { pass }, deadline);
    }

    // 2. Revoking what a complete, steady pull did not list.
    if (pass.pulled && reason === undefined) {
      if (pass.moved || (pass.totalCount !== null && listed.size < pass.totalCount)) {
        // The list changed under the pull: an account may have been skipped. Nothing is revoked;
        // the next call pulls afresh.
        pass.moved = true;
        reason = 'list moved';
      } else {
        try {
          const held = await listAllAuthorizers(setup, work);
          const unlisted = held.filter((record) => !record.revoked && !listed.has(record.authorizerAppid) && record.updatedAt < pass.startedAt);
          let failure: unknown;
          const started = await bounded(unlisted, WRITE_CONCURRENCY, () => failure === undefined && work.remaining() >= START_WRITE_MS, async (record) => {
            try {
              if (await markRevokedUnlisted(setup, record, pass.startedAt, work)) note('revoked', record.authorizerAppid);
            } catch (thrown) {
              failure ??= thrown;
            }
          });
          if (failure !== undefined) {
            reason = 'failed';
            error = toWxError(failure).body;
          } else if (started.length < unlisted.length) reason = 'deadline';
          else complete = true;
        } catch (thrown) {
          reason = 'failed';
          error = toWxError(thrown).body;
        }
      }
    }

    // 3. Names, avatars and granted sets, with the time left.
    const info = { fetched: 0, failed: 0, left: false };
    if (reason === undefined || reason === 'list moved') {
      calls += await fillInfo(setup, work, now, options, info, log);
    }

    const summary: ReconcileSummary = {
      at: now(),
      complete,
      counts: { ...pass.counts },
      passId: pass.id,
      totalCount: pass.totalCount,
      ...(reason ? { reason } : {}),
      ...(error ? { error } : {}),
    };
    const finished = complete || pass.moved;
    await saveReconcileState(setup, owner, { pass: finished ? null : pass, last: summary, ...(complete ? { clearDueBefore: pass.startedAt } : {}) }, deadline).catch((thrown: unknown) =>
      log.warn('reconcile progress not saved', { errCode: toWxError(thrown).code }),
    );
    log.info('reconcile', { complete, reason, counts, pass: pass.id, listed: listed.size, totalCount: pass.totalCount, info, calls });
    return {
      complete,
      counts,
      pass: { id: pass.id, startedAt: pass.startedAt, resumed, listed: listed.size, totalCount: pass.totalCount, nextOffset: finished ? null : pass.offset, counts: { ...pass.counts } },
      withoutRefreshToken: pass.withoutToken.length,
      changed,
      info,
      calls,
      ...(reason ? { reason } : {}),
      ...(error ? { error } : {}),
    };
  } finally {
    await releaseReconcileLease(setup, owner, deadline).catch((thrown: unknown) => log.warn('reconcile lease not released', { errCode: toWxError(thrown).code }));
  }
}

/**
 * api_get_authorizer_info for the accounts that are new (no details yet) or whose details are
 * older than `infoMaxAgeMs`, `infoConcurrency` at a time, while time is left. What is not reached
 * is reached by the next call: the registry itself says which accounts still need it.
 */
async function fillInfo(setup: ComponentSetup, deadline: Deadline, now: () => number, options: ReconcileOptions, info: { fetched: number; failed: number; left: boolean }, log: Logger): Promise<number> {
  const componentAppid = setup.config.componentAppid;
  const registry = cloudCollection(setup.registry.collectionName);
  const cutoff = now() - (options.infoMaxAgeMs ?? DAY_MS);
  const tried = new Set<string>();
  let calls = 0;
  for (;;) {
    if (deadline.remaining() < START_INFO_MS) {
      info.left = true;
      return calls;
    }
    let due: LifecycleRecord[];
    try {
      const [missing, old] = await Promise.all([
        registry.run((c, _) => c.where({ componentAppid, revoked: false, info: _.exists(false) }).limit(INFO_BATCH).get(), deadline, 'finding authorizers without details'),
        registry.run((c, _) => c.where({ componentAppid, revoked: false, 'info.fetchedAt': _.lt(cutoff) }).limit(INFO_BATCH).get(), deadline, 'finding authorizers with old details'),
      ]);
      due = [...(missing.data as LifecycleRecord[]), ...(old.data as LifecycleRecord[])].filter((record) => !tried.has(record.authorizerAppid));
    } catch (thrown) {
      log.warn('authorizer details not read', { errCode: toWxError(thrown).code });
      info.left = true;
      return calls;
    }
    if (due.length === 0) return calls;
    let stop = false;
    const started = await bounded(due, options.infoConcurrency ?? INFO_CONCURRENCY, () => !stop && deadline.remaining() >= START_INFO_MS, async (record) => {
      tried.add(record.authorizerAppid);
      calls += 1;
      try {
        const read = await getAuthorizerInfo(setup, record.authorizerAppid, now(), deadline);
        await saveInfo(setup, record.authorizerAppid, read.info, read.funcIds, deadline);
        info.fetched += 1;
      } catch (thrown) {
        const failed = toWxError(thrown);
        info.failed += 1;
        // The component's own credentials failing will fail every account alike.
        if (failed.code === LOCAL.TOKEN_PROVIDER_FAILED || failed.code === LOCAL.TOKEN_NOT_CONFIGURED || failed.code === LOCAL.DATABASE_TIMEOUT) stop = true;
        log.warn('authorizer details not read', { authorizerAppid: record.authorizerAppid, errCode: failed.code });
      }
    });
    if (stop || started.length < due.length) {
      info.left = true;
      return calls;
    }
  }
}
