import { decideEntry, itemDigest, type StoredEntry } from '../../../shared/sync/entryDiff';

const where = { list: 'plugin', account: 'wxacc', id: 'wxacc:wx1', now: 2_000 };
const item = { appid: 'wx1', status: 1, statusLabel: 'pending', nickname: 'A', createTime: 100 };

function stored(over: Partial<StoredEntry> = {}): StoredEntry {
  return { ...item, _id: where.id, list: 'plugin', account: 'wxacc', digest: itemDigest(item), gone: false, firstSeenAt: 1_000, lastSeenAt: 1_000, statusChangedAt: 1_000, goneAt: null, ...over } as StoredEntry;
}

describe('decideEntry', () => {
  it('inserts a new entry with its first-seen times, as a "new" change', () => {
    const d = decideEntry(item, undefined, where);
    expect(d).toMatchObject({ write: 'insert', change: 'new', doc: { _id: 'wxacc:wx1', appid: 'wx1', gone: false, firstSeenAt: 2_000, statusChangedAt: 2_000, revision: 1 } });
  });

  it('writes nothing for an unchanged entry, whatever the key order', () => {
    const reordered = { createTime: 100, nickname: 'A', statusLabel: 'pending', status: 1, appid: 'wx1' };
    expect(decideEntry(reordered, stored(), where)).toEqual({ write: 'none' });
  });

  it('records a status change from → to and keeps firstSeenAt', () => {
    const d = decideEntry({ ...item, status: 2, statusLabel: 'approved' }, stored(), where);
    expect(d).toMatchObject({ write: 'replace', change: 'status', from: { status: 1, statusLabel: 'pending' }, doc: { firstSeenAt: 1_000, statusChangedAt: 2_000, revision: 1 } });
    // Each write moves the revision on: the next change of the entry gets another id (changeLog.changeId).
    expect(decideEntry({ ...item, status: 4, statusLabel: 'expired' }, stored({ revision: 6 }), where)).toMatchObject({ doc: { revision: 7 } });
  });

  it('stores another field change quietly (no change record)', () => {
    const d = decideEntry({ ...item, nickname: 'B' }, stored(), where);
    expect(d).toMatchObject({ write: 'replace', doc: { nickname: 'B', statusChangedAt: 1_000 } });
    expect((d as { change?: string }).change).toBeUndefined();
  });

  it('brings a gone entry back as a "back" change', () => {
    const d = decideEntry(item, stored({ gone: true, goneAt: 1_500 }), where);
    expect(d).toMatchObject({ write: 'replace', change: 'back', doc: { gone: false, goneAt: null } });
  });
});
