import { createError, LOCAL } from '../errors';
import type { Deadline } from '../core/deadline';
import { WRITE_RETRY_POLICY } from '../transport/retryPolicy';
import type { WriteOutcome } from './types';

/**
 * Writes in flight at once for one invocation. Each write is one upstream call of a few hundred
 * milliseconds; five keep 100 accounts within a 10 s function limit without a burst that the
 * platform's frequency limits would notice.
 */
export const WRITE_CONCURRENCY = 5;

/** Time kept back from the writes for the audit record (shared/audit/auditTrail.ts). */
export const AUDIT_RESERVE_MS = 500;

/**
 * Runs one write per appid with bounded concurrency inside the writes' deadline (the invocation's,
 * less AUDIT_RESERVE_MS: shared/writes/auditedWrite.ts). A write is started only while the
 * deadline leaves room for an attempt; what could not
 * start is reported `not_attempted` (error -910031), never silently dropped. Outcomes come back in
 * the order of `appids`.
 */
export async function runBulk(
  appids: readonly string[],
  deadline: Deadline,
  writeFor: (appid: string) => Promise<Omit<WriteOutcome, 'appid'>>,
  concurrency = WRITE_CONCURRENCY,
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = new Array<WriteOutcome>(appids.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < appids.length) {
      const index = next++;
      const appid = appids[index] as string;
      if (deadline.remaining() < WRITE_RETRY_POLICY.minAttemptMs) {
        outcomes[index] = notAttempted({ appid });
        continue;
      }
      outcomes[index] = { appid, ...(await writeFor(appid)) };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, appids.length) }, worker));
  return outcomes;
}

/** The outcome of a write that was never sent, for an appid (or set_authorize's flag). */
export function notAttempted(target: { appid: string } | { flag: number }): WriteOutcome {
  const what = 'appid' in target ? target.appid : `flag ${target.flag}`;
  return {
    ...target,
    outcome: 'not_attempted',
    sent: 0,
    error: createError(LOCAL.WRITE_NOT_ATTEMPTED, { detail: `Nothing was sent for ${what}: the function's time ran out first.` }).body,
  };
}

/** How many outcomes of each kind: what a console or a program shows first. */
export function summarize(outcomes: readonly WriteOutcome[]): Record<WriteOutcome['outcome'], number> {
  const summary = { changed: 0, unchanged: 0, failed: 0, not_attempted: 0 };
  for (const o of outcomes) summary[o.outcome] += 1;
  return summary;
}
