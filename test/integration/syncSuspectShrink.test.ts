import { context, useHarness, type CloudFunctionMain } from './helpers/harness';

/**
 * A list that shrinks sharply in one pass is not believed until it is read again (docs/sync.md,
 * "Suspect lists"): an empty answer once must not mark 40 authorizations gone and tell the admins,
 * only to mark them back on the next run; a list that really emptied is recorded once confirmed.
 */
type Doc = Record<string, any>;
let sync: CloudFunctionMain;
const OWN_LIST = '/wxaapi/wxaembedded/get_own_list';
const EMPTY_PAGE = { errcode: 0, errmsg: 'ok', embedded_flag: 0, wxa_embedded_list: [] };

const h = useHarness({ applicantCount: 20, embeddedCount: 40 }, (harness) => {
  harness.asCaller('admin');
  harness.configure({ ...harness.componentVars(), WECOM_WEBHOOK_URL: harness.emu.outbound.wecomWebhookUrl });
  sync = harness.loadFunction('syncLists');
});

const docs = (name: string): Doc[] => [...h.emu.db.collection(name).values()];
const live = () => docs('embedded_authorizations').filter((d) => !d.gone);
const embeddedOf = (result: Doc): Doc => result.lists.find((l: Doc) => l.list === 'embedded');
const runOk = async (timeLimitMs = 60_000) => {
  const result = await sync({}, context(timeLimitMs));
  if (result.errCode !== 0) throw new Error(JSON.stringify(result.error));
  return result;
};

describe('syncLists with a list that shrinks sharply', () => {
  it('an empty answer once is read again in the same pass: nothing marked gone, nothing recorded, nobody told, now or next run', async () => {
    await runOk();
    expect(live()).toHaveLength(40);
    h.emu.inject({ kind: 'https', api: OWN_LIST, body: EMPTY_PAGE, times: 1 });
    const before = h.emu.calls.length;
    const result = await runOk();
    expect(live()).toHaveLength(40);
    expect(docs('list_changes')).toHaveLength(0);
    expect(h.emu.outbound.wecom).toHaveLength(0);
    expect(embeddedOf(result)).toMatchObject({ complete: true, total: 40, suspect: { missing: 40, stored: 40, outcome: 'refuted', stillMissing: 0 } });
    expect(embeddedOf(result).counts).toMatchObject({ gone: 0, back: 0 });
    // The second reading wrote nothing either: the entries it listed were stored as they are.
    expect(h.emu.databaseRequests(before).byCollection.embedded_authorizations?.writes ?? 0).toBe(0);

    const next = await runOk();
    expect(embeddedOf(next)).toMatchObject({ complete: true, counts: { gone: 0, back: 0 } });
    expect(embeddedOf(next).suspect).toBeUndefined();
    expect(docs('list_changes')).toHaveLength(0);
    expect(h.emu.outbound.wecom).toHaveLength(0);
  });

  it('a list that really emptied is confirmed by the second reading: every entry gone once, one message', async () => {
    await runOk();
    h.emu.data.embedded.splice(0);
    const result = await runOk();
    expect(embeddedOf(result)).toMatchObject({ complete: true, total: 0, suspect: { missing: 40, outcome: 'confirmed', stillMissing: 40 }, counts: { gone: 40 } });
    expect(live()).toHaveLength(0);
    expect(docs('embedded_authorizations')).toHaveLength(40); // kept, marked gone
    expect(docs('list_changes').filter((c) => c.kind === 'gone')).toHaveLength(40);
    expect(h.emu.outbound.wecom).toHaveLength(1);
    expect(h.emu.outbound.wecom[0]!.content).toContain('已不在列表 no longer listed: <font color="warning">40</font>');

    await runOk();
    expect(docs('list_changes')).toHaveLength(40);
    expect(h.emu.outbound.wecom).toHaveLength(1);
  });

  it('a second reading that cannot finish leaves the pass suspect and open: nothing gone until a later run reads the list again', async () => {
    await runOk();
    h.emu.inject({ kind: 'https', api: OWN_LIST, body: EMPTY_PAGE, times: 1 });
    // The second reading fails (a parameter error is not retried): the run cannot confirm.
    h.emu.inject({ kind: 'https', api: OWN_LIST, errcode: 89409, times: 1 });
    const doubtful = await runOk();
    expect(live()).toHaveLength(40);
    expect(docs('list_changes')).toHaveLength(0);
    expect(h.emu.outbound.wecom).toHaveLength(0);
    expect(embeddedOf(doubtful)).toMatchObject({ complete: false, progressSaved: true, suspect: { missing: 40, stored: 40, outcome: 'unconfirmed' }, error: { cause: { code: 89409 } } });
    expect(doubtful.complete).toBe(false);

    // The next run goes on with the second reading (its list first), which lists them all again.
    const next = await runOk();
    expect(next.lists[0]).toMatchObject({ list: 'embedded', complete: true, passId: embeddedOf(doubtful).passId, suspect: { outcome: 'refuted', stillMissing: 0 } });
    expect(live()).toHaveLength(40);
    expect(docs('list_changes')).toHaveLength(0);
    expect(h.emu.outbound.wecom).toHaveLength(0);
  });

  it('a few entries leaving a list are marked gone at once, without a second reading', async () => {
    await runOk();
    const removed = h.emu.data.embedded.splice(5, 2) as Doc[];
    const before = h.emu.count({ kind: 'https', api: OWN_LIST });
    const result = await runOk();
    expect(embeddedOf(result)).toMatchObject({ complete: true, counts: { gone: 2 } });
    expect(embeddedOf(result).suspect).toBeUndefined();
    expect(h.emu.count({ kind: 'https', api: OWN_LIST }) - before).toBe(1);
    expect(docs('list_changes').filter((c) => c.kind === 'gone').map((c) => c.appid).sort()).toEqual(removed.map((r) => r.appid).sort());
  });
});
