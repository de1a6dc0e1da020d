import { context, useHarness, type CloudFunctionMain } from './helpers/harness';

type Doc = Record<string, any>;
let sync: CloudFunctionMain;

// On virtual time (docs/testing.md): a run ends where its deadline says on the functions' clock,
// never earlier because the machine was busy; a stalled page is given up without waiting for it.
const h = useHarness({ applicantCount: 2300, embeddedCount: 2000, virtualTime: true }, (harness) => {
  harness.asCaller('admin');
  harness.configure({ ...harness.componentVars(), WECOM_WEBHOOK_URL: harness.emu.outbound.wecomWebhookUrl });
  sync = harness.loadFunction('syncLists');
});

const docs = (name: string): Doc[] => [...h.emu.db.collection(name).values()];
const live = (name: string) => docs(name).filter((d) => !d.gone);
const runOk = async (timeLimitMs = 60_000) => {
  const result = await sync({}, context(timeLimitMs));
  if (result.errCode !== 0) throw new Error(JSON.stringify(result.error));
  return result;
};

describe('syncLists over loopback', () => {
  it('a first run is a baseline: every entry stored exactly once, no change recorded, nobody told', async () => {
    const result = await runOk();
    expect(result.complete).toBe(true);
    const plugin = docs('plugin_applicants');
    const embedded = docs('embedded_authorizations');
    expect(plugin).toHaveLength(2300);
    expect(new Set(plugin.map((d) => d.appid))).toEqual(new Set(h.emu.data.applicants.map((a) => a.appid)));
    expect(embedded).toHaveLength(2000);
    expect(new Set(embedded.map((d) => d.appid)).size).toBe(2000);
    expect(plugin.find((d) => d.appid === 'xxxxxxxxxxxxx')).toMatchObject({ status: 1, statusLabel: 'pending', createTime: 1536305096, gone: false });
    // The third list: the Mini Programs this account applied to open half-screen (get_list).
    expect(docs('embedded_applications')).toHaveLength(3);
    expect(result.lists.map((l: Doc) => [l.list, l.baseline, l.total])).toEqual([['plugin', true, 2300], ['embedded', true, 2000], ['applications', true, 3]]);
    expect(docs('list_changes')).toHaveLength(0);
    expect(h.emu.outbound.wecom).toHaveLength(0);
  });

  it('a second run after N changes records exactly those N, writes only them, and tells the robot once', async () => {
    await runOk();
    const [step] = h.emu.evolve.step();
    // An arrival in each list of applicants and authorizations, one withdrawal, an expiry in each, one application of ours decided.
    const expected = 2 + 1 + 2 + 1;
    const writesBefore = h.emu.count({ kind: 'database' });
    const result = await runOk();
    const changes = docs('list_changes');
    expect(changes).toHaveLength(expected);
    expect(changes.filter((c) => c.kind === 'new').map((c) => c.appid).sort()).toEqual([...step!.newApplicants, ...step!.newAuthorizations].sort());
    expect(changes.find((c) => c.appid === step!.withdrawnAuthorizations[0])).toMatchObject({ kind: 'status', from: 2, to: 5, fromLabel: 'approved', toLabel: 'withdrawn' });
    expect(changes.find((c) => c.appid === step!.decidedApplications[0]!.appid)).toMatchObject({ list: 'applications', kind: 'status', from: 1, to: step!.decidedApplications[0]!.status });
    const plugin = result.lists.find((l: Doc) => l.list === 'plugin');
    expect(plugin.counts).toMatchObject({ new: 1, status: 1, gone: 0 });
    expect(result.database.entryWrites).toBe(expected);
    expect(result.database.changeWrites).toBeLessThanOrEqual(expected);
    expect(h.emu.count({ kind: 'database' }) - writesBefore).toBeLessThan(60);
    // One robot message per list that changed, naming the new applicant; none for the next, unchanged run.
    expect(h.emu.outbound.wecom).toHaveLength(3);
    expect(h.emu.outbound.wecom.map((m) => m.content).join('\n')).toContain(step!.newApplicants[0]);
    const again = await runOk();
    expect(docs('list_changes')).toHaveLength(expected);
    expect(again.database.entryWrites).toBe(0);
    expect(again.database.changeWrites).toBe(0);
    expect(h.emu.outbound.wecom).toHaveLength(3);
  });

  it('marks entries no longer listed as gone, keeping them', async () => {
    await runOk();
    const removed = h.emu.data.embedded.splice(10, 3) as Doc[];
    await runOk();
    for (const r of removed) {
      const doc = docs('embedded_authorizations').find((d) => d.appid === r.appid)!;
      expect(doc).toMatchObject({ gone: true });
      expect(typeof doc.goneAt).toBe('number');
    }
    expect(docs('list_changes').filter((c) => c.kind === 'gone')).toHaveLength(3);
    expect(live('embedded_authorizations')).toHaveLength(1997);
  });

  it('an interrupted sync (deadline) resumes on the next run and ends equal to an uninterrupted one', async () => {
    await runOk();
    h.emu.evolve.setPace({ newApplicants: 3, newAuthorizations: 2, expire: 2, withdraw: 2 });
    h.emu.evolve.step();
    // Interrupted at a chosen page, not by how far a short time limit gets on this machine: the
    // plugin list completes, the half-screen list's first page is stored, its second never
    // answers, so the listing time runs out there (the page is given up at the work deadline,
    // leaving the reserve to save where the pass got to and to release the lease).
    h.configure({ ...h.componentVars(), WECOM_WEBHOOK_URL: h.emu.outbound.wecomWebhookUrl, LIST_CONCURRENCY: '1' });
    h.emu.inject({ kind: 'https', api: '/wxaapi/wxaembedded/get_own_list', times: 1 });
    h.emu.inject({ kind: 'https', api: '/wxaapi/wxaembedded/get_own_list', stall: true, times: Infinity });
    // 12 s of the functions' clock: the work before the stalled page (a whole plugin pass, one
    // half-screen page) takes none of it; the stalled page is given up at the work deadline.
    const first = await runOk(12_000);
    expect(first.complete).toBe(false);
    const [plugin, embedded] = first.lists;
    expect(plugin).toMatchObject({ list: 'plugin', complete: true });
    expect(embedded).toMatchObject({ list: 'embedded', complete: false, fromPage: 0, nextPage: 1, progressSaved: true });
    expect(embedded.stored).toBeGreaterThan(0);
    h.emu.clearFaults();
    let runs = 1;
    let last = first;
    while (!last.complete && runs < 10) {
      last = await runOk();
      runs += 1;
    }
    expect(last.complete).toBe(true);
    // The next run resumed the half-screen pass where the first stopped, under the same pass id.
    expect(runs).toBe(2);
    expect(last.lists.find((l: Doc) => l.list === 'embedded')).toMatchObject({ fromPage: 1, passId: embedded.passId, complete: true });
    const interrupted = { entries: snapshot(), changes: changeSummary() };

    // The same evolution, synced in one go, from the same baseline.
    h.emu.reset();
    h.emu.evolve.setPace({ newApplicants: 3, newAuthorizations: 2, expire: 2, withdraw: 2 });
    h.configure({ ...h.componentVars(), WECOM_WEBHOOK_URL: h.emu.outbound.wecomWebhookUrl });
    sync = h.loadFunction('syncLists');
    await runOk();
    h.emu.evolve.step();
    const uninterrupted = await runOk();
    // Counted once, by the run that closed each pass (the plugin one in the first run), as the run that did it all in one go counts them.
    const countsOf = (result: Doc) => Object.fromEntries(result.lists.map((l: Doc) => [l.list, l.counts]));
    expect({ plugin: plugin.counts, embedded: countsOf(last).embedded, applications: countsOf(last).applications }).toEqual(countsOf(uninterrupted));
    expect(snapshot()).toEqual(interrupted.entries);
    expect(changeSummary()).toEqual(interrupted.changes);
    expect(interrupted.changes).toHaveLength(3 + 2 + 2 + 2 + 2 + 1);
    // Six whole syncs of 4300 entries: a few seconds each on a loaded machine.
  }, 120_000);

  it('two overlapping runs leave one result: the second is told the lease is held', async () => {
    const [a, b] = await Promise.all([sync({}, context(60_000)), sync({}, context(60_000))]);
    const codes = [a.errCode, b.errCode].sort();
    expect(codes).toEqual([-910040, 0]);
    const refused = a.errCode === 0 ? b : a;
    expect(refused.error).toMatchObject({ name: 'SYNC_IN_PROGRESS', retryable: false });
    expect(docs('plugin_applicants')).toHaveLength(2300);
    // The lease is given back: the next run goes ahead.
    expect((await sync({}, context())).errCode).toBe(0);
  });

  it('refuses a Mini Program user who is not an admin, before anything is read or written', async () => {
    h.asCaller('user', 'oNotAnAdmin');
    const result = await sync({}, context());
    expect(result.errCode).toBe(-910002);
    expect(h.emu.calls).toHaveLength(0);
  });
});

function snapshot() {
  return [...docs('plugin_applicants'), ...docs('embedded_authorizations'), ...docs('embedded_applications')]
    // Everything but the times (new entries are created at the emulated "now" of each scenario).
    .map(({ _id, status, gone, nickname, statusChangedAt }) => ({ _id, status, gone, nickname, changed: statusChangedAt !== undefined }))
    .sort((x, y) => String(x._id).localeCompare(String(y._id)));
}

function changeSummary() {
  return docs('list_changes')
    .map(({ list, appid, kind, from, to }) => `${list}:${appid}:${kind}:${from}:${to}`)
    .sort();
}
