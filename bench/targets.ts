import { round } from './lib/stats';
import { LIST_SYNC_TARGETS, type ListingResult, type SyncResult } from './listSync';
import type { WarmResult } from './warmOverhead';

/** Issue 7's targets: cold starts against the reference and against bare node, warm overhead. */
export const COLD_TARGETS = { pluginColdVsReference: 0.55, ownListDatabaseVsReference: 0.55, ownListFixedVsBare: 1.45, warmOverheadMs: 1 };

export interface ColdRatios {
  getPluginDevApplyListVsReference: number;
  getOwnListFixedVsBare: number;
  getOwnListDatabaseVsReference: number;
}

export interface TargetCheck {
  issue: 7 | 10;
  target: string;
  measured: number;
  /** The bound: measured must be at most this. */
  atMost: number;
  met: boolean;
  /** How far over the bound (0 when met). */
  missedBy: number;
}

const check = (issue: 7 | 10, target: string, measured: number, atMost: number): TargetCheck => ({
  issue, target, measured, atMost, met: measured <= atMost, missedBy: measured <= atMost ? 0 : round(measured - atMost, 3),
});

/** Every target of issue 7 (points 14-15) and issue 10 (point 6) that this run measured, one row each. */
export function targetChecks(cold: ColdRatios | undefined, warm: WarmResult | undefined, listing: ListingResult | undefined, sync: SyncResult | undefined): TargetCheck[] {
  const rows: TargetCheck[] = [];
  if (cold) {
    rows.push(check(7, 'getPluginDevApplyList cold start / reference', cold.getPluginDevApplyListVsReference, COLD_TARGETS.pluginColdVsReference));
    rows.push(check(7, 'getOwnList (fixed token) cold start / bare node', cold.getOwnListFixedVsBare, COLD_TARGETS.ownListFixedVsBare));
    rows.push(check(7, 'getOwnList (database-cached token) cold start / reference', cold.getOwnListDatabaseVsReference, COLD_TARGETS.ownListDatabaseVsReference));
  }
  if (warm) rows.push(check(7, 'warm overhead per 100-item page, ms (median)', warm.overheadMedianMs, COLD_TARGETS.warmOverheadMs));
  if (listing) {
    rows.push(check(10, 'listing 10,000: all (size known) / sequential paging', listing.ratioHintedVsSequential, LIST_SYNC_TARGETS.listingVsSequential));
    rows.push(check(10, 'listing 10,000: calls beyond the pages needed', listing.allHintedCalls - listing.pagesNeeded, LIST_SYNC_TARGETS.callsBeyondNeeded));
  }
  if (sync) {
    rows.push(check(10, 'sync of 10,000 unchanged: entry + change writes', sync.unchanged.entryAndChangeWrites, LIST_SYNC_TARGETS.unchangedSyncWrites));
    // "Proportional to the changes": at most one entry write and one change record per change.
    rows.push(check(10, `sync with ${sync.changed.changes} changes: entry + change writes per change`, sync.changed.writesPerChange, 2));
  }
  return rows;
}

export function printTargetChecks(rows: TargetCheck[], heading: string): void {
  console.log(`\n${heading}`);
  console.table(rows.map((r) => ({ issue: r.issue, target: r.target, measured: r.measured, 'at most': r.atMost, met: r.met, 'missed by': r.met ? '' : r.missedBy })));
}
