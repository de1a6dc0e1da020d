'use strict';
/*
 * Acting on the listed rows: Approve / Refuse (with a reason) / Delete plugin applicants
 * (setDevPluginApplyStatus), Revoke half-screen authorizations and switch the authorization mode
 * (manageEmbedded), on one row or on a selection. Every action is confirmed first, naming how many
 * accounts will change; the per-appid outcomes are shown, then the list is run again.
 * Text reaches the DOM only through textContent (ConsoleApp.el).
 */
(function panelActions() {
  const I18N = window.ConsoleI18n;
  const t = (key, vars) => I18N.t(key, vars);
  I18N.add({
    'actions.selected': { en: '{n} selected', zh: '已选 {n} 个' },
    'actions.approve': { en: 'Approve', zh: '通过' },
    'actions.refuse': { en: 'Refuse', zh: '拒绝' },
    'actions.delete': { en: 'Delete', zh: '删除' },
    'actions.revoke': { en: 'Revoke', zh: '取消授权' },
    'actions.approveSelected': { en: 'Approve selected', zh: '通过所选' },
    'actions.refuseSelected': { en: 'Refuse selected', zh: '拒绝所选' },
    'actions.deleteSelected': { en: 'Delete selected', zh: '删除所选' },
    'actions.revokeSelected': { en: 'Revoke selected', zh: '取消所选授权' },
    'actions.reason': { en: 'Refusal reason', zh: '拒绝理由' },
    'actions.reasonNeeded': { en: 'Enter a refusal reason first.', zh: '请先填写拒绝理由。' },
    'actions.selectAll': { en: 'Select every actionable row', zh: '选择所有可操作的行' },
    'actions.notActionable': { en: 'Not a real appid: cannot be acted on', zh: '不是有效的 appid，无法操作' },
    'actions.mode': { en: 'Authorization mode', zh: '授权方式' },
    'actions.mode.0': { en: 'Admin confirms (0)', zh: '需管理员确认（0）' },
    'actions.mode.1': { en: 'Approve automatically (1)', zh: '自动通过（1）' },
    'actions.mode.2': { en: 'Reject automatically (2)', zh: '自动拒绝（2）' },
    'actions.setMode': { en: 'Set mode', zh: '设置' },
    'actions.confirm.title': { en: 'Confirm', zh: '确认' },
    'actions.confirm.accounts': { en: '{action}: {n} account(s) will change.', zh: '{action}：将改变 {n} 个账号。' },
    'actions.confirm.mode': { en: 'Set the authorization mode to "{mode}"? Every later request is decided by it.', zh: '将授权方式设为“{mode}”？之后的每个申请都按此处理。' },
    'actions.confirm.ok': { en: 'Confirm', zh: '确认' },
    'actions.confirm.cancel': { en: 'Cancel', zh: '取消' },
    'actions.running': { en: 'Sending…', zh: '发送中…' },
    'actions.outcomes': { en: 'Outcomes of {action}', zh: '{action} 的结果' },
    'actions.summary': { en: '{changed} changed · {unchanged} unchanged · {failed} failed · {not_attempted} not attempted', zh: '已改变 {changed} · 未变 {unchanged} · 失败 {failed} · 未尝试 {not_attempted}' },
    'actions.outcome.changed': { en: 'changed', zh: '已改变' },
    'actions.outcome.unchanged': { en: 'unchanged', zh: '未变' },
    'actions.outcome.failed': { en: 'failed', zh: '失败' },
    'actions.outcome.not_attempted': { en: 'not attempted', zh: '未尝试' },
    'actions.flagOutcome': { en: 'mode {flag}', zh: '授权方式 {flag}' },
    'actions.answerLost': { en: 'answer lost: {resolution}', zh: '应答丢失：{resolution}' },
    'actions.failed': { en: 'The call failed: {message}', zh: '调用失败：{message}' },
    'actions.audit.no': { en: 'The audit record was not written: {message}', zh: '审计记录未写入：{message}' },
  });

  const APPID = /^wx[0-9a-f]{16}$/;
  /** Which buttons a row of each list offers, by its status label. */
  const ROW_ACTIONS = {
    applicants: {
      pending: ['dev_agree', 'dev_refuse'],
      rejected: ['dev_delete'],
      expired: ['dev_delete'],
    },
    authorizations: { approved: ['del_authorize'] },
  };
  const ACTION = {
    dev_agree: { fn: 'setDevPluginApplyStatus', label: 'actions.approve', bulk: 'actions.approveSelected' },
    dev_refuse: { fn: 'setDevPluginApplyStatus', label: 'actions.refuse', bulk: 'actions.refuseSelected' },
    dev_delete: { fn: 'setDevPluginApplyStatus', label: 'actions.delete', bulk: 'actions.deleteSelected' },
    del_authorize: { fn: 'manageEmbedded', label: 'actions.revoke', bulk: 'actions.revokeSelected' },
  };
  const state = { kind: null, rows: [], envelope: null, selected: new Set(), runs: 0, last: null };
  const el = (...args) => window.ConsoleApp.el(...args);
  const $ = (id) => document.getElementById(id);

  function ensureParts() {
    if ($('actions-bar')) return;
    const records = $('records');
    const wrap = records.querySelector('.table-wrap');
    records.insertBefore(el('div', { id: 'actions-bar', class: 'actions-bar', 'data-testid': 'actions-bar' }), wrap);
    records.insertBefore(el('div', { id: 'actions-outcomes', class: 'actions-outcomes', 'data-testid': 'actions-outcomes', hidden: true }), wrap);
    const dialog = el('dialog', { id: 'actions-confirm', 'data-testid': 'actions-confirm' },
      el('h3', { id: 'actions-confirm-title' }),
      el('p', { id: 'actions-confirm-text', 'data-testid': 'actions-confirm-text' }),
      el('div', { class: 'actions-confirm-buttons' },
        el('button', { type: 'button', id: 'actions-confirm-cancel', class: 'secondary', 'data-testid': 'actions-confirm-cancel' }),
        el('button', { type: 'button', id: 'actions-confirm-ok', class: 'primary', 'data-testid': 'actions-confirm-ok' })));
    document.body.append(dialog);
  }

  function actionableFor(row) {
    if (!APPID.test(String(row.appid))) return [];
    const table = ROW_ACTIONS[state.kind] || {};
    return table[row.statusLabel] || [];
  }

  // ---- the rows ----------------------------------------------------------------------------

  function decorateTable() {
    const table = $('table');
    const head = table.tHead.rows[0];
    const body = table.tBodies[0];
    if (!head || state.rows.length === 0) return;
    const all = el('input', { type: 'checkbox', 'data-testid': 'select-all', title: t('actions.selectAll'), 'aria-label': t('actions.selectAll') });
    all.addEventListener('change', () => {
      for (const box of body.querySelectorAll('input[data-appid]:not(:disabled)')) {
        if (box.closest('tr').hidden) continue;
        box.checked = all.checked;
        toggle(box.dataset.appid, all.checked);
      }
    });
    head.prepend(el('th', { class: 'select' }, all));
    head.append(el('th', { text: '' }));
    state.rows.forEach((row, index) => {
      const tr = body.rows[index];
      if (!tr) return;
      const actions = actionableFor(row);
      const box = el('input', { type: 'checkbox', 'data-appid': row.appid, 'data-testid': 'select-row', 'aria-label': String(row.appid), disabled: actions.length === 0, title: APPID.test(String(row.appid)) ? '' : t('actions.notActionable') });
      box.checked = state.selected.has(row.appid);
      box.addEventListener('change', () => toggle(row.appid, box.checked));
      tr.prepend(el('td', { class: 'select' }, box));
      tr.dataset.appid = String(row.appid);
      tr.append(el('td', { class: 'row-actions' }, ...actions.map((action) => {
        const button = el('button', { type: 'button', class: 'small', 'data-action': action, text: t(ACTION[action].label) });
        button.addEventListener('click', () => perform(action, [row.appid]));
        return button;
      })));
    });
  }

  function toggle(appid, on) {
    if (on) state.selected.add(appid);
    else state.selected.delete(appid);
    renderBar();
  }

  // ---- the bar -----------------------------------------------------------------------------

  function renderBar() {
    const bar = $('actions-bar');
    if (!state.kind) {
      bar.replaceChildren();
      return;
    }
    const parts = [el('span', { class: 'selected-count', 'data-testid': 'selected-count', text: t('actions.selected', { n: state.selected.size }) })];
    const bulk = state.kind === 'applicants' ? ['dev_agree', 'dev_refuse', 'dev_delete'] : ['del_authorize'];
    for (const action of bulk) {
      const button = el('button', { type: 'button', 'data-bulk': action, 'data-testid': `bulk-${action}`, disabled: state.selected.size === 0, text: t(ACTION[action].bulk) });
      button.addEventListener('click', () => perform(action, [...state.selected]));
      parts.push(button);
    }
    if (state.kind === 'applicants') {
      parts.push(el('input', { id: 'actions-reason', type: 'text', maxlength: 200, 'data-testid': 'refuse-reason', placeholder: t('actions.reason'), 'aria-label': t('actions.reason'), value: reasonValue() }));
    }
    if (state.kind === 'authorizations') {
      const current = state.envelope && typeof state.envelope.embeddedFlag === 'number' ? state.envelope.embeddedFlag : undefined;
      const select = el('select', { id: 'actions-mode', 'data-testid': 'mode-select', 'aria-label': t('actions.mode') },
        ...[0, 1, 2].map((flag) => el('option', { value: flag, selected: flag === current, text: t(`actions.mode.${flag}`) })));
      const apply = el('button', { type: 'button', 'data-testid': 'mode-apply', text: t('actions.setMode') });
      apply.addEventListener('click', () => setMode(Number(select.value)));
      parts.push(el('span', { class: 'mode' }, el('label', { for: 'actions-mode', text: `${t('actions.mode')}: ` }), select, apply));
    }
    bar.replaceChildren(...parts);
  }

  function reasonValue() {
    const input = $('actions-reason');
    return input ? input.value : '';
  }

  // ---- acting ------------------------------------------------------------------------------

  function confirmWith(text) {
    const dialog = $('actions-confirm');
    $('actions-confirm-title').textContent = t('actions.confirm.title');
    $('actions-confirm-text').textContent = text;
    $('actions-confirm-ok').textContent = t('actions.confirm.ok');
    $('actions-confirm-cancel').textContent = t('actions.confirm.cancel');
    return new Promise((resolve) => {
      const done = (answer) => {
        $('actions-confirm-ok').onclick = null;
        $('actions-confirm-cancel').onclick = null;
        dialog.close();
        resolve(answer);
      };
      $('actions-confirm-ok').onclick = () => done(true);
      $('actions-confirm-cancel').onclick = () => done(false);
      dialog.oncancel = () => done(false);
      dialog.showModal();
    });
  }

  async function perform(action, appids) {
    if (appids.length === 0) return;
    const event = { action, ...(appids.length === 1 ? { appid: appids[0] } : { appids }) };
    if (action === 'dev_refuse') {
      const reason = reasonValue().trim();
      if (!reason) {
        showOutcomes(t(ACTION[action].label), null, t('actions.reasonNeeded'));
        return;
      }
      event.reason = reason;
    }
    const label = t(ACTION[action].label);
    if (!(await confirmWith(t('actions.confirm.accounts', { action: label, n: appids.length })))) return;
    await invoke(ACTION[action].fn, event, label);
  }

  async function setMode(flag) {
    const mode = t(`actions.mode.${flag}`);
    if (!(await confirmWith(t('actions.confirm.mode', { mode })))) return;
    await invoke('manageEmbedded', { action: 'set_authorize', flag }, t('actions.setMode'));
  }

  async function invoke(fn, event, label) {
    const box = $('actions-outcomes');
    box.hidden = false;
    box.replaceChildren(el('p', { class: 'muted', text: t('actions.running') }));
    let envelope = null;
    let problem = null;
    try {
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ function: fn, event, caller: window.ConsoleApp.callerFromForm() }),
      });
      const data = await response.json();
      if (!response.ok) throw new Error(data.error || `HTTP ${response.status}`);
      envelope = data.result;
    } catch (error) {
      problem = error.message;
    }
    state.selected.clear();
    showOutcomes(label, envelope, problem);
    // The list, as it is now.
    await window.ConsoleApp.rerun();
    state.runs += 1;
    document.body.dataset.actions = String(state.runs);
  }

  /** An outcome kind in the page's language; one the function adds later as it came. */
  function outcomeText(outcome) {
    const key = `actions.outcome.${outcome}`;
    return t(key) === key ? String(outcome) : t(key);
  }

  function showOutcomes(label, envelope, problem) {
    state.last = { label, envelope, problem };
    const box = $('actions-outcomes');
    box.hidden = false;
    const parts = [el('h4', { text: t('actions.outcomes', { action: label }) })];
    if (problem) parts.push(el('p', { class: 'bad', text: problem }));
    if (envelope && envelope.errCode !== 0) {
      const error = envelope.error || {};
      parts.push(el('p', { class: 'bad', 'data-testid': 'actions-error', text: t('actions.failed', { message: `${error.code} ${error.name || ''} ${error.hint || envelope.errMsg || ''}` }) }));
    }
    if (envelope && envelope.errCode === 0 && envelope.summary) {
      parts.push(el('p', { 'data-testid': 'actions-summary', text: t('actions.summary', envelope.summary) }));
      parts.push(el('ul', { class: 'outcome-list', 'data-testid': 'outcome-list' }, ...(envelope.outcomes || []).map((o) =>
        el('li', { 'data-outcome': o.outcome, 'data-appid': o.appid ?? '' },
          el('span', { class: 'mono', text: o.appid ?? t('actions.flagOutcome', { flag: o.flag }) }),
          el('span', { class: `outcome ${o.outcome}`, text: outcomeText(o.outcome) }),
          o.answerLost ? el('span', { class: 'muted', text: t('actions.answerLost', o.answerLost) }) : null,
          o.error ? el('span', { class: 'muted', text: `${o.error.code} ${o.error.name}: ${o.error.hint}` }) : null))));
    }
    if (envelope && envelope.audit && envelope.audit.recorded === false) {
      parts.push(el('p', { class: 'bad', text: t('actions.audit.no', { message: (envelope.audit.error && envelope.audit.error.hint) || '' }) }));
    }
    box.replaceChildren(...parts);
  }

  document.addEventListener('console:records', (e) => {
    ensureParts();
    const { kind, rows, envelope } = e.detail;
    state.kind = kind === 'applicants' || kind === 'authorizations' ? kind : null;
    state.rows = state.kind ? rows : [];
    state.envelope = envelope;
    const visible = new Set(state.rows.map((r) => r.appid));
    for (const appid of [...state.selected]) if (!visible.has(appid)) state.selected.delete(appid);
    if (state.kind) decorateTable();
    renderBar();
  });

  I18N.onChange(() => {
    if (!$('actions-bar')) return;
    renderBar();
    if (state.last) showOutcomes(state.last.label, state.last.envelope, state.last.problem);
  });
})();
