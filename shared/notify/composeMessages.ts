import type { SyncAccount } from '../sync/accounts';
import type { ChangeRecord } from '../sync/changeLog';
import { APPID_PATTERN } from '../schemas/appid';

/** A WeCom robot's markdown `content` is at most 4096 bytes (WeCom group robot document). */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;
/** Lines listed per message; the rest are counted, so any number of changes is one message. */
const MAX_LINES = 25;

const TITLES: Record<SyncAccount['list'], string> = {
  plugin: '插件使用申请 Plugin applicants',
  embedded: '半屏小程序授权 Half-screen authorizations',
  applications: '半屏小程序申请 Half-screen applications (this account opening others)',
};

const KIND_TEXT: Record<ChangeRecord['kind'], string> = {
  new: '新申请 new',
  status: '状态变化 status changed',
  gone: '已不在列表 no longer listed',
  back: '重新出现 listed again',
  expiring: '即将超时 about to expire',
};

/**
 * Which changes admins are told about: of plugin applicants, the new ones and those about to
 * expire; any change of a half-screen authorization, or of this account's own applications
 * (approved, refused, timed out).
 */
export function worthTelling(change: ChangeRecord): boolean {
  return change.list !== 'plugin' || change.kind === 'new' || change.kind === 'expiring';
}

function line(change: ChangeRecord): string {
  const who = `${(change.nickname ?? '').replace(/[\r\n`*_>#[\]]/g, ' ').slice(0, 30)} \`${change.appid}\``;
  const status =
    change.kind === 'status' || change.kind === 'back' ? `${change.fromLabel} → ${change.toLabel}`
      : change.kind === 'gone' ? `(${change.fromLabel})`
        : `${change.toLabel ?? ''}`;
  return `> ${who} ${status}`;
}

/**
 * One markdown message for the changes of one pass of one list: counts per kind, then up to
 * MAX_LINES entries, the rest counted. Kept under the robot's 4096-byte limit.
 */
export function composeMarkdown(account: SyncAccount, changes: ChangeRecord[]): string {
  const counts = new Map<ChangeRecord['kind'], number>();
  for (const change of changes) counts.set(change.kind, (counts.get(change.kind) ?? 0) + 1);
  const head = [
    `**${TITLES[account.list]}** · ${account.account}`,
    [...counts].map(([kind, n]) => `${KIND_TEXT[kind]}: <font color="warning">${n}</font>`).join('  '),
  ];
  const body: string[] = [];
  let bytes = Buffer.byteLength(head.join('\n')) + 64;
  for (const change of changes.slice(0, MAX_LINES)) {
    const text = line(change);
    const size = Buffer.byteLength(text) + 1;
    if (bytes + size > WECOM_MARKDOWN_MAX_BYTES - 64) break;
    body.push(text);
    bytes += size;
  }
  const more = changes.length - body.length;
  return [...head, ...body, ...(more > 0 ? [`…+${more}`] : [])].join('\n');
}

/** Which list, in the few characters a subscribe message's `thing` value leaves. */
const SUBSCRIBE_TITLES: Record<SyncAccount['list'], string> = { plugin: '插件申请', embedded: '半屏授权', applications: '半屏申请' };

/** A subscribe message's `thing` value holds at most 20 characters. */
export function composeSubscribeData(account: SyncAccount, changes: ChangeRecord[], at: number): Record<string, { value: string }> {
  // Which account, when a third-party platform syncs several: the appid's last 4 digits fit the 20 characters.
  const whose = APPID_PATTERN.test(account.account) ? `(${account.account.slice(-4)})` : '';
  const what = `${SUBSCRIBE_TITLES[account.list]}${whose}`;
  const date = new Date(at + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' '); // Beijing time
  return {
    thing1: { value: `${what}有${changes.length}项变化`.slice(0, 20) },
    number2: { value: String(changes.length) },
    time3: { value: date },
  };
}

/**
 * The page a subscribe message opens, naming the changes it is about: NOTIFY_PAGE with `passId`,
 * `list` and `account` in its query (the admin app's changes page shows those changes first and
 * highlights them). A page that already has a query keeps it.
 */
export function notifyPageFor(page: string, about: { passId: string; list: string; account: string }): string {
  const query = new URLSearchParams({ passId: about.passId, list: about.list, account: about.account }).toString();
  return `${page}${page.includes('?') ? '&' : '?'}${query}`;
}
