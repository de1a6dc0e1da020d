// @ts-check
/**
 * The sync panel: the last syncLists run (when, what changed), a "Sync now" button, the stored
 * lists with counts over the whole list, the latest changes, and the notifications sent (the
 * emulator's WeCom robot captures them instead of WeCom). Reads GET /api/sync; every visible
 * string is in both languages (statuses through app-strings.js's status.* keys, as the list
 * table shows them). Each long part (changes, notifications, entries) shows its latest PAGE
 * items and a "show more" button, so the page stays usable on a phone.
 *
 * A list syncView (localcloud/syncView.ts) adds shows here by its name: its strings
 * `sync.list.<list>` and, for the stored entries' time column, an entry in TIME_COLUMN.
 */
import { envelopeOf, errorOf, invokeFunction, requestJson } from './api.js';
import { beijingTime, el, isObject } from './dom.js';
import { errorInline } from './error-text.js';
import { addStrings, colon, inParens, known, listOf, onLanguageChange, t } from './i18n.js';
import { statusText } from './records.js';

/** @typedef {import('./types').ConsoleApp} ConsoleApp */
/** @typedef {import('./types').Problem} Problem */
/** @typedef {Record<string, any>} Doc  what /api/sync answers: documents as stored, read field by field */

addStrings({
  'sync.title': { en: 'List sync (syncLists)', zh: '列表同步（syncLists）' },
  'sync.now': { en: 'Sync now', zh: '立即同步' },
  'sync.step': { en: 'Platform: next step', zh: '平台：前进一步' },
  'sync.stepHelp': { en: 'new applicants arrive, pending ones expire, an authorization is withdrawn', zh: '新申请到达、待处理的超时、授权被撤回' },
  'sync.never': { en: 'No sync has run yet.', zh: '尚未同步。' },
  'sync.last': { en: 'Last run {when} ({ms} ms, {calls} calls, {writes} writes)', zh: '上次运行 {when}（{ms} 毫秒，{calls} 次调用，{writes} 次写入）' },
  'sync.incomplete': { en: 'not finished: resumes on the next run', zh: '未完成：下次运行继续' },
  'sync.running': { en: 'Syncing…', zh: '同步中…' },
  'sync.failed': { en: 'Sync failed: {msg}', zh: '同步失败：{msg}' },
  'sync.list.plugin': { en: 'Plugin applicants', zh: '插件使用申请' },
  'sync.list.embedded': { en: 'Half-screen authorizations', zh: '半屏小程序授权' },
  'sync.list.applications': { en: 'Half-screen applications (this account opening others)', zh: '半屏小程序申请（本账号打开其他小程序）' },
  'sync.suspect': { en: 'shrank sharply: read again before marking gone', zh: '骤减：标记消失前再读一遍' },
  'sync.total': { en: '{n} listed, {gone} gone', zh: '在列表中 {n}，已消失 {gone}' },
  'sync.baseline': { en: 'baseline', zh: '基线' },
  'sync.changes': { en: 'Latest changes', zh: '最近的变化' },
  'sync.noChanges': { en: 'No change recorded yet.', zh: '尚无变化记录。' },
  'sync.notifications': { en: 'Notifications', zh: '通知' },
  'sync.noNotifications': { en: 'Nothing sent yet.', zh: '尚未发送通知。' },
  'sync.kind.new': { en: 'new', zh: '新增' },
  'sync.kind.status': { en: 'status', zh: '状态变化' },
  'sync.kind.gone': { en: 'gone', zh: '消失' },
  'sync.kind.back': { en: 'back', zh: '重新出现' },
  'sync.kind.expiring': { en: 'expiring', zh: '即将超时' },
  'sync.wecom': { en: 'WeCom robot', zh: '企业微信机器人' },
  'sync.subscribe': { en: 'Subscribe message to {who}', zh: '订阅消息：{who}' },
  'sync.outbox': { en: 'Outbox: {sent} sent, {pending} pending, {uncertain} uncertain', zh: '待发队列：已发送 {sent}，待发送 {pending}，不确定 {uncertain}' },
  'sync.entries': { en: 'Stored entries, newest first (first 50)', zh: '已存储条目，最新在前（前 50 条）' },
  'sync.entriesOf': { en: 'Stored entries of {list} · {account}, newest first (first 50)', zh: '{list} · {account} 的已存储条目，最新在前（前 50 条）' },
  'sync.pick': { en: 'Show its entries', zh: '查看其条目' },
  'sync.noAccount': { en: 'not synced yet', zh: '尚未同步' },
  'sync.skipped': { en: 'Not synced: {accounts}', zh: '未同步：{accounts}' },
  'sync.reason.revoked': { en: 'revoked', zh: '已取消授权' },
  'sync.reason.no list permission': { en: 'granted neither set 18 nor 40', zh: '未授权权限集 18 或 40' },
  'sync.reason.grants unknown': { en: 'grants unknown', zh: '授权的权限集未知' },
  'sync.deferred': { en: 'not reached this run', zh: '本次未轮到' },
  'sync.registryError': { en: 'Authorizer registry not read: only the configured account ran', zh: '未能读取授权方登记：仅同步了配置的账号' },
  'sync.more': { en: 'Show {n} more ({shown} of {total} shown)', zh: '再显示 {n} 条（已显示 {shown} / {total}）' },
  'sync.fewer': { en: 'Show fewer', zh: '收起' },
  'sync.col.account': { en: 'Account', zh: '账号' },
  'sync.col.appid': { en: 'AppID', zh: 'AppID' },
  'sync.col.nickname': { en: 'Name', zh: '名称' },
  'sync.col.note': { en: 'Note', zh: '备注' },
  'sync.goneNote': { en: 'no longer listed', zh: '已不在列表中' },
  'sync.noEntries': { en: 'No entry stored yet.', zh: '尚无已存储的条目。' },
});

