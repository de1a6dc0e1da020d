import { context, useHarness, type CloudFunctionMain } from './helpers/harness';

type Doc = Record<string, any>;
let sync: CloudFunctionMain;

const h = useHarness({ applicantCount: 250, embeddedCount: 2100 }, (harness) => {
  harness.asCaller('admin');
  harness.configure(harness.componentVars());
  sync = harness.loadFunction('syncLists');
});

const docs = (name: string): Doc[] => [...h.emu.db.collection(name).values()];

describe('syncLists lease and failures', () => {
  it('a lease left by a run that died blocks until it lapses, then the next run goes ahead', async () => {
    expect((await sync({}, context())).errCode).toBe(0);
    const state = h.emu.db.collection('sync_state');
    state.set('lease:syncLists', { _id: 'lease:syncLists', holder: 'a-run-that-died', until: Date.now() + 60_000 });
    const blocked = await sync({}, context());
    expect(blocked).toMatchObject({ errCode: -910040, error: { name: 'SYNC_IN_PROGRESS' } });
    expect(blocked.error.detail).toMatch(/until \d{4}-/);
    state.set('lease:syncLists', { _id: 'lease:syncLists', holder: 'a-run-that-died', until: Date.now() - 1 });
    expect((await sync({}, context())).errCode).toBe(0);
    expect(state.get('lease:syncLists')).toMatchObject({ until: 0 }); // given back
  });

  it('a page failing after its retries stops that list cleanly; the next run resumes and records each change once', async () => {
    await sync({}, context());
    h.emu.evolve.setPace({ newApplicants: 1, newAuthorizations: 2, expire: 1, withdraw: 3 });
    h.emu.evolve.step();
    // A page of the half-screen list fails with a parameter error (never retried).
    h.emu.inject({ kind: 'https', api: '/wxaapi/wxaembedded/get_own_list', errcode: 89409, times: 1 });
    const failedRun = await sync({}, context());
    expect(failedRun.errCode).toBe(0);
    const [plugin, embedded] = failedRun.lists;
    expect(plugin).toMatchObject({ list: 'plugin', complete: true });
    expect(embedded).toMatchObject({ list: 'embedded', complete: false, error: { code: -910041, name: 'SYNC_LIST_FAILED', cause: { code: 89409 } } });
    const resumed = await sync({}, context());
    // The unfinished list goes first (fairOrder), from where it stopped.
    expect(resumed.lists[0]).toMatchObject({ list: 'embedded', complete: true });
    expect(resumed.lists[0].fromPage).toBe(embedded.nextPage);
    const changes = docs('list_changes');
    expect(changes.filter((c) => c.list === 'embedded')).toHaveLength(2 + 1 + 3);
    expect(new Set(changes.map((c) => c._id)).size).toBe(changes.length);
  });
});
