import type { Invocation } from '../core/invocation';
import type { Deadline } from '../core/deadline';
import type { RunOptions } from '../database/cloudDatabase';
import type { SyncAccount } from './accounts';
import type { ChangeRecord } from './changeLog';
import { syncCollections } from './collections';
import type { DbCounters } from './entryStore';
import { saveListState, type ListState, type PassProgress } from './listState';
import type { SyncConfig } from './syncConfig';

export interface SyncRunContext {
  invocation: Invocation;
  /** Listing and the writes of each page stop here, leaving the rest of the time to close. */
  workDeadline: Deadline;
  /** Saving progress, closing a pass, queueing and sending its notifications: all but giving the lease back. */
  closeDeadline: Deadline;
  concurrency: number;
  config: SyncConfig;
  counters: DbCounters;
  now: () => number;
  /** The states read at the start of the run (without an unfinished pass's appids), by id. */
  states?: Map<string, ListState>;
  /**
   * Called when a pass completes, before its state is saved: queues the notifications of its
   * changes (a run that dies before saving redoes the pass end with the same pass id, and the
   * queue's deterministic ids keep each notification single).
   */
  onPassComplete?: (account: SyncAccount, changes: ChangeRecord[]) => Promise<void>;
}

/** One list's pass as this run works on it. */
export interface PassRun {
  account: SyncAccount;
  ctx: SyncRunContext;
  state: ListState;
  pass: PassProgress;
  /** Appids listed by the pass so far (its saved `seen`, and what this run listed since). */
  seen: Set<string>;
  /** The first pass of the list: stored, no per-entry change recorded, nobody told. */
  baseline: boolean;
  /** The pass began writing in an earlier run: its changes are read back when it closes. */
  wroteBefore: boolean;
  /** The change records this run wrote for the pass. */
  recorded: ChangeRecord[];
  /** Entries this run wrote (new and changed). */
  stored: number;
  calls: number;
  callsBeyondNeeded: number;
}

/**
 * Called before the pass's first write of an entry or a change: the pass (its id, where it got
 * to) is saved first, so a run killed after that write leaves the next one the pass to resume,
 * and the changes it recorded are found under its id.
 */
export async function beforeFirstWrite(run: PassRun): Promise<void> {
  if (run.pass.wrote) return;
  run.pass.wrote = true;
  try {
    await saveProgress(run);
  } catch (thrown) {
    run.pass.wrote = false;
    throw thrown;
  }
}

/** Where the pass got to, with the appids it has seen: the next run resumes from here. */
export async function saveProgress(run: PassRun, options?: RunOptions): Promise<void> {
  const value: ListState = { ...run.state, pass: { ...run.pass, seen: [...run.seen] } };
  await saveListState(syncCollections().state, value, run.ctx.closeDeadline, run.ctx.counters, options);
}