/** Each list's stored time column: when the entry was added on WeChat. */
const TIME_COLUMN = /** @type {Readonly<Record<string, string>>} */ ({ plugin: 'col.applied', embedded: 'col.added', applications: 'col.added' });
/** How many items of each long part show: PAGE at first, PAGE more per click. */
const PAGE = 10;
/** How often the panel reads /api/sync again (the timer syncs by itself under npm start). */
const POLL_MS = 5000;

/** @type {import('./types').Panel} */
export const syncPanel = { id: 'sync', mount };

/** A status label in the page's language, an unknown one with its code. @param {unknown} label @param {unknown} code */
const statusOf = (label, code) => statusText(typeof label === 'string' ? label : 'unknown', code);

/** @param {unknown} ms */
const when = (ms) => (typeof ms === 'number' && ms > 0 ? beijingTime(ms) : '—'); // Beijing time, as the list table

/** @param {ConsoleApp} app */
function mount(app) {
  /** @type {Doc | null} */
  let data = null;
  let busy = false;
  /** @type {Problem | null} */
  let problem = null;
  let shown = '';
  /** The list and account whose entries the table shows (chosen by clicking a list). */
  let picked = { list: '', account: '' };
  const limits = { changes: PAGE, notifications: PAGE, entries: PAGE };

  const title = el('h2');
  const syncButton = el('button', { type: 'button', 'data-testid': 'sync-now' });
  const stepButton = el('button', { type: 'button', class: 'secondary', 'data-testid': 'sync-step' });
  const head = el('div', { class: 'records-head' }, title, el('div', { class: 'actions' }, syncButton, stepButton));
  const body = el('div', { class: 'sync-body' });
  const card = el('section', { class: 'card sync-panel', 'data-testid': 'sync-panel' }, head, body);
  app.slots.wide.append(card);

  /**
   * The first limits[part] of items, then the control that shows PAGE more (or, once all show,
   * fewer again). The limit outlives the 5-second re-render, so what the user opened stays open.
   * @template T
   * @param {'changes' | 'notifications' | 'entries'} part
   * @param {T[]} items
   * @param {HTMLElement} container
   * @param {(item: T) => HTMLElement} renderItem
   */
  function shownPart(part, items, container, renderItem) {
    for (const item of items.slice(0, limits[part])) container.append(renderItem(item));
    if (items.length <= PAGE) return null;
    const count = Math.min(limits[part], items.length);
    const all = count >= items.length;
    const button = el('button', {
      type: 'button', class: 'secondary small sync-more', 'data-testid': `sync-more-${part}`, 'data-expanded': all ? 'true' : 'false',
      text: all ? t('sync.fewer') : t('sync.more', { n: Math.min(PAGE, items.length - count), shown: count, total: items.length }),
    });
    button.addEventListener('click', () => {
      limits[part] = all ? PAGE : limits[part] + PAGE;
      render();
    });
    return el('div', { class: 'sync-more-row' }, button);
  }

  /** @param {Doc} change */
  function changeLine(change) {
    // A status change shows from → to; a new entry its status now; a gone one the status it had.
    const status = change.kind === 'status' || change.kind === 'back'
      ? `${statusOf(change.fromLabel, change.fromStatus)} → ${statusOf(change.toLabel, change.toStatus)}`
      : statusOf(change.toLabel || change.fromLabel, change.toStatus ?? change.fromStatus);
    return el('li', { 'data-kind': String(change.kind) },
      `${when(change.at)} · ${known('sync.list', change.list)} · ${String(change.account ?? '')} · `,
      el('strong', { text: known('sync.kind', change.kind) }),
      ` · ${String(change.nickname || '')} `, el('span', { class: 'appid', text: String(change.appid ?? '') }), ` ${status}`);
  }

  /** The robot's messages and the subscribe messages, newest first, as one list. @param {Doc} sent */
  function notificationsOf(sent) {
    /** @type {Array<{ at: number, summary: string, text: string }>} */
    const wecom = (sent.wecom ?? []).map((/** @type {Doc} */ m) => ({ at: m.at, summary: t('sync.wecom'), text: String(m.content) }));
    /** @type {Array<{ at: number, summary: string, text: string }>} */
    const subscribe = (sent.subscribe ?? []).map((/** @type {Doc} */ m) => ({ at: m.at, summary: t('sync.subscribe', { who: String(m.touser) }), text: JSON.stringify(m.data, null, 2) }));
    return [...wecom, ...subscribe].sort((a, b) => b.at - a.at);
  }

  /** @param {Doc} row */
  function entryRow(row) {
    const label = typeof row.statusLabel === 'string' && known('status', row.statusLabel) !== row.statusLabel ? row.statusLabel : 'unknown';
    const status = el('span', { class: `status ${label}`, title: t('cell.statusTitle', { status: String(row.status) }), text: statusOf(row.statusLabel, row.status) });
    const cells = [String(row.account || ''), el('span', { class: 'appid', text: String(row.appid) }), String(row.nickname || ''), status, row.createTime ? when(row.createTime * 1000) : '', row.gone ? t('sync.goneNote') : ''];
    return el('tr', { class: row.gone ? 'muted' : undefined }, ...cells.map((cell) => el('td', {}, cell)));
  }

  /** Appends a part's "show more" row when it has one. @param {HTMLElement | null} node */
  function append(node) {
    if (node) body.append(node);
  }

  /** @param {Doc} list  one list of one account, as /api/sync counts it */
  function listChip(list) {
    // A chip that picks the list whose entries the table shows (a div: the page's buttons are styled as actions).
    const box = el('div', { class: 'chip sync-pick', role: 'button', tabindex: '0', title: t('sync.pick'), 'data-list': list.list, 'data-account': list.account || '' });
    const pick = () => {
      picked = { list: String(list.list), account: list.account || '' };
      limits.entries = PAGE;
      shown = '';
      void refresh();
    };
    box.addEventListener('click', pick);
    box.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        pick();
      }
    });
    box.append(el('strong', { text: `${known('sync.list', list.list)} · ${list.account || t('sync.noAccount')}${colon()}` }));
    box.append(t('sync.total', { n: list.counts.total, gone: list.counts.gone }));
    // Each status in the page's language; an unknown one says its code (two unknown statuses differ).
    for (const [code, c] of Object.entries(/** @type {Record<string, Doc>} */ (list.counts.byStatus))) {
      box.append(' · ', el('span', { class: 'muted', 'data-status': String(c.label), title: t('cell.statusTitle', { status: code }), text: `${statusOf(c.label, code)} ${c.count}` }));
    }
    if (list.lastCompletedAt) box.append(el('span', { class: 'muted', text: ` · ${when(list.lastCompletedAt)}` }));
    const run = data?.lastRun;
    const last = run && Array.isArray(run.lists) ? run.lists.find((/** @type {Doc} */ l) => l.list === list.list && l.account === list.account) : undefined;
    if (last && last.deferred) box.append(el('span', { class: 'badge fail', text: t('sync.deferred') }));
    if (last && last.suspect) box.append(el('span', { class: 'badge fail', 'data-testid': 'sync-suspect', text: t('sync.suspect') }));
    return box;
  }

  function render() {
    title.textContent = t('sync.title');
    syncButton.textContent = busy ? t('sync.running') : t('sync.now');
    syncButton.disabled = busy;
    stepButton.textContent = t('sync.step');
    stepButton.title = t('sync.stepHelp');
    body.replaceChildren();
    if (problem) body.append(el('p', { class: 'banner error', 'data-testid': 'sync-problem', text: t(problem.key, problem.vars) }));
    if (!data) return;
    const run = data.lastRun;
    const summary = el('p', { class: 'meta', 'data-testid': 'sync-last' });
    if (!run) summary.textContent = t('sync.never');
    else {
      const db = run.database || {};
      const writes = (db.entryWrites || 0) + (db.changeWrites || 0);
      summary.textContent = t('sync.last', { when: when(run.startedAt), ms: run.ms, calls: run.calls ? run.calls.total : 0, writes });
      if (!run.complete) summary.append(el('span', { class: 'badge fail', text: t('sync.incomplete') }));
    }
    body.append(summary);
    if (run && run.registryError) body.append(el('p', { class: 'banner error', text: t('sync.registryError') }));
    if (run && Array.isArray(run.skipped) && run.skipped.length) {
      const skipped = listOf(run.skipped.map((/** @type {Doc} */ s) => `${s.account}${inParens(known('sync.reason', s.reason))}`));
      body.append(el('p', { class: 'meta', 'data-testid': 'sync-skipped', text: t('sync.skipped', { accounts: skipped }) }));
    }

    const lists = el('div', { class: 'chips', 'data-testid': 'sync-lists' }, ...(data.lists ?? []).map(listChip));
    body.append(lists);

    body.append(el('h3', { text: t('sync.changes') }));
    if (!data.changes.length) body.append(el('p', { class: 'meta', text: t('sync.noChanges') }));
    const changes = el('ol', { class: 'upstream', 'data-testid': 'sync-changes' });
    body.append(changes);
    append(shownPart('changes', /** @type {Doc[]} */ (data.changes), changes, changeLine));

    body.append(el('h3', { text: t('sync.notifications') }));
    const outbox = /** @type {Doc[]} */ (data.notifications.outbox);
    /** @param {string} status */
    const count = (status) => outbox.filter((n) => n.status === status).length;
    body.append(el('p', { class: 'meta', text: t('sync.outbox', { sent: count('sent'), pending: count('pending'), uncertain: count('uncertain') }) }));
    const sent = el('div', { class: 'sync-messages', 'data-testid': 'sync-notifications' });
    const messages = notificationsOf(data.notifications);
    if (!messages.length) sent.append(el('p', { class: 'meta', text: t('sync.noNotifications') }));
    const moreMessages = shownPart('notifications', messages, sent, (m) =>
      el('details', { class: 'block' }, el('summary', { text: `${when(m.at)} · ${m.summary}` }), el('pre', { class: 'code', text: m.text })));
    body.append(sent);
    append(moreMessages);

    const entries = data.entries;
    const shownList = entries.account ? t('sync.entriesOf', { list: known('sync.list', entries.list), account: entries.account }) : t('sync.entries');
    body.append(el('h3', { text: shownList }));
    if (!entries.rows.length) {
      body.append(el('p', { class: 'meta', text: t('sync.noEntries') }));
      return;
    }
    // The time column says what the time is, as the list table's headers do (app-strings.js col.*).
    const columns = ['sync.col.account', 'sync.col.appid', 'sync.col.nickname', 'col.status', TIME_COLUMN[entries.list] ?? 'col.applied', 'sync.col.note'];
    const header = el('tr', {}, ...columns.map((key) => el('th', { scope: 'col', text: t(key) })));
    const rows = el('tbody');
    const moreEntries = shownPart('entries', /** @type {Doc[]} */ (entries.rows), rows, entryRow);
    const table = el('table', { class: 'sync-entries', 'data-testid': 'sync-entries' }, el('thead', {}, header), rows);
    body.append(el('div', { class: 'table-wrap' }, table));
    append(moreEntries);
  }

  /** Re-renders only when something changed, so an opened message stays open between polls. */
  async function refresh() {
    const query = new URLSearchParams({ list: picked.list, account: picked.account });
    const answer = await requestJson('GET', `/api/sync?${query}`);
    if (!answer.ok) {
      problem = { key: 'sync.failed', vars: { msg: t(answer.problem.key, answer.problem.vars) } };
      render();
      return;
    }
    const text = JSON.stringify(answer.data);
    if (text === shown && !problem) return;
    shown = text;
    data = isObject(answer.data) ? answer.data : null;
    render();
  }

  syncButton.addEventListener('click', async () => {
    busy = true;
    problem = null;
    render();
    const answer = await invokeFunction('syncLists', {}, { kind: 'admin' });
    if (!answer.ok) problem = { key: 'sync.failed', vars: { msg: t(answer.problem.key, answer.problem.vars) } };
    else {
      const error = errorOf(envelopeOf(answer.data));
      if (error) problem = { key: 'sync.failed', vars: { msg: errorInline(error) } };
    }
    busy = false;
    shown = ''; // re-render even if the lists did not change: the button must come back
    await refresh();
  });

  stepButton.addEventListener('click', async () => {
    await requestJson('POST', '/api/sync/step', {});
    await refresh();
  });

  onLanguageChange(render);
  render();
  void refresh();
  setInterval(() => void refresh(), POLL_MS);
}
