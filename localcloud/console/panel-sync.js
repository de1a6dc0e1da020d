'use strict';
/*
 * The sync panel: the last syncLists run (when, what changed), a "Sync now" button, the stored
 * lists with counts over the whole list, the latest changes, and the notifications sent (the
 * emulator's WeCom robot captures them instead of WeCom). Reads GET /api/sync; every visible
 * string comes from ConsoleI18n in both languages; text only through textContent.
 */
(function panelSync() {
  const I18n = window.ConsoleI18n;
  I18n.add({
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
  });

  const t = (key, vars) => I18n.t(key, vars);
  let data = null;
  let busy = false;
  let message = '';

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  const card = el('section', 'card sync-panel');
  card.setAttribute('data-testid', 'sync-panel');
  const head = el('div', 'records-head');
  const title = el('h2');
  const buttons = el('div', 'actions');
  const syncButton = el('button');
  syncButton.type = 'button';
  syncButton.setAttribute('data-testid', 'sync-now');
  const stepButton = el('button', 'secondary');
  stepButton.type = 'button';
  stepButton.setAttribute('data-testid', 'sync-step');
  buttons.append(syncButton, stepButton);
  head.append(title, buttons);
  const body = el('div', 'sync-body');
  card.append(head, body);

  function when(ms) {
    return ms ? new Date(ms).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }) : '—'; // Beijing time, as the list table (app.js timeCell)
  }

  function render() {
    title.textContent = t('sync.title');
    syncButton.textContent = busy ? t('sync.running') : t('sync.now');
    syncButton.disabled = busy;
    stepButton.textContent = t('sync.step');
    stepButton.title = t('sync.stepHelp');
    body.replaceChildren();
    if (message) body.append(el('p', 'banner error', message));
    if (!data) return;
    const run = data.lastRun;
    const summary = el('p', 'meta');
    summary.setAttribute('data-testid', 'sync-last');
    if (!run) summary.textContent = t('sync.never');
    else {
      const db = run.database || {};
      const writes = (db.entryWrites || 0) + (db.changeWrites || 0);
      summary.textContent = t('sync.last', { when: when(run.startedAt), ms: run.ms, calls: run.calls ? run.calls.total : 0, writes });
      if (!run.complete) summary.append(el('span', 'badge fail', t('sync.incomplete')));
    }
    body.append(summary);
    if (run && run.registryError) body.append(el('p', 'banner error', t('sync.registryError')));
    if (run && run.skipped && run.skipped.length) {
      const skipped = run.skipped.map((s) => `${s.account} (${t(`sync.reason.${s.reason}`)})`).join(', ');
      const line = el('p', 'meta', t('sync.skipped', { accounts: skipped }));
      line.setAttribute('data-testid', 'sync-skipped');
      body.append(line);
    }

    const lists = el('div', 'chips');
    lists.setAttribute('data-testid', 'sync-lists');
    const ranLast = (list) => run && run.lists ? run.lists.find((l) => l.list === list.list && l.account === list.account) : undefined;
    for (const list of data.lists) {
      // A chip that picks the list whose entries the table shows (a div: the page's buttons are styled as actions).
      const box = el('div', 'chip');
      box.setAttribute('role', 'button');
      box.tabIndex = 0;
      box.style.cursor = 'pointer';
      box.title = t('sync.pick');
      box.setAttribute('data-account', list.account || '');
      const pick = () => {
        picked = { list: list.list, account: list.account || '' };
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
      box.append(el('strong', '', `${t(`sync.list.${list.list}`)} · ${list.account || t('sync.noAccount')}: `));
      box.append(document.createTextNode(t('sync.total', { n: list.counts.total, gone: list.counts.gone })));
      const parts = Object.entries(list.counts.byStatus).map(([status, c]) => `${c.label} (${status}) ${c.count}`);
      if (parts.length) box.append(el('span', 'muted', ' · ' + parts.join(' · ')));
      if (list.lastCompletedAt) box.append(el('span', 'muted', ' · ' + when(list.lastCompletedAt)));
      const last = ranLast(list);
      if (last && last.deferred) box.append(el('span', 'badge fail', t('sync.deferred')));
      lists.append(box);
    }
    body.append(lists);

    body.append(el('h3', '', t('sync.changes')));
    const changes = el('ol', 'upstream');
    changes.setAttribute('data-testid', 'sync-changes');
    if (!data.changes.length) body.append(el('p', 'meta', t('sync.noChanges')));
    for (const change of data.changes) {
      const kind = t(`sync.kind.${change.kind}`);
      const status = change.kind === 'status' || change.kind === 'back' ? `${change.fromLabel} → ${change.toLabel}` : change.toLabel || change.fromLabel || '';
      changes.append(el('li', '', `${when(change.at)} · ${t(`sync.list.${change.list}`)} · ${change.account} · ${kind} · ${change.nickname || ''} ${change.appid} ${status}`));
    }
    body.append(changes);

    body.append(el('h3', '', t('sync.notifications')));
    const outbox = data.notifications.outbox;
    const count = (status) => outbox.filter((n) => n.status === status).length;
    body.append(el('p', 'meta', t('sync.outbox', { sent: count('sent'), pending: count('pending'), uncertain: count('uncertain') })));
    const sent = el('div', 'sync-messages');
    sent.setAttribute('data-testid', 'sync-notifications');
    if (!data.notifications.wecom.length && !data.notifications.subscribe.length) sent.append(el('p', 'meta', t('sync.noNotifications')));
    for (const m of data.notifications.wecom) {
      const block = el('details', 'block');
      block.append(el('summary', '', `${when(m.at)} · ${t('sync.wecom')}`));
      block.append(el('pre', 'code', m.content));
      sent.append(block);
    }
    for (const m of data.notifications.subscribe) {
      const block = el('details', 'block');
      block.append(el('summary', '', `${when(m.at)} · ${t('sync.subscribe', { who: m.touser })}`));
      block.append(el('pre', 'code', JSON.stringify(m.data, null, 2)));
      sent.append(block);
    }
    body.append(sent);

    const shownList = data.entries.account ? t('sync.entriesOf', { list: t(`sync.list.${data.entries.list}`), account: data.entries.account }) : t('sync.entries');
    body.append(el('h3', '', shownList));
    const table = el('table');
    const rows = el('tbody');
    for (const row of data.entries.rows) {
      const tr = el('tr', row.gone ? 'muted' : '');
      for (const cell of [row.account || '', row.appid, row.nickname || '', `${row.statusLabel} (${row.status})`, row.createTime ? when(row.createTime * 1000) : '', row.gone ? t('sync.kind.gone') : '']) tr.append(el('td', '', cell));
      rows.append(tr);
    }
    table.append(rows);
    const wrap = el('div', 'table-wrap');
    wrap.append(table);
    body.append(wrap);
  }

  let shown = '';
  /** The list and account whose entries the table shows (chosen by clicking a list). */
  let picked = { list: '', account: '' };

  /** Re-renders only when something changed, so an opened message stays open between polls. */
  async function refresh() {
    try {
      const query = new URLSearchParams({ list: picked.list, account: picked.account });
      const response = await fetch(`/api/sync?${query}`);
      const text = await response.text();
      if (text === shown && !message) return;
      shown = text;
      data = JSON.parse(text);
    } catch (error) {
      message = t('sync.failed', { msg: error.message });
    }
    render();
  }

  async function post(url, payload) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    return response.json();
  }

  syncButton.addEventListener('click', async () => {
    busy = true;
    message = '';
    render();
    try {
      const result = await post('/api/invoke', { function: 'syncLists', event: {}, caller: { kind: 'admin' } });
      const envelope = result && result.result;
      if (envelope && envelope.errCode !== 0) message = t('sync.failed', { msg: envelope.errMsg });
      else if (result && result.error) message = t('sync.failed', { msg: result.error });
    } catch (error) {
      message = t('sync.failed', { msg: error.message });
    }
    busy = false;
    await refresh();
  });

  stepButton.addEventListener('click', async () => {
    await post('/api/sync/step', {});
    await refresh();
  });

  I18n.onChange(render);
  document.querySelector('main.layout').append(card);
  render();
  void refresh();
  setInterval(() => void refresh(), 5000);
})();
