import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { buildIntoTempDist } from '../localcloud/helpers/builtRoot';
import { context, useHarness, type CloudFunctionMain } from './helpers/harness';
import { quietStalls } from './helpers/quietStalls';
import { until } from './helpers/until';

/**
 * A sync run killed part-way (docs/sync.md, "A killed run, its lease"). The run is a real
 * process running the built function, killed with SIGKILL while the database holds one of its
 * writes; the next run must do only the work that is left, record each change once, and give
 * its lease back. The killed process runs on real time; the runs in this process run on the
 * harness's virtual time (docs/testing.md), so the killed run's lease lapses by moving the clock
 * past it instead of waiting a minute, and a run whose writes are slow is cut by its deadline
 * after the same work on any machine.
 */
type Doc = Record<string, any>;
const ENTRIES = 2000;
const LEASE_ID = 'lease:syncLists';
let sync: CloudFunctionMain;
const h = useHarness({ applicantCount: 20, embeddedCount: ENTRIES, virtualTime: true }, (harness) => {
  harness.asCaller('admin');
  // One page at a time, so "killed in the second page" is one exact place.
  harness.configure({ ...harness.componentVars(), WECOM_WEBHOOK_URL: harness.emu.outbound.wecomWebhookUrl, LIST_CONCURRENCY: '1' });
  harness.emu.evolve.setPace({ newApplicants: 0, newAuthorizations: 0, expire: 0, withdraw: 0, decideApplications: 0 });
  sync = harness.loadFunction('syncLists');
});

// The slow run's writes still held when it returns are released when the next run moves the
// clock, seconds of real time later: the SDK's "[TCB][WARN] ... longer than 3s" stays out.
quietStalls();

let built: Awaited<ReturnType<typeof buildIntoTempDist>>;
let child: ChildProcess | undefined;
beforeAll(async () => {
  built = await buildIntoTempDist();
}, 180_000);
afterAll(() => {
  child?.kill('SIGKILL');
  built?.remove();
});

const docs = (name: string): Doc[] => [...h.emu.db.collection(name).values()];
const runOk = async (timeLimitMs = 60_000) => {
  const result = await sync({}, context(timeLimitMs));
  if (result.errCode !== 0) throw new Error(JSON.stringify(result.error));
  return result;
};
const embeddedOf = (result: Doc): Doc => result.lists.find((l: Doc) => l.list === 'embedded');

/** Every half-screen authorization changes status (each keeps its wire form: number or string). */
function changeEveryStatus(): void {
  for (const record of h.emu.data.embedded) {
    const next = Number(record.status) === 6 ? 2 : 6;
    record.status = typeof record.status === 'string' ? String(next) : next;
  }
}

describe('a sync run killed part-way', () => {
  it('leaves the next run only the work that is left: it resumes after the last page saved, records each change once, and gives its lease back', async () => {
    await runOk(); // the baseline
    changeEveryStatus();
    // The first page's 1000 entries are written; the writes of the second page are held for ever
    // (its changes are recorded by then), and the process is killed while they are held.
    const ENTRY_WRITE = { kind: 'database' as const, api: 'database.modifyDocument', collection: 'embedded_authorizations' };
    h.emu.inject({ ...ENTRY_WRITE, times: ENTRIES / 2 });
    h.emu.inject({ ...ENTRY_WRITE, stall: true, times: Infinity });
    const entry = path.join(built.distDir, 'functions', 'syncLists', 'index.js');
    child = spawn(process.execPath, ['-e', `require(${JSON.stringify(entry)}).main({}, { time_limit_in_ms: 60000, request_id: 'killed-run' })`], { env: { ...process.env }, stdio: 'ignore' });
    const entryWrites = () => h.emu.calls.filter((c) => c.api === ENTRY_WRITE.api && (c.params as Doc)?.collectionName === ENTRY_WRITE.collection).length;
    await until(() => entryWrites() > ENTRIES / 2, 'the killed run to write the second page', 60_000);
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    h.emu.clearFaults();
    // Both pages' changes recorded, the second page's entries not written.
    expect(docs('list_changes')).toHaveLength(ENTRIES);

    // Its lease holds until it lapses (its limit and a little more) ...
    const refused = await sync({}, context());
    expect(refused).toMatchObject({ errCode: -910040, error: { name: 'SYNC_IN_PROGRESS' } });
    // ... which the clock reaches: the killed process set it on real time, ahead of the
    // functions' virtual time by however long the machine took; the clock moves just past it.
    const leaseUntil = Number(h.emu.db.collection('sync_state').get(LEASE_ID)?.until);
    expect(leaseUntil).toBeGreaterThan(h.clock.now());
    await h.virtualClock!.advance(leaseUntil - h.clock.now() + 1);

    const before = h.emu.calls.length;
    const resumed = await runOk();
    expect(embeddedOf(resumed)).toMatchObject({ complete: true, fromPage: 1 });
    expect(embeddedOf(resumed)).toMatchObject({ total: ENTRIES, counts: { status: ENTRIES } });
    // Only the second page (and the empty one that proves the end) asked for again.
    expect(h.emu.calls.slice(before).filter((c) => c.api === '/wxaapi/wxaembedded/get_own_list')).toHaveLength(2);
    // The second page's changes were there already: one batch refused, one read of which exist,
    // none written again one by one; then the pass's 2000 changes read back (in pages of 1000) to be counted and told.
    const work = h.emu.databaseRequests(before);
    expect(work.byCollection.list_changes).toMatchObject({ writes: 1, reads: 1 + 3 });
    // Only the second page's entries written.
    expect(work.byCollection.embedded_authorizations!.writes).toBe(ENTRIES / 2);
    const changes = docs('list_changes');
    expect(changes).toHaveLength(ENTRIES);
    expect(new Set(changes.map((c) => c.appid)).size).toBe(ENTRIES);
    expect(docs('embedded_authorizations').filter((d) => [6, '6'].includes(d.status) || Number(d.status) === 2).length).toBe(ENTRIES);
    // One message for the pass, counting every change once.
    expect(h.emu.outbound.wecom).toHaveLength(1);
    expect(h.emu.outbound.wecom[0]!.content).toContain(`状态变化 status changed: <font color="warning">${ENTRIES}</font>`);
    expect(h.emu.db.collection('sync_state').get(LEASE_ID)).toMatchObject({ until: 0 });
  }, 180_000);

  it('a run whose page writes outlast its time still saves where it got to and gives its lease back; the next run finishes', async () => {
    await runOk();
    changeEveryStatus();
    // Every entry write takes 400 ms: a page of 1000 cannot be written in a 6 s run.
    h.emu.inject({ kind: 'database', api: 'database.modifyDocument', collection: 'embedded_authorizations', latencyMs: 400, times: Infinity });
    const started = h.clock.now();
    const slow = await runOk(6000);
    expect(h.clock.now() - started).toBeLessThan(6000);
    expect(h.emu.db.collection('sync_state').get(LEASE_ID)).toMatchObject({ until: 0 });
    expect(embeddedOf(slow)).toMatchObject({ complete: false, progressSaved: true });
    h.emu.clearFaults();
    const next = await runOk();
    expect(embeddedOf(next)).toMatchObject({ complete: true, passId: embeddedOf(slow).passId, counts: { status: ENTRIES } });
    expect(docs('list_changes')).toHaveLength(ENTRIES);
    expect(h.emu.outbound.wecom).toHaveLength(1);
  }, 120_000);
});
