import type { CallKind, Fault } from '../types';

interface QueuedFault {
  fault: Fault;
  remaining: number;
}

/**
 * Answer fields only make sense on some paths: `errcode` and `body` on openapi/https,
 * `platformErrorCode` on openapi, `cloudbaseError` on the cloud endpoint
 * (openapi/database/cloudbase), `bom` and `gzip` on the JSON answers (all but openapi). A fault only
 * matches requests all its answer fields apply to, so {errcode} never swallows a database call.
 */
export function faultAppliesTo(fault: Fault, kind: CallKind): boolean {
  if (fault.errcode !== undefined && kind !== 'openapi' && kind !== 'https') return false;
  if (fault.collection !== undefined && kind !== 'database') return false;
  if (fault.platformErrorCode !== undefined && kind !== 'openapi') return false;
  if (fault.cloudbaseError !== undefined && kind === 'https') return false;
  if (fault.body !== undefined && kind !== 'openapi' && kind !== 'https') return false;
  if ((fault.bom || fault.gzip) && kind === 'openapi') return false; // JSON answers only; openapi answers protobuf
  return true;
}

/** Injected faults; the first queued fault matching a request is used (and counted down). */
export class FaultQueue {
  private queue: QueuedFault[] = [];

  inject(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!(times > 0)) throw new RangeError(`fault.times must be positive, got ${times}`);
    this.queue.push({ fault: { ...fault }, remaining: times });
  }

  clear(): void {
    this.queue = [];
  }

  /** `collection`: the collection a database request addresses (matched by faults that name one). */
  take(kind: CallKind, api: string, collection?: string): Fault | undefined {
    const index = this.queue.findIndex(
      (entry) =>
        (entry.fault.kind === undefined || entry.fault.kind === kind) &&
        apiMatches(entry.fault.api, api) &&
        (entry.fault.collection === undefined || (kind === 'database' && entry.fault.collection === collection)) &&
        faultAppliesTo(entry.fault, kind),
    );
    const entry = this.queue[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queue.splice(index, 1);
    return entry.fault;
  }
}

function apiMatches(wanted: string | string[] | undefined, api: string): boolean {
  if (wanted === undefined) return true;
  return Array.isArray(wanted) ? wanted.includes(api) : wanted === api;
}
