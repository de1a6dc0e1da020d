import { context, useHarness, type CloudFunctionMain } from './helpers/harness';

const AUDIT = 'wx_admin_audit';
let main: CloudFunctionMain;
// The half-screen APIs are HTTPS only: a console test run with the account's own stable token.
const h = useHarness({ embeddedCount: 80 }, (harness) => {
  harness.asCaller('console');
  harness.configure({ APPID: harness.emu.accounts.app.appid, APPSECRET: harness.emu.accounts.app.secret });
  main = harness.loadFunction('manageEmbedded');
});

const PATH = (name: string) => `/wxaapi/wxaembedded/${name}`;
const bodiesSentTo = (name: string) => h.emu.calls.filter((c) => c.api === PATH(name)).map((c) => c.params);
const withStatus = (status: number) => h.emu.data.embedded.filter((r) => Number(r.status) === status).map((r) => String(r.appid));
const statusOf = (appid: string) => Number(h.emu.data.embedded.find((r) => r.appid === appid)?.status);
const auditRecords = () => [...h.emu.db.collection(AUDIT).values()] as Array<Record<string, any>>;
const upstream = () => h.emu.calls.filter((c) => c.kind !== 'database');

describe('manageEmbedded over HTTPS against the emulator', () => {
  it('set_authorize sends { flag }, and requests that come later are decided by the new mode', async () => {
    const result = await main({ action: 'set_authorize', flag: 1 }, context());
    expect(result).toMatchObject({
      errCode: 0, errMsg: 'manageEmbedded:ok', via: 'https', tokenProvider: 'stable', action: 'set_authorize', flagLabel: 'auto-approve',
      outcomes: [{ flag: 1, outcome: 'changed', sent: 1 }], audit: { recorded: true },
    });
    expect(bodiesSentTo('set_authorize')).toEqual([{ flag: 1 }]);
    expect(h.emu.data.embeddedFlag).toBe(1);
    expect(h.emu.receiveEmbeddingRequest('wx1111111111111111', '查看物流').status).toBe(2);
    await main({ action: 'set_authorize', flag: 2 }, context());
    expect(h.emu.receiveEmbeddingRequest('wx2222222222222222', '查看物流').status).toBe(3);
    expect(auditRecords().map((r) => [r.action, r.result, r.outcomes])).toEqual([
      ['set_authorize', 'done', [{ flag: 1, outcome: 'changed' }]],
      ['set_authorize', 'done', [{ flag: 2, outcome: 'changed' }]],
    ]);
  });

  it('del_authorize (bulk) sends { appid } each: approved -> changed (status 6), revoked already -> unchanged, pending -> failed', async () => {
    const [a1, a2] = withStatus(2);
    const [revoked] = withStatus(6);
    const [pending] = withStatus(1);
    const result = await main({ action: 'del_authorize', appids: [a1, a2, revoked, pending] }, context());
    expect(result.summary).toEqual({ changed: 2, unchanged: 1, failed: 1, not_attempted: 0 });
    expect(result.outcomes).toEqual([
      { appid: a1, outcome: 'changed', sent: 1 },
      { appid: a2, outcome: 'changed', sent: 1 },
      { appid: revoked, outcome: 'unchanged', sent: 1, decidedByReread: true },
      { appid: pending, outcome: 'failed', sent: 1, decidedByReread: true, error: expect.objectContaining({ code: 89422 }) },
    ]);
    expect(statusOf(a1!)).toBe(6);
    expect(statusOf(a2!)).toBe(6);
    // Exactly { appid } each (never { flag }, as several SDKs send), one request per account.
    const sent = bodiesSentTo('del_authorize');
    expect(sent).toHaveLength(4);
    expect(sent).toEqual(expect.arrayContaining([{ appid: a1 }, { appid: a2 }, { appid: revoked }, { appid: pending }]));
  });

  it('a revoke whose answer is lost is re-read, not resent', async () => {
    const [appid] = withStatus(2);
    h.emu.inject({ kind: 'https', api: PATH('del_authorize'), applyThenDrop: true });
    const result = await main({ action: 'del_authorize', appid }, context());
    expect(result.outcomes).toEqual([{ appid, outcome: 'changed', sent: 1, answerLost: { resolution: 'applied' } }]);
    expect(bodiesSentTo('del_authorize')).toHaveLength(1);
    expect(h.emu.count({ kind: 'https', api: PATH('get_own_list') })).toBeGreaterThanOrEqual(1);
  });

  it('a 5xx on a write is never retried with backoff: one request, then the re-read decides', async () => {
    const [appid] = withStatus(2);
    h.emu.inject({ kind: 'https', api: PATH('del_authorize'), httpStatus: 502 });
    const result = await main({ action: 'del_authorize', appid }, context());
    // The 502 came before anything was applied: the re-read shows it still approved, so it is sent once more.
    expect(result.outcomes).toEqual([{ appid, outcome: 'changed', sent: 2, answerLost: { resolution: 'resent' } }]);
    expect(bodiesSentTo('del_authorize')).toHaveLength(2);
  });

  it('add_embedded sends { appid, apply_reason }; get_list shows it normalized; del_embedded removes it; again is unchanged', async () => {
    const appid = 'wxabcdef0123456789';
    const added = await main({ action: 'add_embedded', appid, apply_reason: '查看物流信息' }, context());
    expect(added.outcomes).toEqual([{ appid, outcome: 'changed', sent: 1 }]);
    expect(bodiesSentTo('add_embedded')).toEqual([{ appid, apply_reason: '查看物流信息' }]);
    expect((await main({ action: 'add_embedded', appid }, context())).outcomes[0].outcome).toBe('unchanged');

    const listed = await main({ action: 'get_list', start: 0, num: 10 }, context());
    expect(listed).toMatchObject({ errCode: 0, via: 'https', paging: { start: 0, num: 10, nextStart: null } });
    expect(listed.embedded.find((r: { appid: string }) => r.appid === appid)).toMatchObject({ appid, status: 1, statusLabel: 'pending', reason: '查看物流信息' });
    expect(typeof listed.embedded[0].createTime).toBe('number');

    expect((await main({ action: 'del_embedded', appid }, context())).outcomes[0].outcome).toBe('changed');
    expect(bodiesSentTo('del_embedded')).toEqual([{ appid }]);
    expect((await main({ action: 'del_embedded', appid }, context())).outcomes[0].outcome).toBe('unchanged');
    // get_list is a read: not audited.
    expect(auditRecords().map((r) => r.action)).toEqual(['add_embedded', 'add_embedded', 'del_embedded', 'del_embedded']);
  });

  it('dryRun reports what would be sent and sends nothing (not even a token request)', async () => {
    const [appid] = withStatus(2);
    const result = await main({ action: 'del_authorize', appid, dryRun: true }, context());
    expect(result).toMatchObject({ errCode: 0, dryRun: true, wouldSend: [{ https: 'POST /wxaapi/wxaembedded/del_authorize', body: { appid } }] });
    expect(upstream()).toHaveLength(0);
    expect(statusOf(appid!)).toBe(2);
    expect(auditRecords()[0]).toMatchObject({ result: 'dry_run', action: 'del_authorize', targets: [appid] });
  });

  it('dryRun of set_authorize, add_embedded and del_embedded reports each body and sends nothing', async () => {
    const flagBefore = h.emu.data.embeddedFlag;
    const appid = 'wxabcdef0123456789';
    const mode = await main({ action: 'set_authorize', flag: 2, dryRun: true }, context());
    expect(mode).toMatchObject({ errCode: 0, dryRun: true, flagLabel: 'auto-reject', wouldSend: [{ https: 'POST /wxaapi/wxaembedded/set_authorize', body: { flag: 2 } }] });
    const add = await main({ action: 'add_embedded', appid, apply_reason: '查看物流', dryRun: true }, context());
    expect(add.wouldSend).toEqual([{ https: 'POST /wxaapi/wxaembedded/add_embedded', body: { appid, apply_reason: '查看物流' } }]);
    const del = await main({ action: 'del_embedded', appid, dryRun: true }, context());
    expect(del.wouldSend).toEqual([{ https: 'POST /wxaapi/wxaembedded/del_embedded', body: { appid } }]);
    expect(upstream()).toHaveLength(0);
    expect(h.emu.data.embeddedFlag).toBe(flagBefore);
    expect(auditRecords().map((r) => [r.action, r.result])).toEqual([['set_authorize', 'dry_run'], ['add_embedded', 'dry_run'], ['del_embedded', 'dry_run']]);
  });

  describe('bad events make no upstream call', () => {
    it.each([
      [{ action: 'set_authorize', flag: 3 }, 'flag'],
      [{ action: 'del_authorize', flag: 1 }, 'flag'],
      [{ action: 'del_authorize' }, 'appid'],
      [{ action: 'add_embedded', appid: 'wx0123456789abcdef', apply_reason: '长'.repeat(31) }, 'apply_reason'],
      [{ action: 'add_embedded', appid: 'wx0123' }, 'appid'],
      [{ action: 'remove_all' }, 'action'],
    ])('case %# names the field', async (event, field) => {
      const result = await main(event, context());
      expect(result.errCode).toBe(-910001);
      expect(result.error.issues.map((i: { field: string }) => i.field)).toContain(field);
      expect(h.emu.calls).toHaveLength(0);
    });
  });

  it('a non-operator admin may read get_list but not write', async () => {
    h.asCaller('admin');
    h.configure({ APPID: h.emu.accounts.app.appid, APPSECRET: h.emu.accounts.app.secret, OPERATOR_OPENIDS: 'oOperator_0001' });
    expect((await main({ action: 'get_list' }, context())).errCode).toBe(0);
    const refused = await main({ action: 'set_authorize', flag: 0 }, context());
    expect(refused.errCode).toBe(-910030);
    expect(bodiesSentTo('set_authorize')).toHaveLength(0);
    expect(auditRecords()).toEqual([expect.objectContaining({ action: 'set_authorize', result: 'refused', error: { code: -910030, name: 'OPERATOR_NOT_ALLOWED' } })]);
  });
});
