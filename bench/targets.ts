import { round } from './lib/stats';
import { LIST_SYNC_TARGETS, type ListingResult, type SyncResult } from './listSync';
import { REDACTION_TARGETS, type RedactionResult } from './redaction';
import type { SyncDatabaseResult } from './syncDatabase';
import type { WarmResult } from './warmOverhead';

/**
 * The cold-start and warm targets (docs/performance.md, "Targets"). Each cold start is a ratio
 * of medians measured side by side in one run: against the reference (the official sample
 * function), or against the floor for an answer over HTTP (bare node making one HTTP GET to the
 * same endpoint).
 */
export const COLD_TARGETS = { pluginColdVsReference: 0.55, ownListDatabaseVsReference: 0.55, ownListFixedVsFloor: 1.2, warmOverheadMs: 0.5 };

export interface ColdRatios {
  getPluginDevApplyListVsReference: number;
  getOwnListFixedVsFloor: number;
  getOwnListDatabaseVsReference: number;
}

export interface TargetCheck {
  /** What part of the work the target is about. */
  area: 'cold start' | 'warm' | 'listing' | 'sync' | 'sync database' | 'redaction';
  target: string;
  measured: number;
  /** The bound: measured must be at most this (or what `bound` says). */
  atMost: number;
  /** The bound in words, where a number alone does not say it. */
  bound?: string;
  met: boolean;
  /** How far over the bound (0 when met). */
  missedBy: number;
}

const check = (area: TargetCheck['area'], target: string, measured: number, atMost: number): TargetCheck => ({
  area, target, measured, atMost, met: measured <= atMost, missedBy: measured <= atMost ? 0 : round(measured - atMost, 3),
});

/** The database figures of sync passes (bench/syncDatabase.ts), one row each. */
function syncDatabaseChecks(db: SyncDatabaseResult): TargetCheck[] {
  const { unchanged: u, manyAccounts: m, killed: k } = db;
  const longest = Math.max(...m.msEachRun);
  const runsMet = longest < 60_000 && (m.runs === 1 || m.resumedCleanly);
  return [
    check('sync database', `${u.entries} unchanged: entry, change and message writes`, u.entryChangeMessageWrites, 0),
    check('sync database', `${u.entries} unchanged: reads (one per 1000 stored entries of each list, a count per list, list states, outbox)`, u.reads, u.readsAtMost),
    check('sync database', `${u.entries} unchanged: lease, list state and summary writes`, u.bookkeepingWrites, u.bookkeepingWritesAtMost),
    {
      area: 'sync database', target: `${m.accounts} accounts x ${m.entriesEach} unchanged: runs until every list completed`, measured: m.runs, atMost: 1,
      bound: '1 (one 60 s invocation), or more each resuming where the last stopped', met: runsMet, missedBy: runsMet ? 0 : m.runs - 1,
    },
    check('sync database', `${m.accounts} accounts x ${m.entriesEach} unchanged: longest run, ms`, longest, 60_000),
    check('sync database', 'resumed after a kill at half-way: entry + change writes / uninterrupted pass', k.writesRatio, 0.5),
    check('sync database', 'resumed after a kill at half-way: list pages asked for', k.resumed.pagesAskedFor, k.pages - k.killedAfterPages + 1),
    check('sync database', 'resumed after a kill at half-way: changes recorded twice or missing', k.resumed.changeRecordErrors, 0),
  ];
}

/** Every target this run measured, one row each. */
export function targetChecks(cold: ColdRatios | undefined, warm: WarmResult | undefined, listing: ListingResult | undefined, sync: SyncResult | undefined, syncDatabase?: SyncDatabaseResult, redaction?: RedactionResult): TargetCheck[] {
  const rows: TargetCheck[] = [];
  if (cold) {
    rows.push(check('cold start', 'getPluginDevApplyList cold start / reference', cold.getPluginDevApplyListVsReference, COLD_TARGETS.pluginColdVsReference));
    rows.push(check('cold start', 'getOwnList (fixed token) cold start / bare node + one HTTP GET', cold.getOwnListFixedVsFloor, COLD_TARGETS.ownListFixedVsFloor));
    rows.push(check('cold start', 'getOwnList (database-cached token) cold start / reference', cold.getOwnListDatabaseVsReference, COLD_TARGETS.ownListDatabaseVsReference));
  }
  if (warm) rows.push(check('warm', 'warm overhead per 100-item page, ms (median)', warm.overheadMedianMs, COLD_TARGETS.warmOverheadMs));
  if (listing) {
    rows.push(check('listing', 'listing 10,000: all (size known) / sequential paging', listing.ratioHintedVsSequential, LIST_SYNC_TARGETS.listingVsSequential));
    rows.push(check('listing', 'listing 10,000: calls beyond the pages needed', listing.allHintedCalls - listing.pagesNeeded, LIST_SYNC_TARGETS.callsBeyondNeeded));
  }
  if (sync) {
    rows.push(check('sync', 'sync of 10,000 unchanged: entry + change writes', sync.unchanged.entryAndChangeWrites, LIST_SYNC_TARGETS.unchangedSyncWrites));
    // "Proportional to the changes": at most one entry write and one change record per change.
    rows.push(check('sync', `sync with ${sync.changed.changes} changes: entry + change writes per change`, sync.changed.writesPerChange, 2));
  }
  if (syncDatabase) rows.push(...syncDatabaseChecks(syncDatabase));
  if (redaction) rows.push(check('redaction', 'check per result string: a thousand accounts\' secrets / one account\'s', redaction.thousandVsOneAccount, REDACTION_TARGETS.thousandVsOneAccount));
  return rows;
}

export function printTargetChecks(rows: TargetCheck[], heading: string): void {
  console.log(`\n${heading}`);
  console.table(rows.map((r) => ({ area: r.area, target: r.target, measured: r.measured, 'at most': r.bound ?? r.atMost, met: r.met, 'missed by': r.met ? '' : r.missedBy })));
}
