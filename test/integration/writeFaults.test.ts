import { ADMIN_OPENID, context, useHarness } from './helpers/harness';
import { quietStalls } from './helpers/quietStalls';

/**
 * The writes (docs/functions/setDevPluginApplyStatus.md) under faults (docs/errors.md, "What always
 * holds"): a stalled database (the audit record, the token store) must not break the deadline nor
 * undo or hide a write; a result over 1 MB must not lose the outcomes of writes already sent; a
 * refused caller is audited whatever refused it.
 */
const SET = 'pluginManager.setDevPluginApplyStatus';
const AUDIT = 'wx_admin_audit';
const LIMIT = 1_000_000;
// On virtual time (docs/testing.md): a stall is given up when the functions' clock reaches the
// deadline, and "within the limit" is counted on that clock, however busy the machine.
const h = useHarness({ applicantCount: 120, embeddedCount: 80, virtualTime: true }, (harness) => {
  harness.asCaller('admin');
  harness.configure({});
});

const withStatus = (status: number) =>
  h.emu.data.applicants.filter((a) => a.status === status && /^wx[0-9a-f]{16}$/.test(String(a.appid))).map((a) => String(a.appid));
const approvedEmbedded = () => h.emu.data.embedded.filter((r) => Number(r.status) === 2).map((r) => String(r.appid));
const auditRecords = () => [...h.emu.db.collection(AUDIT).values()] as Array<Record<string, any>>;
/** Everything that left the function except the audit record itself. */
const notAudit = () => h.emu.calls.filter((c) => !(c.kind === 'database' && (c.params as { collectionName?: string })?.collectionName === AUDIT));
const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
const stableVars = () => ({ APPID: h.emu.accounts.app.appid, APPSECRET: h.emu.accounts.app.secret });

// The SDK's "[TCB][WARN]" notices for stalled requests are not armed (its SILENCE switch, helpers/quietStalls.ts).
quietStalls();

describe('a stalled database during a write', () => {
  it('setDevPluginApplyStatus: the write is done and said, the audit record times out within the 3 s limit and is said too', async () => {
    const main = h.loadFunction('setDevPluginApplyStatus');
    const [appid] = withStatus(1);
    h.emu.inject({ kind: 'database', stall: true, times: Infinity });
    const started = h.clock.now();
    const result = await main({ action: 'dev_agree', appid }, context(3000));
    expect(h.clock.now() - started).toBeLessThan(3000);
    expect(result).toMatchObject({
      errCode: 0,
      outcomes: [{ appid, outcome: 'changed', sent: 1 }],
      audit: { recorded: false, collection: AUDIT, error: { code: -910033, cause: { code: -910013 } } },
    });
    expect(h.emu.data.applicants.find((a) => a.appid === appid)?.status).toBe(2);
    expect(JSON.stringify(result)).not.toContain('[TCB]');
  });

  it('manageEmbedded with the database token store: the token read gives up in time, the revoke is done, the audit is said not recorded', async () => {
    h.configure(stableVars());
    const main = h.loadFunction('manageEmbedded');
    const [appid] = approvedEmbedded();
    h.emu.inject({ kind: 'database', stall: true, times: Infinity });
    const started = h.clock.now();
    const result = await main({ action: 'del_authorize', appid }, context(3000));
    expect(h.clock.now() - started).toBeLessThan(3000);
    expect(result).toMatchObject({ errCode: 0, tokenProvider: 'stable', outcomes: [{ appid, outcome: 'changed' }], audit: { recorded: false, error: { code: -910033 } } });
    expect(Number(h.emu.data.embedded.find((r) => r.appid === appid)?.status)).toBe(6);
  });

  it('a refused caller is answered within the limit although its audit record cannot be written', async () => {
    h.asCaller('http');
    const main = h.loadFunction('setDevPluginApplyStatus');
    h.emu.inject({ kind: 'database', stall: true, times: Infinity });
    const started = h.clock.now();
    const result = await main({ action: 'dev_agree', appid: withStatus(1)[0] }, context(3000));
    expect(h.clock.now() - started).toBeLessThan(3000);
    expect(result).toMatchObject({ errCode: -910002, error: { name: 'CALLER_NOT_ALLOWED' } });
    expect(h.emu.calls.filter((c) => c.kind !== 'database')).toEqual([]);
  });
});

