import { context, useHarness, type CloudFunctionMain } from './helpers/harness';

type Doc = Record<string, any>;
let sync: CloudFunctionMain;

// On virtual time (docs/testing.md): no send is cut off by an attempt timer because the machine
// was slow, so what was sent and what is pending are exactly what the code decided.
const h = useHarness({ applicantCount: 300, embeddedCount: 200, virtualTime: true }, (harness) => {
  harness.asCaller('admin');
  harness.configure({ ...harness.componentVars(), WECOM_WEBHOOK_URL: harness.emu.outbound.wecomWebhookUrl });
  sync = harness.loadFunction('syncLists');
});

const docs = (name: string): Doc[] => [...h.emu.db.collection(name).values()];
const runOk = async () => {
  const result = await sync({}, context(60_000));
  if (result.errCode !== 0) throw new Error(JSON.stringify(result.error));
  return result;
};

describe('syncLists notifications', () => {
  it('keeps to the robot\'s 20 messages a minute, leaving the rest pending for a later run', async () => {
    await runOk(); // baseline: creates the collections
    const outbox = h.emu.db.collection('notifications');
    for (let i = 0; i < 25; i++) {
      const id = `wecom:test${String(i).padStart(2, '0')}:plugin:self`;
      outbox.set(id, { _id: id, channel: 'wecom', status: 'pending', list: 'plugin', account: 'self', passId: `test${i}`, changeCount: 1, createdAt: 1000 + i, attempts: 0, markdown: `message ${i}` });
    }
    const first = await runOk();
    expect(first.notifications).toMatchObject({ sent: 20, deferred: 5 });
    expect(h.emu.outbound.wecom).toHaveLength(20);
    // Oldest first.
    expect(h.emu.outbound.wecom[0]!.content).toBe('message 0');
    const second = await runOk();
    expect(second.notifications).toMatchObject({ sent: 0, deferred: 5 });
    expect(docs('notifications').filter((n) => n.status === 'pending')).toHaveLength(5);
  });

  it('flags a pending application about to expire once, and tells the robot', async () => {
    // Every application is "about to expire" from the moment it is listed: the warning window is the whole limit.
    h.configure({ ...h.componentVars(), WECOM_WEBHOOK_URL: h.emu.outbound.wecomWebhookUrl, PENDING_EXPIRY_DAYS: '1', EXPIRY_WARNING_HOURS: '24' });
    sync = h.loadFunction('syncLists');
    await runOk();
    const [step] = h.emu.evolve.step();
    await runOk();
    const newcomer = step!.newApplicants[0]!;
    const expiring = docs('list_changes').filter((c) => c.kind === 'expiring');
    expect(expiring.map((c) => c.appid)).toContain(newcomer);
    expect(docs('plugin_applicants').find((d) => d.appid === newcomer)?.expiryWarnedAt).toEqual(expect.any(Number));
    expect(h.emu.outbound.wecom.map((m) => m.content).join('\n')).toMatch(/即将超时 about to expire/);
    const count = expiring.length;
    await runOk();
    expect(docs('list_changes').filter((c) => c.kind === 'expiring')).toHaveLength(count);
  });

  it('a send whose answer was lost may have arrived: it becomes uncertain and is never sent again', async () => {
    await runOk();
    h.emu.evolve.step();
    h.emu.inject({ kind: 'https', api: '/cgi-bin/webhook/send', drop: true, times: 1 });
    const lost = await runOk();
    // Three lists changed (applicants, authorizations, this account's applications): one message each.
    expect(lost.notifications).toMatchObject({ uncertain: 1, sent: 2 });
    const uncertain = docs('notifications').filter((n) => n.status === 'uncertain');
    expect(uncertain).toHaveLength(1);
    expect(uncertain[0]!.lastError).toMatchObject({ name: 'NOTIFY_SEND_FAILED', cause: { name: 'NETWORK_ERROR' } });
    const calls = h.emu.count({ kind: 'https', api: '/cgi-bin/webhook/send' });
    await runOk();
    expect(h.emu.count({ kind: 'https', api: '/cgi-bin/webhook/send' })).toBe(calls);
  });

  it('a robot message accepted while the database refuses its "sent" mark once is marked on the next try, and never sent again', async () => {
    await runOk();
    h.emu.evolve.step();
    // The first update of the outbox after the sends is the mark of the first message delivered.
    h.emu.inject({ kind: 'database', api: 'database.modifyDocument', collection: 'notifications', cloudbaseError: { code: 'DATABASE_REQUEST_FAILED', message: '[FailedOperation] write conflict' }, times: 1 });
    const first = await runOk();
    const delivered = h.emu.outbound.wecom.length;
    await runOk();
    expect(h.emu.outbound.wecom).toHaveLength(delivered);
    expect(docs('notifications').every((n) => n.status === 'sent')).toBe(true);
    expect(first.notifications).toMatchObject({ sent: delivered, failed: 0, unmarked: 0 });
  });

  it('the same holds for subscribe messages', async () => {
    h.configure({ ...h.componentVars(), NOTIFY_TEMPLATE_ID: 'tmpl-sync-0001' });
    sync = h.loadFunction('syncLists');
    await runOk();
    h.emu.evolve.step();
    h.emu.inject({ kind: 'database', api: 'database.modifyDocument', collection: 'notifications', cloudbaseError: { code: 'DATABASE_REQUEST_FAILED', message: '[FailedOperation] write conflict' }, times: 1 });
    const first = await runOk();
    const delivered = h.emu.outbound.subscribe.length;
    await runOk();
    expect(h.emu.outbound.subscribe).toHaveLength(delivered);
    expect(first.notifications).toMatchObject({ sent: delivered, unmarked: 0 });
  });

  it('a subscribe message opens NOTIFY_PAGE naming the pass, list and account it is about', async () => {
    h.configure({ ...h.componentVars(), NOTIFY_TEMPLATE_ID: 'tmpl-sync-0001', NOTIFY_PAGE: 'pages/changes/changes' });
    sync = h.loadFunction('syncLists');
    await runOk();
    h.emu.evolve.step();
    const run = await runOk();
    const sent = h.emu.outbound.subscribe;
    expect(sent.length).toBeGreaterThan(0);
    const told = (run.lists as Array<{ list: string; account: string; passId: string; counts: Record<string, number> }>).filter((l) => Object.values(l.counts).some((n) => n > 0));
    for (const message of sent) {
      const [path, query] = (message.page ?? '').split('?');
      expect(path).toBe('pages/changes/changes');
      const about = Object.fromEntries(new URLSearchParams(query));
      expect(told).toContainEqual(expect.objectContaining({ passId: about.passId, list: about.list, account: about.account }));
    }
  });

  it('a database refusing the mark from the send to the deadline: reported unmarked, and the next run sends it again (the documented repeat)', async () => {
    await runOk();
    h.emu.evolve.step();
    h.emu.inject({ kind: 'database', api: 'database.modifyDocument', collection: 'notifications', cloudbaseError: { code: 'DATABASE_REQUEST_FAILED', message: 'unavailable' }, times: Infinity });
    // A short limit: the mark is tried until the run's closing time ends.
    const first = await sync({}, context(8000));
    expect(first).toMatchObject({ errCode: 0, notifications: { sent: 1, unmarked: 1 } });
    expect(first.notifications.sent + first.notifications.deferred).toBe(3);
    expect(h.emu.count({ kind: 'database', api: 'database.modifyDocument' })).toBeGreaterThan(3);
    // The lease was given back in its own reserve all the same.
    expect(h.emu.db.collection('sync_state').get('lease:syncLists')).toMatchObject({ until: 0 });
    h.emu.clearFaults();
    await runOk();
    expect(h.emu.outbound.wecom).toHaveLength(4);
    expect(docs('notifications').every((n) => n.status === 'sent')).toBe(true);
  });

  it('names a wrong robot URL by its variable, without its key, before anything is written', async () => {
    h.configure({ ...h.componentVars(), WECOM_WEBHOOK_URL: 'not a url at all key=abcdefgh12345' });
    const result = await h.loadFunction('syncLists')({}, context());
    expect(result).toMatchObject({ errCode: -910011, error: { name: 'CONFIG_INVALID' } });
    expect(result.error.detail).toMatch(/WECOM_WEBHOOK_URL/);
    expect(JSON.stringify(result)).not.toContain('abcdefgh12345');
    expect(h.emu.calls).toHaveLength(0);
  });

  it('a failed webhook stays pending, is sent by the next run, and is never sent twice', async () => {
    await runOk();
    h.emu.evolve.step();
    h.emu.inject({ kind: 'https', api: '/cgi-bin/webhook/send', errcode: 45009, errmsg: 'api freq out of limit', times: 3 });
    const failed = await runOk();
    expect(failed.notifications).toMatchObject({ queued: 3, sent: 0, failed: 3 });
    expect(h.emu.outbound.wecom).toHaveLength(0);
    const pending = docs('notifications');
    expect(pending.every((n) => n.status === 'pending' && n.lastError?.name === 'NOTIFY_SEND_FAILED')).toBe(true);
    const retried = await runOk();
    expect(retried.notifications).toMatchObject({ queued: 0, sent: 3, failed: 0 });
    expect(h.emu.outbound.wecom).toHaveLength(3);
    await runOk();
    expect(h.emu.outbound.wecom).toHaveLength(3);
    expect(docs('notifications').every((n) => n.status === 'sent')).toBe(true);
  });

  it('runs from the timer over HTTPS and sends subscribe messages to each admin through the cloud path', async () => {
    h.configure({ ...h.componentVars(), NOTIFY_TEMPLATE_ID: 'tmpl-sync-0001' });
    await runOk();
    h.emu.evolve.step();
    await runOk();
    expect(h.emu.outbound.subscribe.length).toBe(3);
    expect(h.emu.outbound.subscribe[0]).toMatchObject({ templateId: 'tmpl-sync-0001' });
    h.asCaller('timer');
    h.emu.evolve.step();
    const timer = await runOk();
    expect(timer.lists.every((l: Doc) => l.complete)).toBe(true);
    expect(h.emu.count({ kind: 'https', api: '/wxa/devplugin' })).toBeGreaterThan(0);
  });
});
