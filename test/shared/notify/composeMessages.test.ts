import { composeMarkdown, composeSubscribeData, notifyPageFor, WECOM_MARKDOWN_MAX_BYTES, worthTelling } from '../../../shared/notify/composeMessages';
import type { ChangeRecord } from '../../../shared/sync/changeLog';

const account = { list: 'embedded' as const, account: 'wxacc' };
function change(i: number, over: Partial<ChangeRecord> = {}): ChangeRecord {
  return { _id: `p:${i}`, list: 'embedded', account: 'wxacc', appid: `wx${String(i).padStart(16, '0')}`, kind: 'status', from: 2, fromLabel: 'approved', to: 5, toLabel: 'withdrawn', nickname: '同城工具箱**', createTime: 1, at: 1, passId: 'p', ...over };
}

describe('notification messages', () => {
  it('batches any number of changes into one markdown message under the robot limit, counting the rest', () => {
    const many = Array.from({ length: 5000 }, (_, i) => change(i));
    const text = composeMarkdown(account, many);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
    expect(text).toContain('状态变化 status changed: <font color="warning">5000</font>');
    expect(text).toContain('approved → withdrawn');
    expect(text).toMatch(/…\+\d+$/);
    expect(text).not.toContain('**\n'); // markdown in nicknames is neutralized
  });

  it('tells about new and expiring applicants, and every authorization change', () => {
    expect(worthTelling(change(1, { list: 'plugin', kind: 'status' }))).toBe(false);
    expect(worthTelling(change(1, { list: 'plugin', kind: 'new' }))).toBe(true);
    expect(worthTelling(change(1, { list: 'plugin', kind: 'expiring' }))).toBe(true);
    expect(worthTelling(change(1, { kind: 'gone' }))).toBe(true);
    // This account's own applications to open others: every decision (approved, refused, timed out).
    expect(worthTelling(change(1, { list: 'applications', kind: 'status', from: 1, to: 3 }))).toBe(true);
  });

  it('names the applications list in a subscribe message', () => {
    expect(composeSubscribeData({ list: 'applications', account: 'self' }, [change(1, { list: 'applications' })], 0).thing1!.value).toBe('半屏申请有1项变化');
  });

  it('fits a subscribe message thing value in 20 characters', () => {
    const data = composeSubscribeData(account, [change(1), change(2)], Date.UTC(2026, 0, 2, 3, 4));
    expect(data.thing1!.value.length).toBeLessThanOrEqual(20);
    expect(data).toMatchObject({ number2: { value: '2' }, time3: { value: '2026-01-02 11:04' } });
  });

  it('names the account of a subscribe message by its appid\'s last digits (a platform syncing several), within 20 characters', () => {
    const data = composeSubscribeData({ list: 'plugin', account: 'wx1a2b3c4d5e6f7081' }, Array.from({ length: 1234 }, (_, i) => change(i, { list: 'plugin', kind: 'new' })), 0);
    expect(data.thing1!.value).toBe('插件申请(7081)有1234项变化');
    expect(data.thing1!.value.length).toBeLessThanOrEqual(20);
    expect(composeSubscribeData({ list: 'plugin', account: 'self' }, [change(1)], 0).thing1!.value).toBe('插件申请有1项变化');
  });
});

describe('the page a subscribe message opens', () => {
  it('names the pass, list and account the message is about, encoded, keeping a query the page has', () => {
    expect(notifyPageFor('pages/changes/changes', { passId: 'p1', list: 'plugin', account: 'wx9b8a7c6d5e4f3a2b' })).toBe('pages/changes/changes?passId=p1&list=plugin&account=wx9b8a7c6d5e4f3a2b');
    expect(notifyPageFor('pages/changes/changes?from=msg', { passId: 'a b', list: 'embedded', account: 'self' })).toBe('pages/changes/changes?from=msg&passId=a+b&list=embedded&account=self');
  });
});
