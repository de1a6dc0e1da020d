import { createHash } from 'node:crypto';

/** What the sync keeps beside the normalized item fields on every entry document. */
export interface EntryBookkeeping {
  _id: string;
  list: string;
  account: string;
  appid: string;
  /** A digest of the normalized item: unchanged entries are recognized without comparing field by field. */
  digest: string;
  gone: boolean;
  firstSeenAt: number;
  lastSeenAt: number;
  statusChangedAt: number;
  goneAt: number | null;
  expiryWarnedAt?: number;
  /**
   * How many times the entry was written: 1 when stored first, one more at each write after. A
   * change is named by the revision it changed (changeLog.ts `changeId`), so the same change
   * recorded twice is one record. Absent on entries stored before it was kept (counted as 0).
   */
  revision?: number;
}

export type StoredEntry = EntryBookkeeping & Record<string, unknown> & { status: number; statusLabel: string };

export type ChangeKind = 'new' | 'status' | 'gone' | 'back' | 'expiring';

/** The revision a stored entry is at (entries stored before revisions were kept are at 0). */
export const revisionOf = (stored: Pick<EntryBookkeeping, 'revision'>): number => stored.revision ?? 0;

export type EntryDecision =
  | { write: 'none' }
  | { write: 'insert'; doc: StoredEntry; change?: 'new' }
  | { write: 'replace'; doc: StoredEntry; change?: 'status' | 'back'; from?: { status: number; statusLabel: string } };

/** Stable JSON: keys sorted at every level, so equal items give equal digests whatever the key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object).sort().map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function itemDigest(item: object): string {
  return createHash('sha1').update(stableJson(item)).digest('base64url');
}

/**
 * Compares one listed item with what is stored and decides the one write it needs, if any:
 * nothing for an unchanged entry (writes follow changes, not the list's length), an insert for a
 * new one, a replacement for a changed one. A change of status, a reappearance after `gone`, and
 * a new entry are changes worth recording; other field changes (a new nickname) are stored quietly.
 */
export function decideEntry(
  item: { appid: string; status: number; statusLabel: string } & Record<string, unknown>,
  stored: StoredEntry | undefined,
  where: { list: string; account: string; id: string; now: number },
): EntryDecision {
  const digest = itemDigest(item);
  if (!stored) {
    const doc: StoredEntry = {
      ...item, _id: where.id, list: where.list, account: where.account, appid: item.appid, digest,
      gone: false, firstSeenAt: where.now, lastSeenAt: where.now, statusChangedAt: where.now, goneAt: null, revision: 1,
    };
    return { write: 'insert', doc, change: 'new' };
  }
  if (stored.digest === digest && !stored.gone) return { write: 'none' };
  const statusChanged = stored.status !== item.status;
  const doc: StoredEntry = {
    ...item, _id: where.id, list: where.list, account: where.account, appid: item.appid, digest,
    gone: false, firstSeenAt: stored.firstSeenAt, lastSeenAt: where.now,
    statusChangedAt: statusChanged ? where.now : stored.statusChangedAt, goneAt: null, revision: revisionOf(stored) + 1,
    ...(stored.expiryWarnedAt !== undefined && !statusChanged ? { expiryWarnedAt: stored.expiryWarnedAt } : {}),
  };
  const from = { status: stored.status, statusLabel: stored.statusLabel };
  if (stored.gone) return { write: 'replace', doc, change: 'back', from };
  if (statusChanged) return { write: 'replace', doc, change: 'status', from };
  return { write: 'replace', doc };
}
