import { context, useHarness, ADMIN_OPENID, type CloudFunctionMain } from './helpers/harness';

const SET = 'pluginManager.setDevPluginApplyStatus';
const LIST = 'pluginManager.getPluginDevApplyList';
const AUDIT = 'wx_admin_audit';
let main: CloudFunctionMain;
// On virtual time (docs/testing.md): a stalled write is given up at its deadline on the functions' clock.
const h = useHarness({ applicantCount: 120, virtualTime: true }, (harness) => {
  harness.asCaller('admin');
  harness.configure({});
  main = harness.loadFunction('setDevPluginApplyStatus');
});

const withStatus = (status: number) =>
  h.emu.data.applicants.filter((a) => a.status === status && /^wx[0-9a-f]{16}$/.test(String(a.appid))).map((a) => String(a.appid));
const statusOf = (appid: string) => h.emu.data.applicants.find((a) => a.appid === appid)?.status;
const writes = () => h.emu.calls.filter((c) => c.api === SET || (c.api === '/wxa/devplugin' && (c.params as { action?: string })?.action !== 'dev_apply_list'));
const upstream = () => h.emu.calls.filter((c) => c.kind !== 'database');
const auditRecords = () => [...h.emu.db.collection(AUDIT).values()] as Array<Record<string, any>>;

