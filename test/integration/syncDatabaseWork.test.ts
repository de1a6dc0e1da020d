import { context, useHarness, type CloudFunctionMain } from './helpers/harness';

/**
 * The database work of a pass in proportion to what changed (docs/sync.md, "Database work"),
 * counted by the emulator whatever the function reports: an unchanged pass writes no entry,
 * change or message, and reads each stored page once; entries gone together are marked in one
 * request.
 */
type Doc = Record<string, any>;
let sync: CloudFunctionMain;
const h = useHarness({ applicantCount: 30, embeddedCount: 2500 }, (harness) => {
  harness.asCaller('admin');
  harness.configure({ ...harness.componentVars(), WECOM_WEBHOOK_URL: harness.emu.outbound.wecomWebhookUrl });
  sync = harness.loadFunction('syncLists');
});

const ENTRY_COLLECTIONS = ['plugin_applicants', 'embedded_authorizations', 'embedded_applications'];
const SYNC_COLLECTIONS = [...ENTRY_COLLECTIONS, 'list_changes', 'sync_state', 'notifications'];
const runOk = async () => {
  const result = await sync({}, context(60_000));
  if (result.errCode !== 0) throw new Error(JSON.stringify(result.error));
  return result;
};

describe('the database work of a sync pass', () => {
  it('an unchanged pass writes no entry, change or message, and reads each stored page once (plus a count per list and a handful)', async () => {
    await runOk();
    const since = h.emu.calls.length;
    const result = await runOk();
    expect(result.complete).toBe(true);
    const work = h.emu.databaseRequests(since).byCollection;
    const of = (name: string) => work[name] ?? { reads: 0, writes: 0, other: 0 };
    for (const name of [...ENTRY_COLLECTIONS, 'list_changes', 'notifications']) expect({ name, writes: of(name).writes }).toEqual({ name, writes: 0 });
    expect(of('list_changes').reads).toBe(0);
    const lists = result.lists.length;
    const storedPages = Math.ceil(2500 / 1000) + Math.ceil(30 / 1000) + Math.ceil(3 / 1000);
    const reads = SYNC_COLLECTIONS.reduce((n, name) => n + of(name).reads, 0);
    // A page read per page of entries, a count per list, the list states, the outbox.
    expect(reads).toBeLessThanOrEqual(storedPages + lists + 2);
    // The lease (taken, given back), each list's state, the run's summary.
    expect(of('sync_state').writes).toBeLessThanOrEqual(lists + 3);
    expect(result.database).toMatchObject({ entryWrites: 0, changeWrites: 0 });
  });

  it('entries that left the list together are marked gone in one request, their changes recorded in one', async () => {
    await runOk();
    h.emu.db.collection('list_changes'); // there already, as after any earlier change (its creation is one request more)
    const removed = h.emu.data.embedded.splice(100, 400) as Doc[];
    const since = h.emu.calls.length;
    const result = await runOk();
    const embedded = result.lists.find((l: Doc) => l.list === 'embedded');
    // 400 of 2500 is a sharp shrink: read twice, then marked.
    expect(embedded).toMatchObject({ complete: true, counts: { gone: 400 }, suspect: { outcome: 'confirmed', stillMissing: 400 } });
    const work = h.emu.databaseRequests(since).byCollection;
    expect(work.embedded_authorizations!.writes).toBe(1);
    expect(work.list_changes!.writes).toBe(1);
    const gone = [...h.emu.db.collection('embedded_authorizations').values()].filter((d) => d.gone);
    expect(gone.map((d) => d.appid).sort()).toEqual(removed.map((r) => r.appid).sort());
  });
});