describe('callers refused by their source are audited too (ALLOWED_SOURCES)', () => {
  it.each([
    ['wx_http', 'setDevPluginApplyStatus', { action: 'dev_refuse', appids: ['wx0123456789abcdef', 'wx00000000000000aa'], reason: 'no' }],
    ['scf', 'setDevPluginApplyStatus', { action: 'dev_delete', appid: 'wx0123456789abcdef' }],
    ['wx_unknown', 'manageEmbedded', { action: 'del_authorize', appid: 'wx0123456789abcdef' }],
    ['wx_http', 'manageEmbedded', { action: 'set_authorize', flag: 1 }],
  ] as const)('%s calling %s', async (source, name, event) => {
    h.asCaller('timer');
    process.env.TCB_SOURCE = source;
    h.configure(stableVars());
    const result = await h.loadFunction(name)(event, context());
    expect(result).toMatchObject({ errCode: -910002, error: { name: 'CALLER_NOT_ALLOWED' } });
    expect(result.error.detail).toContain(source);
    expect(notAudit()).toEqual([]);
    const targets = 'appids' in event ? event.appids : 'appid' in event ? [event.appid] : [];
    expect(auditRecords()).toEqual([
      expect.objectContaining({ function: name, action: event.action, caller: { source }, targets, result: 'refused', error: { code: -910002, name: 'CALLER_NOT_ALLOWED' } }),
    ]);
  });

  it('the same source allowed through ALLOWED_SOURCES writes, and is recorded as that source', async () => {
    h.asCaller('timer');
    process.env.TCB_SOURCE = 'scf';
    h.configure({ ...stableVars(), ALLOWED_SOURCES: 'scf' });
    const [appid] = approvedEmbedded();
    const result = await h.loadFunction('manageEmbedded')({ action: 'del_authorize', appid }, context());
    expect(result).toMatchObject({ errCode: 0, outcomes: [{ appid, outcome: 'changed' }] });
    expect(auditRecords()).toEqual([expect.objectContaining({ caller: { source: 'scf' }, result: 'done' })]);
  });

  it('a refused read (manageEmbedded get_list) leaves no audit record', async () => {
    h.asCaller('user', 'oStranger_0009');
    h.configure(stableVars());
    const result = await h.loadFunction('manageEmbedded')({ action: 'get_list' }, context());
    expect(result.errCode).toBe(-910002);
    expect(h.emu.calls).toEqual([]);
  });

  it('a non-admin Mini Program user asking manageEmbedded to revoke is refused and audited with their OPENID', async () => {
    h.asCaller('user', 'oStranger_0009');
    h.configure(stableVars());
    const [appid] = approvedEmbedded();
    const result = await h.loadFunction('manageEmbedded')({ action: 'del_authorize', appids: [appid] }, context());
    expect(result.errCode).toBe(-910002);
    expect(notAudit()).toEqual([]);
    expect(auditRecords()).toEqual([expect.objectContaining({ caller: { source: 'wx_client', openid: 'oStranger_0009' }, targets: [appid], result: 'refused' })]);
  });
});

describe('a write call that fails as a whole is audited as failed', () => {
  it('manageEmbedded with no token provider: TOKEN_NOT_CONFIGURED, nothing sent, the record says failed with that code', async () => {
    const [appid] = approvedEmbedded();
    const result = await h.loadFunction('manageEmbedded')({ action: 'del_authorize', appid }, context());
    expect(result).toMatchObject({ errCode: -910009, error: { name: 'TOKEN_NOT_CONFIGURED' } });
    expect(notAudit()).toEqual([]);
    expect(auditRecords()).toEqual([
      expect.objectContaining({ function: 'manageEmbedded', action: 'del_authorize', targets: [appid], result: 'failed', error: { code: -910009, name: 'TOKEN_NOT_CONFIGURED' }, caller: { source: 'wx_client', openid: ADMIN_OPENID } }),
    ]);
  });

  it('setDevPluginApplyStatus from a console run with no HTTPS provider: -501007 explained, the record says failed', async () => {
    h.asCaller('console');
    const result = await h.loadFunction('setDevPluginApplyStatus')({ action: 'dev_agree', appid: withStatus(1)[0] }, context());
    expect(result.errCode).toBe(-501007);
    expect(auditRecords()).toEqual([expect.objectContaining({ result: 'failed', caller: { source: 'console' }, error: expect.objectContaining({ code: -501007 }) })]);
  });
});

describe('bulk limits of manageEmbedded', () => {
  it('101 appids to revoke are refused naming appids, with no upstream call', async () => {
    h.configure(stableVars());
    const appids = Array.from({ length: 101 }, (_, i) => `wx${i.toString(16).padStart(16, '0')}`);
    const result = await h.loadFunction('manageEmbedded')({ action: 'del_authorize', appids }, context());
    expect(result.errCode).toBe(-910001);
    expect(result.error.issues.map((i: { field: string }) => i.field)).toContain('appids');
    expect(h.emu.calls).toEqual([]);
  });

  it('every approved appid, some twice: duplicates removed, one outcome each', async () => {
    h.configure(stableVars());
    const approved = approvedEmbedded();
    const appids = [...approved, ...approved.slice(0, 3)];
    const result = await h.loadFunction('manageEmbedded')({ action: 'del_authorize', appids }, context(20_000));
    expect(result.errCode).toBe(0);
    expect(result.outcomes.map((o: { appid: string }) => o.appid)).toEqual(approved);
    expect(result.summary.changed).toBe(approved.length);
  }, 30_000);
});