describe('setDevPluginApplyStatus through the real wx-server-sdk and the emulator', () => {
  it('dev_agree sends exactly { action, appid } on the cloud path, approves, and is audited', async () => {
    const [appid] = withStatus(1);
    const ctx = context();
    const result = await main({ action: 'dev_agree', appid }, ctx);
    expect(result).toMatchObject({
      errCode: 0, errMsg: 'setDevPluginApplyStatus:ok', via: 'cloud', action: 'dev_agree', dryRun: false,
      summary: { changed: 1, unchanged: 0, failed: 0, not_attempted: 0 },
      outcomes: [{ appid, outcome: 'changed', sent: 1 }],
      audit: { recorded: true, collection: AUDIT },
    });
    expect(statusOf(appid!)).toBe(2);
    expect(writes().map((c) => c.params)).toEqual([{ action: 'dev_agree', appid }]);
    const [record] = auditRecords();
    expect(record).toMatchObject({
      function: 'setDevPluginApplyStatus', action: 'dev_agree', requestId: ctx.request_id, result: 'done', dryRun: false,
      caller: { source: 'wx_client', openid: ADMIN_OPENID }, authorizer: 'self', targets: [appid],
      outcomes: [{ appid, outcome: 'changed' }],
    });
    expect(typeof record?.time).toBe('string');
  });

  it('dev_refuse sends { action, appid, reason }; dev_delete sends { action, appid }', async () => {
    const [pending] = withStatus(1);
    const [rejected] = withStatus(3);
    expect((await main({ action: 'dev_refuse', appid: pending, reason: '资料不全' }, context())).outcomes[0].outcome).toBe('changed');
    expect(statusOf(pending!)).toBe(3);
    expect((await main({ action: 'dev_delete', appid: rejected }, context())).outcomes[0].outcome).toBe('changed');
    expect(statusOf(rejected!)).toBeUndefined();
    expect(writes().map((c) => c.params)).toEqual([
      { action: 'dev_refuse', appid: pending, reason: '资料不全' },
      { action: 'dev_delete', appid: rejected },
    ]);
  });

  it('bulk: one outcome per appid, duplicates removed, already-approved is unchanged, unknown is failed', async () => {
    const [p1, p2] = withStatus(1);
    const [approved] = withStatus(2);
    const unknown = 'wx00000000000000aa';
    const result = await main({ action: 'dev_agree', appids: [p1, approved, p2, p1, unknown] }, context());
    expect(result.summary).toEqual({ changed: 2, unchanged: 1, failed: 1, not_attempted: 0 });
    expect(result.outcomes).toEqual([
      { appid: p1, outcome: 'changed', sent: 1 },
      { appid: approved, outcome: 'unchanged', sent: 1, decidedByReread: true },
      { appid: p2, outcome: 'changed', sent: 1 },
      { appid: unknown, outcome: 'failed', sent: 1, error: expect.objectContaining({ code: 89242, name: 'APPID_NOT_IN_APPLY_LIST', retryable: false }) },
    ]);
    expect(writes()).toHaveLength(4);
    expect(auditRecords()[0]?.outcomes).toEqual([
      { appid: p1, outcome: 'changed' },
      { appid: approved, outcome: 'unchanged' },
      { appid: p2, outcome: 'changed' },
      { appid: unknown, outcome: 'failed', code: 89242 },
    ]);
  });

  it('refusing one that is no longer pending fails with 89240 and says what it is now (from the re-read), not "status 1"', async () => {
    const [approved] = withStatus(2);
    const result = await main({ action: 'dev_refuse', appid: approved, reason: '资料不全' }, context());
    expect(result.outcomes).toEqual([{ appid: approved, outcome: 'failed', sent: 1, decidedByReread: true, error: expect.objectContaining({ code: 89240 }) }]);
    expect(result.outcomes[0].error.detail).toBe('Only pending applications can be approved or rejected: it is now approved (status 2).');
    expect(statusOf(approved!)).toBe(2);
  });

  it('deleting an applicant already gone is unchanged, not a failure (89242 on dev_delete)', async () => {
    const [rejected] = withStatus(3);
    await main({ action: 'dev_delete', appid: rejected }, context());
    const again = await main({ action: 'dev_delete', appid: rejected }, context());
    expect(again.outcomes).toEqual([{ appid: rejected, outcome: 'unchanged', sent: 1 }]);
  });

  it('what the deadline leaves no time for is not_attempted, never dropped', async () => {
    const pending = withStatus(1).slice(0, 4);
    h.emu.inject({ kind: 'openapi', api: SET, stall: true });
    const result = await main({ action: 'dev_agree', appids: pending }, context(2000));
    expect(result.errCode).toBe(0);
    // The writes stop AUDIT_RESERVE_MS before the deadline, so the record is still written.
    expect(result.audit).toMatchObject({ recorded: true });
    expect(result.outcomes).toHaveLength(4);
    expect(result.outcomes[0]).toMatchObject({ appid: pending[0], outcome: 'failed', answerLost: { resolution: 'unknown' }, error: { code: -910032 } });
    for (const outcome of result.outcomes.slice(1)) expect(outcome).toMatchObject({ outcome: 'not_attempted', sent: 0, error: { code: -910031 } });
    expect(writes()).toHaveLength(1);
    expect(result.summary).toEqual({ changed: 0, unchanged: 0, failed: 1, not_attempted: 3 });
  });

  it('dryRun validates and reports what would be sent, sending nothing; the dry run is audited', async () => {
    const [a, b] = withStatus(1);
    const result = await main({ action: 'dev_refuse', appids: [a, b], reason: 'not now', dryRun: true }, context());
    expect(result).toMatchObject({ errCode: 0, dryRun: true, audit: { recorded: true } });
    expect(result.wouldSend).toEqual([
      { appid: a, cloudApi: SET, https: 'POST /wxa/devplugin', body: { action: 'dev_refuse', appid: a, reason: 'not now' } },
      { appid: b, cloudApi: SET, https: 'POST /wxa/devplugin', body: { action: 'dev_refuse', appid: b, reason: 'not now' } },
    ]);
    expect(upstream()).toHaveLength(0);
    expect(statusOf(a!)).toBe(1);
    expect(auditRecords()[0]).toMatchObject({ result: 'dry_run', dryRun: true, targets: [a, b] });
  });

  it('a lost answer is settled by a re-read, not resent: applied-then-dropped is changed, sent once', async () => {
    const [appid] = withStatus(1);
    h.emu.inject({ kind: 'openapi', api: SET, applyThenDrop: true });
    const result = await main({ action: 'dev_agree', appid }, context());
    expect(result.outcomes).toEqual([{ appid, outcome: 'changed', sent: 1, answerLost: { resolution: 'applied' } }]);
    expect(writes()).toHaveLength(1);
    expect(h.emu.count({ kind: 'openapi', api: LIST })).toBeGreaterThanOrEqual(1);
    expect(statusOf(appid!)).toBe(2);
    expect(auditRecords()[0]?.outcomes).toEqual([{ appid, outcome: 'changed', answerLost: 'applied' }]);
  });

  it('a lost answer whose write did not take effect is resent once after the re-read', async () => {
    const [appid] = withStatus(1);
    h.emu.inject({ kind: 'openapi', api: SET, drop: true });
    const result = await main({ action: 'dev_agree', appid }, context());
    expect(result.outcomes).toEqual([{ appid, outcome: 'changed', sent: 2, answerLost: { resolution: 'resent' } }]);
    expect(writes()).toHaveLength(2);
    expect(statusOf(appid!)).toBe(2);
  });

  it('a state error (89243: pending cannot be deleted) is never retried', async () => {
    const [pending] = withStatus(1);
    const result = await main({ action: 'dev_delete', appid: pending }, context());
    expect(result.outcomes[0]).toMatchObject({ outcome: 'failed', sent: 1, error: { code: 89243 } });
    expect(writes()).toHaveLength(1);
  });

  describe('bad events are refused naming the field, with no upstream call', () => {
    const A = 'wx0123456789abcdef';
    it.each([
      [{ action: 'dev_agree' }, 'appid'],
      [{ action: 'dev_agree', appid: 'wx12345' }, 'appid'],
      [{ action: 'dev_refuse', appid: A, reason: 'x'.repeat(201) }, 'reason'],
      [{ action: 'dev_accept', appid: A }, 'action'],
      [{ action: 'dev_delete', appids: Array.from({ length: 101 }, (_, i) => `wx${i.toString(16).padStart(16, '0')}`) }, 'appids'],
    ])('case %# -> INVALID_EVENT naming the field', async (event, field) => {
      const result = await main(event, context());
      expect(result.errCode).toBe(-910001);
      expect(result.error.issues.map((i: { field: string }) => i.field)).toContain(field);
      expect(h.emu.calls).toHaveLength(0);
    });
  });

  describe('who may write', () => {
    it('a Mini Program user who is not an admin is refused, and the refusal is audited', async () => {
      h.asCaller('user', 'oStranger_0009');
      const [appid] = withStatus(1);
      const result = await main({ action: 'dev_agree', appid }, context());
      expect(result.errCode).toBe(-910002);
      expect(upstream()).toHaveLength(0);
      expect(statusOf(appid!)).toBe(1);
      expect(auditRecords()[0]).toMatchObject({ result: 'refused', caller: { source: 'wx_client', openid: 'oStranger_0009' }, action: 'dev_agree', targets: [appid], error: { code: -910002 } });
    });

    it('with OPERATOR_OPENIDS set, an admin not listed may not write; a listed one may', async () => {
      const [appid] = withStatus(1);
      h.configure({ OPERATOR_OPENIDS: 'oSomeoneElse_0003' });
      const refused = await main({ action: 'dev_agree', appid }, context());
      expect(refused).toMatchObject({ errCode: -910030, error: { name: 'OPERATOR_NOT_ALLOWED' } });
      expect(refused.error.hint.en).toContain('OPERATOR_OPENIDS');
      expect(upstream()).toHaveLength(0);
      expect(auditRecords()[0]).toMatchObject({ result: 'refused', caller: { openid: ADMIN_OPENID }, error: { code: -910030 } });

      h.configure({ OPERATOR_OPENIDS: ` oSomeoneElse_0003 , ${ADMIN_OPENID}` });
      expect((await main({ action: 'dev_agree', appid }, context())).outcomes[0].outcome).toBe('changed');
    });

    it('an empty OPERATOR_OPENIDS means every admin may write', async () => {
      h.configure({ OPERATOR_OPENIDS: '' });
      const [appid] = withStatus(1);
      expect((await main({ action: 'dev_agree', appid }, context())).outcomes[0].outcome).toBe('changed');
    });
  });

  it('a console test run falls back to HTTPS POST /wxa/devplugin with the same body', async () => {
    h.asCaller('console');
    h.configure({ APPID: h.emu.accounts.app.appid, APPSECRET: h.emu.accounts.app.secret });
    const [appid] = withStatus(1);
    const result = await main({ action: 'dev_agree', appid }, context());
    expect(result).toMatchObject({ errCode: 0, via: 'https', fallback: { from: -501007, tokenProvider: 'stable' }, outcomes: [{ appid, outcome: 'changed' }] });
    const https = h.emu.calls.filter((c) => c.api === '/wxa/devplugin');
    expect(https.map((c) => c.params)).toEqual([{ action: 'dev_agree', appid }]);
    expect(auditRecords()[0]).toMatchObject({ caller: { source: 'console' }, result: 'done' });
    // No token or secret in the record: only identifiers and codes.
    const text = JSON.stringify(auditRecords());
    expect(text).not.toContain(h.emu.accounts.app.secret);
    expect(text).not.toMatch(/access_token|emu-|secret/i);
  });

  it('an audit record that cannot be written is said in the envelope and does not undo the action', async () => {
    const [appid] = withStatus(1);
    h.emu.inject({ kind: 'database', cloudbaseError: { code: 'DATABASE_PERMISSION_DENIED', message: 'permission denied' }, times: Infinity });
    const result = await main({ action: 'dev_agree', appid }, context());
    expect(result.errCode).toBe(0);
    expect(result.outcomes[0].outcome).toBe('changed');
    expect(result.audit).toMatchObject({ recorded: false, collection: AUDIT, error: { code: -910033, name: 'AUDIT_WRITE_FAILED' } });
    expect(statusOf(appid!)).toBe(2);
  });

  it('AUDIT_COLLECTION names the collection', async () => {
    h.configure({ AUDIT_COLLECTION: 'ops_audit' });
    const [appid] = withStatus(1);
    const result = await main({ action: 'dev_agree', appid, dryRun: true }, context());
    expect(result.audit).toMatchObject({ recorded: true, collection: 'ops_audit' });
    expect(h.emu.db.collection('ops_audit').size).toBe(1);
  });
});
