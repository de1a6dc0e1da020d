import { changeId, changeRecord, expiringId, recordChanges, type ChangeRecord } from './changeLog';
import { entryCollectionOf, entryId, syncCollections } from './collections';
import { decideEntry, revisionOf, type StoredEntry } from './entryDiff';
import { readEntries, writeEntries, type EntryWrites } from './entryStore';
import { beforeFirstWrite, type PassRun } from './passRun';
import type { SyncConfig } from './syncConfig';

export type ListedItem = { appid: string; status: number; statusLabel: string; nickname?: string; createTime?: number } & Record<string, unknown>;

/** Pending, in all three lists (devplugin 1 "申请中", get_own_list / get_list 1 "pending"). */
const PENDING = 1;

/**
 * Whether a pending application is inside the warning window before the platform's pending limit
 * and not warned of yet (each is warned of once).
 */
function dueForWarning(entry: { status: number; createTime?: unknown; expiryWarnedAt?: number }, config: SyncConfig, now: number): boolean {
  if (entry.status !== PENDING || typeof entry.createTime !== 'number' || entry.expiryWarnedAt !== undefined) return false;
  const nowSeconds = Math.floor(now / 1000);
  const expiresBefore = nowSeconds - config.pendingExpirySeconds; // created before this: past the limit already
  const warnFrom = nowSeconds - (config.pendingExpirySeconds - config.expiryWarningSeconds);
  return entry.createTime > expiresBefore && entry.createTime <= warnFrom;
}

/**
 * One page of a pass: each listed item compared with what is stored (one read for the page), and
 * only what changed written: the changes recorded first, then the entries they describe (a page
 * redone after a stop finds its changes recorded already: their ids say what changed, not when).
 * New entries go in one batch, entries flagged as about to expire in one update, changed
 * entries each with its own content, several at a time. The page's writes end with the listing
 * time; whatever of them did not happen is done when the page is redone.
 */
export async function applyPage(run: PassRun, items: ListedItem[]): Promise<void> {
  const { account, ctx, pass } = run;
  const deadline = ctx.workDeadline;
  const entries = entryCollectionOf(account.list);
  const ids = items.map((item) => entryId(account.account, item.appid));
  const storedById = await readEntries(entries, ids, deadline, ctx.counters);
  const now = ctx.now();
  const where = { list: account.list, account: account.account, passId: pass.id, at: now };
  const writes: EntryWrites = { inserts: [], replaces: [] };
  const warned: string[] = [];
  const records: ChangeRecord[] = [];
  items.forEach((item, i) => {
    const id = ids[i] as string;
    const stored = storedById.get(id);
    const decision = decideEntry(item, stored, { list: account.list, account: account.account, id, now });
    const after: { status: number; createTime?: unknown; expiryWarnedAt?: number } = decision.write === 'none' ? stored! : decision.doc;
    if (!run.baseline && dueForWarning(after, ctx.config, now)) {
      records.push(changeRecord('expiring', expiringId(account.list, account.account, item.appid, item.createTime as number), where, item, item, item));
      if (decision.write === 'none') warned.push(id);
      else decision.doc.expiryWarnedAt = now;
    }
    if (decision.write === 'none') return;
    (decision.write === 'insert' ? writes.inserts : writes.replaces).push(decision.doc);
    if (!decision.change) {
      pass.counts.updated += 1;
      return;
    }
    if (run.baseline) return;
    const from = decision.write === 'replace' ? (decision.from ?? null) : null;
    const fromRevision = stored ? revisionOf(stored) : null;
    records.push(changeRecord(decision.change, changeId(account.list, account.account, item.appid, decision.change, fromRevision, item.status), where, from, item, item));
  });
  if (records.length === 0 && writes.inserts.length === 0 && writes.replaces.length === 0 && warned.length === 0) return;

  await beforeFirstWrite(run);
  await recordChanges(syncCollections().changes, records, deadline, ctx.counters);
  run.recorded.push(...records);
  writes.sameUpdate = { ids: warned, data: () => ({ expiryWarnedAt: now }), what: 'flagging applications about to expire' };
  await writeEntries(entries, writes, deadline, ctx.counters);
  run.stored += writes.inserts.length + writes.replaces.length;
}

/** Stored entries the pass did not list, marked gone (kept, never deleted): one update for all. */
export async function markGone(run: PassRun, gone: StoredEntry[], now: number): Promise<void> {
  const { account, ctx, pass, state } = run;
  if (gone.length === 0) return;
  const deadline = ctx.closeDeadline;
  await beforeFirstWrite(run);
  if (!run.baseline) {
    const where = { list: account.list, account: account.account, passId: pass.id, at: now };
    const records = gone.map((entry) => changeRecord('gone', changeId(account.list, account.account, entry.appid, 'gone', revisionOf(entry), null), where, entry, null, entry));
    await recordChanges(syncCollections().changes, records, deadline, ctx.counters);
    run.recorded.push(...records);
  }
  // Last seen by the last complete pass (unchanged entries are not written on every pass).
  const lastSeenAt = state.lastPassStartedAt ?? pass.startedAt;
  await writeEntries(entryCollectionOf(account.list), {
    inserts: [],
    replaces: [],
    sameUpdate: { ids: gone.map((e) => e._id), data: (_) => ({ gone: true, goneAt: now, lastSeenAt, revision: _.inc(1) }), what: 'marking entries gone' },
  }, deadline, ctx.counters);
}