describe('results over 1 MB', () => {
  it('100 writes whose errors carry 20 KB messages keep every outcome, each message a short marked excerpt, under the limit', async () => {
    const main = h.loadFunction('setDevPluginApplyStatus');
    const upstreamMessage = 'appid is not in the apply list; '.repeat(640);
    h.emu.inject({ kind: 'openapi', api: SET, errcode: 89242, errmsg: upstreamMessage, times: Infinity });
    const appids = Array.from({ length: 100 }, (_, i) => `wx${(0xa000 + i).toString(16).padStart(16, '0')}`);
    const result = await main({ action: 'dev_agree', appids }, context(20_000));
    expect(result.errCode).toBe(0);
    expect(bytesOf(result)).toBeLessThan(LIMIT);
    // Whole, the same outcomes would be over 2 MB: every error keeps a 1,000-character excerpt
    // of what the upstream said (docs/retries-and-deadlines.md, "What errors echo").
    expect(upstreamMessage.length * 100).toBeGreaterThan(2 * LIMIT);
    expect(result.summary).toEqual({ changed: 0, unchanged: 0, failed: 100, not_attempted: 0 });
    expect(result.outcomes.map((o: { appid: string }) => o.appid)).toEqual(appids);
    for (const outcome of result.outcomes) {
      expect(outcome).toMatchObject({ outcome: 'failed', sent: 1, error: { code: 89242, name: 'APPID_NOT_IN_APPLY_LIST', retryable: false } });
      expect(outcome.error.upstreamMessage).toMatch(/^openapi\.pluginManager\.setDevPluginApplyStatus:fail appid is not in the apply list; .*… \([\d,]+ characters, cut\)$/);
      expect(outcome.error.upstreamMessage.length).toBeLessThan(1100);
    }
    expect(result.trimmed).toBeUndefined();
    expect(result.audit).toMatchObject({ recorded: true });
    expect(auditRecords()[0]?.outcomes).toHaveLength(100);
  }, 30_000);

  it('an ordinary write result is not trimmed', async () => {
    const main = h.loadFunction('setDevPluginApplyStatus');
    const result = await main({ action: 'dev_agree', appid: 'wx00000000000000aa' }, context());
    expect(result.outcomes[0].error).toMatchObject({ code: 89242, upstreamMessage: expect.any(String) });
    expect(result.trimmed).toBeUndefined();
  });

  it('a get_list page too large is shortened; following nextStart gets every item once', async () => {
    h.configure(stableVars());
    const main = h.loadFunction('manageEmbedded');
    const items = Array.from({ length: 1000 }, (_, i) => ({
      appid: `wx${(0xb000 + i).toString(16).padStart(16, '0')}`, status: 1, nickname: `n${i}`, headimg: '', reason: `${i}:${'长'.repeat(700)}`, create_time: 1700000000 + i,
    }));
    const seen: string[] = [];
    let start: number | null = 0;
    let pages = 0;
    while (start !== null && seen.length < items.length) {
      h.emu.inject({ kind: 'https', api: '/wxaapi/wxaembedded/get_list', body: { errcode: 0, errmsg: 'ok', wxa_embedded_list: items.slice(start, start + 1000) }, times: 1 });
      const page: Record<string, any> = await main({ action: 'get_list', start, num: 1000 }, context());
      expect(page.errCode).toBe(0);
      expect(bytesOf(page)).toBeLessThan(LIMIT);
      if (pages === 0) expect(page.paging.returned).toBeLessThan(1000);
      const end = start + page.embedded.length;
      expect(page.paging).toEqual({ start, num: 1000, returned: page.embedded.length, nextStart: end === items.length ? null : end });
      seen.push(...page.embedded.map((r: { appid: string }) => r.appid));
      start = page.paging.nextStart;
      pages += 1;
    }
    expect(pages).toBeGreaterThan(1);
    expect(seen).toEqual(items.map((r) => r.appid));
  }, 30_000);
});

it('the admin caller of these tests is the one ADMIN_OPENIDS names', () => {
  expect(process.env.ADMIN_OPENIDS).toBe(ADMIN_OPENID);
});
