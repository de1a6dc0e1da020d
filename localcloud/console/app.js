'use strict';
/*
 * Local CloudBase console. Vanilla JS, no framework, nothing loaded from elsewhere.
 * Every piece of text from a function, the emulator or the user reaches the DOM through
 * textContent / attributes (el() below), never through innerHTML.
 */
(function main() {
  const $ = (id) => document.getElementById(id);
  const ui = {
    fn: $('function'), fnMeta: $('function-meta'),
    callerKind: $('caller-kind'), openidField: $('openid-field'), openid: $('openid'),
    timerField: $('devtools-timer-field'), timerDevtools: $('timer-devtools'), callerNote: $('caller-note'),
    event: $('event'), eventStatus: $('event-status'), run: $('run'), example: $('example'),
    placeholder: $('placeholder'), requestError: $('request-error'), outcome: $('outcome'),
    errcode: $('errcode'), errmsg: $('errmsg'), facts: $('facts'),
    hint: $('hint'), hintTitle: $('hint-title'), hintMessage: $('hint-message'), hintText: $('hint-text'), hintDetail: $('hint-detail'),
    records: $('records'), recordsTitle: $('records-title'), recordsPaging: $('records-paging'), filters: $('filters'), table: $('table'),
    envelope: $('envelope'), upstream: $('upstream'), upstreamCount: $('upstream-count'), upstreamNote: $('upstream-note'),
    logs: $('logs'), logCount: $('log-count'),
  };

  /** Builds an element; `text` is set as textContent, attributes as attributes: always escaped. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'text') node.textContent = String(value);
      else if (key === 'class') node.className = value;
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
    return node;
  }

  const state = { functions: [], callers: [], edits: new Map(), runs: 0, lastResult: null, filter: 'all' };
  const CALLER_NOTES = {
    admin: 'A Mini Program user whose OPENID is in ADMIN_OPENIDS (source wx_client, with an API token).',
    user: 'A Mini Program user (source wx_client, with an API token). Not an admin unless listed in ADMIN_OPENIDS.',
    console: 'A console test run: no OPENID, no SOURCE, no API token; cloud calls fail with -501007.',
    timer: 'A timer trigger (source wx_trigger). Cloud calls need a trigger set up from WeChat DevTools.',
    devtools: 'WeChat DevTools cloud testing (source wx_devtools, with an API token).',
  };
  const STATUS_ORDER = ['pending', 'approved', 'rejected', 'expired', 'timeout', 'withdrawn', 'deauthorized', 'unknown'];

  // ---- set-up -------------------------------------------------------------------------------

  async function load() {
    try {
      const response = await fetch('/api/functions');
      if (!response.ok) throw new Error(`GET /api/functions answered ${response.status}`);
      const data = await response.json();
      state.functions = data.functions;
      state.callers = data.callers;
    } catch (error) {
      showRequestError(`Could not load the function list: ${error.message}`);
      document.body.dataset.state = 'error';
      return;
    }
    for (const fn of state.functions) ui.fn.append(el('option', { value: fn.name, text: fn.name }));
    for (const caller of state.callers) ui.callerKind.append(el('option', { value: caller.kind, text: caller.label }));
    ui.fn.addEventListener('change', onFunctionChange);
    ui.callerKind.addEventListener('change', onCallerChange);
    ui.event.addEventListener('input', () => {
      state.edits.set(ui.fn.value, ui.event.value);
      validateEvent();
    });
    ui.openid.addEventListener('input', validateEvent);
    ui.example.addEventListener('click', () => {
      state.edits.delete(ui.fn.value);
      onFunctionChange();
    });
    ui.run.addEventListener('click', run);
    ui.event.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') run();
    });
    onFunctionChange();
    onCallerChange();
    document.body.dataset.state = 'ready';
  }

  function currentFunction() {
    return state.functions.find((fn) => fn.name === ui.fn.value);
  }

  function onFunctionChange() {
    const fn = currentFunction();
    if (!fn) return;
    ui.event.value = state.edits.get(fn.name) ?? JSON.stringify(fn.exampleEvent, null, 2);
    ui.fnMeta.textContent = `${fn.description ? `${fn.description} ` : ''}Timeout ${fn.timeoutSeconds} s · ${fn.memoryMb} MB`;
    validateEvent();
  }

  function onCallerChange() {
    const kind = ui.callerKind.value;
    const caller = state.callers.find((c) => c.kind === kind) || {};
    const hasOpenid = kind === 'user' || kind === 'admin';
    ui.openidField.hidden = !hasOpenid;
    ui.openid.disabled = kind === 'admin';
    ui.openid.value = caller.defaultOpenid || '';
    ui.timerField.hidden = kind !== 'timer';
    ui.callerNote.textContent = CALLER_NOTES[kind] || '';
    validateEvent();
  }

  /** Parses the event editor; shows what is wrong and keeps Run disabled until it is JSON. */
  function validateEvent() {
    let event;
    try {
      event = JSON.parse(ui.event.value);
    } catch (error) {
      return invalid(`Invalid JSON: ${error.message}`);
    }
    const fromMiniProgram = ui.callerKind.value === 'user' || ui.callerKind.value === 'admin';
    if (fromMiniProgram && (event === null || typeof event !== 'object' || Array.isArray(event))) {
      return invalid('A Mini Program call sends an object as data: use {...}.');
    }
    if (ui.callerKind.value === 'user' && !/^[A-Za-z0-9_-]{1,128}$/.test(ui.openid.value)) {
      return invalid('Enter the OPENID of the Mini Program user (letters, digits, _ or -).');
    }
    ui.event.classList.remove('invalid');
    ui.eventStatus.className = 'event-status ok';
    ui.eventStatus.textContent = 'Valid JSON';
    ui.run.disabled = document.body.dataset.state === 'running';
    return { ok: true, event };

    function invalid(message) {
      ui.event.classList.toggle('invalid', message.startsWith('Invalid JSON') || message.startsWith('A Mini'));
      ui.eventStatus.className = 'event-status bad';
      ui.eventStatus.textContent = message;
      ui.run.disabled = true;
      return { ok: false };
    }
  }

  function callerFromForm() {
    const kind = ui.callerKind.value;
    if (kind === 'user') return { kind, openid: ui.openid.value };
    if (kind === 'timer') return { kind, fromDevtools: ui.timerDevtools.checked };
    return { kind };
  }

  // ---- run ----------------------------------------------------------------------------------

  async function run() {
    const checked = validateEvent();
    if (!checked.ok || document.body.dataset.state === 'running') return;
    document.body.dataset.state = 'running';
    ui.run.disabled = true;
    ui.run.textContent = 'Running…';
    ui.requestError.hidden = true;
    try {
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ function: ui.fn.value, event: checked.event, caller: callerFromForm() }),
      });
      const data = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
      if (!response.ok) throw new Error(data.error || `HTTP ${response.status}`);
      render(data);
    } catch (error) {
      showRequestError(`The local cloud could not run this: ${error.message}`);
    } finally {
      state.runs += 1;
      document.body.dataset.run = String(state.runs);
      document.body.dataset.state = 'done';
      ui.run.textContent = 'Run';
      validateEvent();
    }
  }

  function showRequestError(message) {
    ui.placeholder.hidden = true;
    ui.requestError.hidden = false;
    ui.requestError.textContent = message;
  }

  // ---- render -------------------------------------------------------------------------------

  function render(data) {
    const result = data.result;
    const envelope = result !== null && typeof result === 'object' ? result : {};
    const errCode = typeof envelope.errCode === 'number' ? envelope.errCode : undefined;
    const failed = errCode !== 0;
    ui.placeholder.hidden = true;
    ui.outcome.hidden = false;

    ui.errcode.textContent = `errCode ${errCode === undefined ? '—' : errCode}`;
    ui.errcode.classList.toggle('fail', failed);
    ui.errcode.dataset.errcode = String(errCode);
    ui.errmsg.textContent = typeof envelope.errMsg === 'string' ? envelope.errMsg : '';

    renderFacts(data, envelope);
    renderHint(failed ? envelope : null);
    renderRecords(failed ? null : envelope);
    ui.envelope.textContent = JSON.stringify(result, null, 2);
    renderUpstream(data);
    ui.logs.textContent = data.logs.map((line) => `${line.stream === 'stderr' ? '! ' : '  '}${line.text}`).join('\n');
    ui.logCount.textContent = `(${data.logs.length})`;
  }

  function renderFacts(data, envelope) {
    const facts = [
      { text: `${data.ms} ms`, title: 'Time the caller waited' },
      { text: `instance #${data.instance.id} · ${data.instance.cold ? 'cold start' : 'warm'}` },
    ];
    if (data.outcome !== 'returned') facts.push({ text: `outcome: ${data.outcome}`, warn: true });
    if (typeof envelope.via === 'string') facts.push({ text: `via ${envelope.via}` });
    if (envelope.fallback && typeof envelope.fallback === 'object') {
      facts.push({ text: `fallback from ${envelope.fallback.from} (${envelope.fallback.tokenProvider} token)`, warn: true });
    } else if (typeof envelope.tokenProvider === 'string') facts.push({ text: `${envelope.tokenProvider} token` });
    if (typeof envelope.embeddedFlagLabel === 'string') facts.push({ text: `embedded_flag: ${envelope.embeddedFlagLabel}` });
    ui.facts.replaceChildren(...facts.map((f) => el('span', { class: f.warn ? 'chip warn' : 'chip', title: f.title, text: f.text })));
  }

  function renderHint(envelope) {
    if (!envelope) {
      ui.hint.hidden = true;
      return;
    }
    const error = envelope.error && typeof envelope.error === 'object' ? envelope.error : null;
    ui.hint.hidden = false;
    ui.hint.classList.toggle('platform', !error);
    if (error) {
      ui.hintTitle.textContent = `${error.name || 'Error'} · ${error.code}`;
      ui.hintMessage.textContent = error.message ? [error.message.en, error.message.zh].filter(Boolean).join(' · ') : '';
      ui.hintText.textContent = error.hint ? `Hint: ${error.hint}` : '';
      ui.hintDetail.textContent = [error.detail, error.upstreamMessage && `Upstream: ${error.upstreamMessage}`].filter(Boolean).join(' ');
    } else {
      // Not an envelope of the function: the platform's own error (timeout, crash).
      ui.hintTitle.textContent = `Platform error · ${envelope.errCode === undefined ? 'no errCode' : envelope.errCode}`;
      ui.hintMessage.textContent = envelope.errMsg || 'The function did not return an envelope.';
      ui.hintText.textContent = '';
      ui.hintDetail.textContent = '';
    }
  }

  // ---- records table ------------------------------------------------------------------------

  /** The columns both lists share: row number, appid, nickname, status, reason. */
  const LEADING_COLUMNS = [
    ['#', (r, i) => el('td', { class: 'num', text: i + 1 })],
    ['AppID', (r) => el('td', { class: 'mono', text: r.appid })],
    ['Nickname', (r) => el('td', { text: r.nickname ?? '' })],
    ['Status', (r) => el('td', {}, statusPill(r))],
    ['Reason', (r) => el('td', { class: 'reason', text: r.reason ?? '' })],
  ];

  const TABLES = {
    applicants: {
      title: 'Plugin applicants',
      columns: [
        ...LEADING_COLUMNS,
        ['Categories', (r) => el('td', {}, ...(Array.isArray(r.categories) ? r.categories : []).map((c) => el('span', { class: 'cat', text: [c.first, c.second].filter(Boolean).join(' / ') })))],
        ['Applied', (r) => el('td', { class: 'when', text: formatTime(r.createTime) })],
      ],
      paging: (p) => p && `page ${p.page} · ${p.returned} of num ${p.num}${p.nextPage ? ` · next page ${p.nextPage}` : ' · last page'}`,
    },
    authorizations: {
      title: 'Half-screen authorizations',
      columns: [
        ...LEADING_COLUMNS,
        ['Authorization', (r) => el('td', { text: r.embeddedFlagLabel ?? (r.embeddedFlag ?? '') })],
        ['Added', (r) => el('td', { class: 'when', text: formatTime(r.createTime) })],
      ],
      paging: (p) => p && `start ${p.start} · ${p.returned} of num ${p.num}${p.nextStart !== null ? ` · next start ${p.nextStart}` : ' · last page'}`,
    },
  };

  function renderRecords(envelope) {
    const key = envelope && Object.keys(TABLES).find((k) => Array.isArray(envelope[k]));
    // Panels that act on the rows (panel-actions.js) hear about every rendering.
    const announce = () => document.dispatchEvent(new CustomEvent('console:records', { detail: { kind: key || null, rows: key ? envelope[key] : [], envelope } }));
    if (!key) {
      ui.records.hidden = true;
      announce();
      return;
    }
    const spec = TABLES[key];
    const rows = envelope[key];
    state.filter = 'all';
    ui.records.hidden = false;
    ui.records.dataset.kind = key;
    ui.recordsTitle.textContent = `${spec.title} (${rows.length})`;
    ui.recordsPaging.textContent = spec.paging(envelope.paging) || '';
    ui.table.tHead.replaceChildren(el('tr', {}, ...spec.columns.map(([name]) => el('th', { text: name }))));
    ui.table.tBodies[0].replaceChildren(
      ...rows.map((row, index) => el('tr', { 'data-status': labelOf(row) }, ...spec.columns.map(([, cell]) => cell(row, index)))),
    );
    if (rows.length === 0) {
      ui.table.tBodies[0].append(el('tr', {}, el('td', { colspan: spec.columns.length, class: 'muted', text: 'No records on this page.' })));
    }
    renderFilters(rows);
    announce();
  }

  function renderFilters(rows) {
    const counts = new Map();
    for (const row of rows) counts.set(labelOf(row), (counts.get(labelOf(row)) || 0) + 1);
    const labels = [...counts.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const chip = (value, text, count) =>
      el('button', { type: 'button', class: value === state.filter ? 'filter active' : 'filter', 'data-filter': value, 'aria-pressed': value === state.filter ? 'true' : 'false' },
        text, el('span', { class: 'count', text: count }));
    ui.filters.replaceChildren(chip('all', 'All', rows.length), ...labels.map((label) => chip(label, label, counts.get(label))));
    for (const button of ui.filters.querySelectorAll('button')) button.addEventListener('click', () => applyFilter(button.dataset.filter));
  }

  function applyFilter(value) {
    state.filter = value;
    for (const button of ui.filters.querySelectorAll('button')) {
      const active = button.dataset.filter === value;
      button.classList.toggle('active', active);
      button.setAttribute('aria-pressed', active ? 'true' : 'false');
    }
    for (const row of ui.table.tBodies[0].rows) {
      if (row.dataset.status === undefined) continue;
      row.hidden = value !== 'all' && row.dataset.status !== value;
    }
  }

  function labelOf(row) {
    return typeof row.statusLabel === 'string' ? row.statusLabel : 'unknown';
  }

  function rank(label) {
    const at = STATUS_ORDER.indexOf(label);
    return at === -1 ? STATUS_ORDER.length : at;
  }

  function statusPill(row) {
    const label = labelOf(row);
    return el('span', { class: `status ${STATUS_ORDER.includes(label) ? label : 'unknown'}`, title: `status ${row.status}`, text: label });
  }

  const TIME_FORMAT = (() => {
    try {
      return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    } catch {
      return null;
    }
  })();

  /** Unix seconds as Beijing time (the platform's time zone). */
  function formatTime(seconds) {
    if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return seconds === undefined ? '' : String(seconds);
    const date = new Date(seconds * 1000);
    return TIME_FORMAT ? TIME_FORMAT.format(date) : date.toISOString().slice(0, 16).replace('T', ' ');
  }

  // ---- upstream -----------------------------------------------------------------------------

  function renderUpstream(data) {
    ui.upstreamCount.textContent = `(${data.upstream.length})`;
    ui.upstreamNote.hidden = !data.upstreamShared && data.upstream.length > 0;
    ui.upstreamNote.textContent = data.upstreamShared
      ? 'Another invocation ran at the same time: these are all requests made meanwhile.'
      : 'No request reached the platform.';
    ui.upstream.replaceChildren(
      ...data.upstream.map((call) => {
        const query = call.query && Object.keys(call.query).length > 0 ? `?${Object.entries(call.query).map(([k, v]) => `${k}=${v}`).join('&')}` : '';
        const token = call.wxCloudApiToken === undefined ? null : el('span', { class: 'token-flag', text: call.wxCloudApiToken ? 'with wxCloudApiToken' : 'no wxCloudApiToken' });
        return el('li', {},
          el('div', { class: 'line' }, el('span', { class: `kind ${call.kind}`, text: call.kind }), el('span', { class: 'api', text: `${call.api}${query}` }), token),
          call.params === undefined ? null : el('div', { class: 'params', text: JSON.stringify(call.params) }));
      }),
    );
  }

  // What other panels of the page may use: run the current function again, the chosen caller, el().
  window.ConsoleApp = { rerun: run, callerFromForm, el };
  load();
})();
