'use strict';
/*
 * The authorizer picker: for the two lists and the two writes, the accounts that authorized
 * the third-party platform (from the listAuthorizers function, as a console test run), with the
 * permission sets each granted. Picking one writes `authorizerAppid` into the event; "default"
 * removes it (AUTHORIZER_APPID then). Text only through textContent.
 */
(function authorizerPanel() {
  const i18n = window.ConsoleI18n;
  i18n.add({
    'authorizers.label': { en: 'Authorizer', zh: '授权方' },
    'authorizers.default': { en: 'default (AUTHORIZER_APPID)', zh: '默认（AUTHORIZER_APPID）' },
    'authorizers.refresh': { en: 'Refresh', zh: '刷新' },
    'authorizers.loading': { en: 'Loading the authorizers…', zh: '正在读取授权方…' },
    'authorizers.count': { en: '{n} account(s) authorized this platform (pushed to componentEvents).', zh: '共 {n} 个账号授权了本第三方平台（由 componentEvents 接收推送）。' },
    'authorizers.failed': { en: 'Could not list the authorizers: {reason}', zh: '无法读取授权方：{reason}' },
    'authorizers.sets': { en: 'sets {sets}', zh: '权限集 {sets}' },
    'authorizers.unknownSets': { en: 'sets unknown', zh: '权限集未知' },
    'authorizers.revoked': { en: 'revoked', zh: '已取消授权' },
  });

  // The lists, and the writes that act for a named account too (setDevPluginApplyStatus, manageEmbedded).
  const FUNCTIONS = new Set(['getOwnList', 'getPluginDevApplyList', 'setDevPluginApplyStatus', 'manageEmbedded']);
  const fnSelect = document.getElementById('function');
  const eventBox = document.getElementById('event');
  if (!fnSelect || !eventBox) return;

  const field = document.createElement('div');
  field.className = 'field';
  field.id = 'authorizer-field';
  field.hidden = true;
  const label = document.createElement('label');
  label.className = 'label';
  label.htmlFor = 'authorizer';
  const row = document.createElement('div');
  row.className = 'actions';
  const select = document.createElement('select');
  select.id = 'authorizer';
  select.dataset.testid = 'authorizer';
  const refresh = document.createElement('button');
  refresh.type = 'button';
  refresh.className = 'secondary';
  const note = document.createElement('p');
  note.className = 'meta';
  note.dataset.testid = 'authorizer-note';
  row.append(select, refresh);
  field.append(label, row, note);
  const anchor = document.getElementById('function-meta') || fnSelect;
  anchor.insertAdjacentElement('afterend', field);

  let authorizers = [];
  let status = { key: 'authorizers.loading', vars: undefined };

  function renderStatic() {
    label.textContent = i18n.t('authorizers.label');
    refresh.textContent = i18n.t('authorizers.refresh');
    note.textContent = i18n.t(status.key, status.vars);
  }

  function renderOptions() {
    const chosen = currentAppid();
    select.replaceChildren();
    const none = document.createElement('option');
    none.value = '';
    none.textContent = i18n.t('authorizers.default');
    select.append(none);
    for (const a of authorizers) {
      const option = document.createElement('option');
      option.value = a.authorizerAppid;
      const sets = a.funcIds === null ? i18n.t('authorizers.unknownSets') : i18n.t('authorizers.sets', { sets: a.funcIds.join(', ') });
      option.textContent = `${a.authorizerAppid} · ${sets}${a.revoked ? ` · ${i18n.t('authorizers.revoked')}` : ''}`;
      select.append(option);
    }
    select.value = authorizers.some((a) => a.authorizerAppid === chosen) ? chosen : '';
  }

  function parsedEvent() {
    try {
      const value = JSON.parse(eventBox.value || '{}');
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
    } catch {
      return undefined;
    }
  }

  function currentAppid() {
    const event = parsedEvent();
    return event && typeof event.authorizerAppid === 'string' ? event.authorizerAppid : '';
  }

  async function load() {
    status = { key: 'authorizers.loading' };
    renderStatic();
    try {
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ function: 'listAuthorizers', event: {}, caller: { kind: 'console' } }),
      });
      const data = await response.json();
      const envelope = data && data.result;
      if (!response.ok || !envelope || envelope.errCode !== 0) throw new Error((envelope && envelope.errMsg) || data.error || `HTTP ${response.status}`);
      authorizers = envelope.authorizers;
      status = { key: 'authorizers.count', vars: { n: authorizers.length } };
    } catch (error) {
      authorizers = [];
      status = { key: 'authorizers.failed', vars: { reason: error.message } };
    }
    renderStatic();
    renderOptions();
  }

  let pending;
  function sync() {
    clearTimeout(pending);
    pending = setTimeout(() => {
      const show = FUNCTIONS.has(fnSelect.value);
      const wasHidden = field.hidden;
      field.hidden = !show;
      if (show && wasHidden) void load();
      else if (show) renderOptions();
    }, 30);
  }

  select.addEventListener('change', () => {
    const event = parsedEvent();
    if (!event) return;
    if (select.value) event.authorizerAppid = select.value;
    else delete event.authorizerAppid;
    eventBox.value = JSON.stringify(event, null, 2);
    eventBox.dispatchEvent(new Event('input', { bubbles: true }));
  });
  refresh.addEventListener('click', () => void load());
  fnSelect.addEventListener('change', sync);
  // app.js fills the function list after loading it: follow it.
  new MutationObserver(sync).observe(fnSelect, { childList: true });
  i18n.onChange(() => {
    renderStatic();
    renderOptions();
  });
  renderStatic();
})();
