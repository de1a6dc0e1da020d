'use strict';
/*
 * Local CloudBase console. Vanilla JS, no framework, nothing loaded from elsewhere but the
 * avatars (see AVATAR_HOSTS). Every piece of text from a function, the emulator or the user
 * reaches the DOM through textContent / attributes (el() below), never through innerHTML. Every
 * string of the page is in app-strings.js, in English and Chinese (ConsoleI18n, i18n.js).
 *
 * window.ConsoleApp is the hook for panel files (panel-*.js, loaded after this one):
 *   ConsoleApp.run()         runs the selected function with the editor's event again; a promise
 *                            that settles once the page has shown the answer (also as rerun())
 *   ConsoleApp.current()     the last run: { function, event, caller, response } (response is
 *                            the local cloud's answer: result, ms, upstream, logs, ...) or null
 *   ConsoleApp.onResult(fn)  fn(current) after every run the local cloud answered
 *   ConsoleApp.setEvent(obj) puts an event into the editor (what "Next page" does)
 *   ConsoleApp.callerFromForm()  the caller picked in the form, as /api/invoke takes it
 *   ConsoleApp.el(tag, attrs, ...children)  the safe element builder
 *   ConsoleApp.panels        the element a panel appends its own card (section.card) to
 * and a DOM event: 'console:records' on document, detail { kind, rows, envelope }, after every
 * rendering of the list table (kind null when there is none), for panels that decorate rows.
 * Strings of a panel go through ConsoleI18n.add / t; re-render on ConsoleI18n.onChange.
 */
(function main() {
  const i18n = window.ConsoleI18n;
  const t = (key, vars) => i18n.t(key, vars);
  const $ = (id) => document.getElementById(id);
  const ui = {
    fn: $('function'), fnMeta: $('function-meta'),
    callerKind: $('caller-kind'), openidField: $('openid-field'), openid: $('openid'),
    timerField: $('devtools-timer-field'), timerDevtools: $('timer-devtools'), callerNote: $('caller-note'),
    event: $('event'), eventStatus: $('event-status'), run: $('run'), example: $('example'),
    placeholder: $('placeholder'), requestError: $('request-error'), outcome: $('outcome'),
    errcode: $('errcode'), errmsg: $('errmsg'), facts: $('facts'),
    hint: $('hint'), hintTitle: $('hint-title'), hintMessage: $('hint-message'), hintText: $('hint-text'), hintDetail: $('hint-detail'),
    records: $('records'), recordsTitle: $('records-title'), recordsPaging: $('records-paging'), nextPage: $('next-page'),
    filters: $('filters'), table: $('table'),
    envelope: $('envelope'), upstream: $('upstream'), upstreamCount: $('upstream-count'), upstreamNote: $('upstream-note'),
    logs: $('logs'), logCount: $('log-count'), panels: $('panels'),
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

  const state = {
    functions: [], callers: [], edits: new Map(), runs: 0, filter: 'all',
    /** The last run the local cloud answered: what ConsoleApp.current() gives. */
    current: null,
    /** What the shown error banner says, kept as a key so a language switch re-words it. */
    error: null,
    listeners: [],
  };
  const STATUS_ORDER = ['pending', 'approved', 'rejected', 'expired', 'timeout', 'withdrawn', 'deauthorized', 'unknown'];

  // ---- language ------------------------------------------------------------------------------

  /** Static strings of index.html: data-i18n (text) and data-i18n-<attribute>. */
  function applyStaticStrings() {
    for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll('*')) {
      for (const attr of node.getAttributeNames()) {
        if (attr.startsWith('data-i18n-')) node.setAttribute(attr.slice('data-i18n-'.length), t(node.getAttribute(attr)));
      }
    }
    document.title = t('page.title');
    for (const button of document.querySelectorAll('.lang-switch button')) {
      const active = button.dataset.lang === i18n.lang;
      button.classList.toggle('active', active);
      button.setAttribute('aria-pressed', active ? 'true' : 'false');
    }
  }

  function onLanguageChange() {
    applyStaticStrings();
    for (const option of ui.callerKind.options) option.textContent = callerLabel(option.value);
    showFunctionMeta();
    ui.callerNote.textContent = t(`callerNote.${ui.callerKind.value}`);
    if (document.body.dataset.state !== 'running') ui.run.textContent = t('request.run');
    validateEvent();
    if (state.error) ui.requestError.textContent = t(state.error.key, state.error.vars);
    if (state.current) render(state.current.response, { keepFilter: true });
  }

  function callerLabel(kind) {
    const key = `caller.${kind}`;
    const text = t(key);
    if (text !== key) return text;
    const caller = state.callers.find((c) => c.kind === kind);
    return caller ? caller.label : kind;
  }

  // ---- set-up -------------------------------------------------------------------------------

  async function load() {
    applyStaticStrings();
    for (const button of document.querySelectorAll('.lang-switch button')) button.addEventListener('click', () => i18n.setLang(button.dataset.lang));
    i18n.onChange(onLanguageChange);
    try {
      const response = await fetch('/api/functions');
      if (!response.ok) throw new Error(`GET /api/functions answered ${response.status}`);
      const data = await response.json();
      state.functions = data.functions;
      state.callers = data.callers;
    } catch (error) {
      showRequestError(isUnreachable(error) ? { key: 'error.cloudGone' } : { key: 'error.loadFunctions', vars: { message: error.message } });
      document.body.dataset.state = 'error';
      return;
    }
    for (const fn of state.functions) ui.fn.append(el('option', { value: fn.name, text: fn.name }));
    for (const caller of state.callers) ui.callerKind.append(el('option', { value: caller.kind, text: callerLabel(caller.kind) }));
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
    ui.nextPage.addEventListener('click', runNextPage);
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

  function showFunctionMeta() {
    const fn = currentFunction();
    if (!fn) return;
    // The description is the function's own (config.json); app-strings.js has it in Chinese
    // (fnDescription.<name>); a function added later shows its config.json text.
    const key = `fnDescription.${fn.name}`;
    const description = i18n.lang !== 'en' && t(key) !== key ? t(key) : fn.description;
    ui.fnMeta.textContent = `${description ? `${description} ` : ''}${t('request.meta', { timeout: fn.timeoutSeconds, memory: fn.memoryMb })}`;
  }

  function onFunctionChange() {
    const fn = currentFunction();
    if (!fn) return;
    ui.event.value = state.edits.get(fn.name) ?? JSON.stringify(fn.exampleEvent, null, 2);
    showFunctionMeta();
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
    ui.callerNote.textContent = t(`callerNote.${kind}`);
    validateEvent();
  }

  /** Parses the event editor; shows what is wrong and keeps Run disabled until it is JSON. */
  function validateEvent() {
    let event;
    try {
      event = JSON.parse(ui.event.value);
    } catch (error) {
      return invalid(t('event.invalidJson', { message: error.message }), true);
    }
    const fromMiniProgram = ui.callerKind.value === 'user' || ui.callerKind.value === 'admin';
    if (fromMiniProgram && (event === null || typeof event !== 'object' || Array.isArray(event))) {
      return invalid(t('event.notObject'), true);
    }
    if (ui.callerKind.value === 'user' && !/^[A-Za-z0-9_-]{1,128}$/.test(ui.openid.value)) {
      return invalid(t('event.badOpenid'), false);
    }
    ui.event.classList.remove('invalid');
    ui.eventStatus.className = 'event-status ok';
    ui.eventStatus.textContent = t('event.valid');
    ui.run.disabled = document.body.dataset.state === 'running';
    return { ok: true, event };

    function invalid(message, editorIsWrong) {
      ui.event.classList.toggle('invalid', editorIsWrong);
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

  /** Puts an event into the editor, remembered for this function like a typed edit. */
  function setEvent(event) {
    ui.event.value = JSON.stringify(event, null, 2);
    state.edits.set(ui.fn.value, ui.event.value);
    validateEvent();
  }

  // ---- run ----------------------------------------------------------------------------------

  async function run() {
    const checked = validateEvent();
    if (!checked.ok || document.body.dataset.state === 'running') return;
    document.body.dataset.state = 'running';
    ui.run.disabled = true;
    ui.nextPage.disabled = true;
    ui.run.textContent = t('request.running');
    const request = { function: ui.fn.value, event: checked.event, caller: callerFromForm() };
    try {
      const response = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      const data = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
      if (!response.ok) throw new Error(data.error || `HTTP ${response.status}`);
      clearRequestError();
      state.current = { ...request, response: data };
      render(data);
      for (const listener of state.listeners) {
        try {
          listener(state.current);
        } catch (error) {
          console.error('a ConsoleApp.onResult listener failed', error);
        }
      }
    } catch (error) {
      // fetch rejects (TypeError) only when nothing answers: the local cloud was stopped.
      showRequestError(isUnreachable(error) ? { key: 'error.cloudGone' } : { key: 'error.invoke', vars: { message: error.message } });
    } finally {
      state.runs += 1;
      document.body.dataset.run = String(state.runs);
      document.body.dataset.state = 'done';
      ui.run.textContent = t('request.run');
      validateEvent();
      updateNextPage();
    }
  }

  function isUnreachable(error) {
    return error instanceof TypeError;
  }

  function showRequestError(error) {
    state.error = error;
    ui.placeholder.hidden = true;
    ui.requestError.hidden = false;
    ui.requestError.textContent = t(error.key, error.vars);
  }

  function clearRequestError() {
    state.error = null;
    ui.requestError.hidden = true;
  }

  // ---- render -------------------------------------------------------------------------------

  /**
   * A function behind the HTTP access service (componentEvents) answers with an integration
   * response ({statusCode, headers, body}), not an envelope: shown as its HTTP status.
   */
  function httpAnswerOf(result) {
    if (result === null || typeof result !== 'object' || 'errCode' in result || !Number.isInteger(result.statusCode)) return null;
    return { status: result.statusCode, body: typeof result.body === 'string' && !result.isBase64Encoded ? result.body : '' };
  }

  function render(data, options = {}) {
    const result = data.result;
    const envelope = result !== null && typeof result === 'object' ? result : {};
    const errCode = typeof envelope.errCode === 'number' ? envelope.errCode : undefined;
    const http = data.outcome === 'returned' ? httpAnswerOf(result) : null;
    const failed = http ? http.status >= 400 : errCode !== 0;
    ui.placeholder.hidden = true;
    ui.outcome.hidden = false;

    ui.errcode.textContent = http ? `HTTP ${http.status}` : `errCode ${errCode === undefined ? '—' : errCode}`;
    ui.errcode.classList.toggle('fail', failed);
    ui.errcode.dataset.errcode = http ? `http-${http.status}` : String(errCode);
    ui.errmsg.textContent = http ? http.body.slice(0, 200) : typeof envelope.errMsg === 'string' ? envelope.errMsg : '';

    renderFacts(data, envelope);
    if (http) renderHttpHint(failed ? http : null);
    else renderHint(failed ? envelope : null);
    renderRecords(failed ? null : envelope, options.keepFilter);
    ui.envelope.textContent = JSON.stringify(result, null, 2);
    renderUpstream(data);
    ui.logs.textContent = data.logs.map((line) => `${line.stream === 'stderr' ? '! ' : '  '}${line.text}`).join('\n');
    ui.logCount.textContent = `(${data.logs.length})`;
  }

  function renderFacts(data, envelope) {
    const facts = [
      { text: t('fact.ms', { ms: data.ms }), title: t('fact.msTitle') },
      { text: t(data.instance.cold ? 'fact.cold' : 'fact.warm', { id: data.instance.id }) },
    ];
    if (data.outcome !== 'returned') facts.push({ text: t('fact.outcome', { outcome: data.outcome }), warn: true });
    if (typeof envelope.via === 'string') facts.push({ text: t('fact.via', { via: envelope.via }) });
    if (envelope.fallback && typeof envelope.fallback === 'object') {
      facts.push({ text: t('fact.fallback', { from: envelope.fallback.from, provider: envelope.fallback.tokenProvider }), warn: true });
    } else if (typeof envelope.tokenProvider === 'string') facts.push({ text: t('fact.token', { provider: envelope.tokenProvider }) });
    if (typeof envelope.embeddedFlagLabel === 'string') facts.push({ text: t('fact.embeddedFlag', { label: flagText(envelope.embeddedFlagLabel) }) });
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
      ui.hintTitle.textContent = `${error.name || t('hint.error')} · ${error.code}`;
      // The envelope carries both languages: the page's first, the other after it.
      const message = error.message || {};
      const other = i18n.lang === 'zh' ? 'en' : 'zh';
      ui.hintMessage.textContent = [message[i18n.lang], message[other]].filter(Boolean).join(' · ');
      ui.hintText.textContent = error.hint ? t('hint.hint', { hint: error.hint }) : '';
      ui.hintDetail.textContent = [error.detail, error.upstreamMessage && t('hint.upstream', { message: error.upstreamMessage })].filter(Boolean).join(' ');
    } else {
      // Not an envelope of the function: the platform's own error (timeout, crash).
      ui.hintTitle.textContent = t('hint.platform', { code: envelope.errCode === undefined ? t('hint.noErrCode') : envelope.errCode });
      ui.hintMessage.textContent = envelope.errMsg || t('hint.noEnvelope');
      ui.hintText.textContent = '';
      ui.hintDetail.textContent = '';
    }
  }

  function renderHttpHint(http) {
    ui.hint.hidden = !http;
    if (!http) return;
    ui.hint.classList.remove('platform');
    ui.hintTitle.textContent = t('hint.httpTitle', { status: http.status });
    ui.hintMessage.textContent = t('hint.httpAnswer');
    ui.hintText.textContent = t('hint.httpSigned', { fn: ui.fn.value });
    ui.hintDetail.textContent = '';
  }

  // ---- records table ------------------------------------------------------------------------

  /**
   * Avatars are the only thing the page loads from elsewhere: WeChat's image hosts, over https,
   * without a referrer (the page's CSP img-src lists exactly these hosts: localcloud/server.ts).
   * Any other address gets the initial-letter placeholder instead of a blocked image.
   */
  const AVATAR_HOSTS = ['wx.qlogo.cn', 'thirdwx.qlogo.cn', 'mmbiz.qpic.cn'];

  function httpUrl(value) {
    if (typeof value !== 'string') return null;
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
    } catch {
      return null;
    }
  }

  function avatar(url, name) {
    const placeholder = () => el('span', { class: 'avatar avatar-initial', 'aria-hidden': 'true', text: (name || '?').trim().slice(0, 1).toUpperCase() || '?' });
    const parsed = httpUrl(url);
    if (!parsed || parsed.protocol !== 'https:' || !AVATAR_HOSTS.includes(parsed.hostname)) return placeholder();
    const img = el('img', { class: 'avatar', src: parsed.href, alt: t('cell.avatarFor', { name: name || '' }), referrerpolicy: 'no-referrer', loading: 'lazy', width: 32, height: 32 });
    img.addEventListener('error', () => img.replaceWith(placeholder()), { once: true });
    return img;
  }

  /** Avatar, nickname and appid in one cell: narrow enough for a phone. */
  function identityCell(row, imageField) {
    return el('td', {}, el('div', { class: 'who' },
      avatar(row[imageField], row.nickname),
      el('span', { class: 'who-text' },
        el('span', { class: 'nickname', text: row.nickname ?? '' }),
        el('span', { class: 'appid', text: row.appid ?? '' }))));
  }

  function applyUrlNode(value) {
    if (value === undefined || value === null || value === '') return null;
    const url = httpUrl(value);
    if (!url) return el('span', { class: 'apply-url muted', text: t('cell.applyUrlNotWeb', { value: String(value) }) });
    return el('a', { class: 'apply-url', href: url.href, target: '_blank', rel: 'noopener noreferrer', referrerpolicy: 'no-referrer', title: t('cell.applyUrlTitle', { url: url.href }), text: t('cell.applyUrl') });
  }

  const numberCell = (r, i, offset) => el('td', { class: 'num', text: offset + i + 1 });
  const statusCell = (r) => el('td', {}, statusPill(r));

  const TABLES = {
    applicants: {
      title: 'records.applicants',
      columns: [
        ['col.number', numberCell],
        ['col.applicant', (r) => identityCell(r, 'headimgurl')],
        ['col.status', statusCell],
        ['col.reason', (r) => el('td', { class: 'reason' }, el('span', { text: r.reason ?? '' }), applyUrlNode(r.applyUrl))],
        ['col.categories', (r) => el('td', { class: 'cats' }, ...(Array.isArray(r.categories) ? r.categories : []).map((c) => el('span', { class: 'cat', text: [c.first, c.second].filter(Boolean).join(' / ') })))],
        ['col.applied', (r) => timeCell(r.createTime)],
      ],
      // Rows before this page: page numbers count from 1.
      offset: (p) => (p && Number.isInteger(p.page) && Number.isInteger(p.num) ? (p.page - 1) * p.num : 0),
      paging: (p) => p && `${t('records.pagingApplicants', p)} · ${p.nextPage ? t('records.nextPage', { page: p.nextPage }) : t('records.lastPage')}`,
      next: (p, event) => (p && p.nextPage ? { ...event, page: p.nextPage } : null),
    },
    authorizations: {
      title: 'records.authorizations',
      columns: [
        ['col.number', numberCell],
        ['col.miniProgram', (r) => identityCell(r, 'headimg')],
        ['col.status', statusCell],
        ['col.reason', (r) => el('td', { class: 'reason', text: r.reason ?? '' })],
        ['col.authorization', (r) => el('td', { text: r.embeddedFlagLabel ? flagText(r.embeddedFlagLabel) : (r.embeddedFlag ?? '') })],
        ['col.added', (r) => timeCell(r.createTime)],
      ],
      offset: (p) => (p && Number.isInteger(p.start) ? p.start : 0),
      paging: (p) => p && `${t('records.pagingAuthorizations', p)} · ${p.nextStart !== null ? t('records.nextStart', { start: p.nextStart }) : t('records.lastPage')}`,
      next: (p, event) => (p && Number.isInteger(p.nextStart) ? { ...event, start: p.nextStart } : null),
    },
  };

  function recordsKind(envelope) {
    return envelope && Object.keys(TABLES).find((k) => Array.isArray(envelope[k]));
  }

  function renderRecords(envelope, keepFilter) {
    const key = recordsKind(envelope);
    // Panels that act on the rows hear about every rendering (a language switch renders again).
    const announce = () => document.dispatchEvent(new CustomEvent('console:records', { detail: { kind: key || null, rows: key ? envelope[key] : [], envelope } }));
    if (!key) {
      ui.records.hidden = true;
      announce();
      return;
    }
    const spec = TABLES[key];
    const rows = envelope[key];
    const offset = spec.offset(envelope.paging);
    if (!keepFilter) state.filter = 'all';
    ui.records.hidden = false;
    ui.records.dataset.kind = key;
    ui.recordsTitle.textContent = `${t(spec.title)} (${rows.length})`;
    ui.recordsPaging.textContent = spec.paging(envelope.paging) || '';
    ui.table.tHead.replaceChildren(el('tr', {}, ...spec.columns.map(([name]) => el('th', { text: t(name) }))));
    ui.table.tBodies[0].replaceChildren(
      ...rows.map((row, index) => el('tr', { 'data-status': labelOf(row) }, ...spec.columns.map(([, cell]) => cell(row, index, offset)))),
    );
    if (rows.length === 0) {
      ui.table.tBodies[0].append(el('tr', {}, el('td', { colspan: spec.columns.length, class: 'muted', text: t('records.empty') })));
    }
    renderFilters(rows);
    applyFilter(state.filter);
    announce();
  }

  /** The event of the next page, from the last run's paging, or null on the last page. */
  function nextEvent() {
    const current = state.current;
    const envelope = current && current.response.result;
    const key = envelope && envelope.errCode === 0 && recordsKind(envelope);
    if (!key || current.function !== ui.fn.value) return null;
    const event = current.event !== null && typeof current.event === 'object' && !Array.isArray(current.event) ? current.event : {};
    return TABLES[key].next(envelope.paging, event);
  }

  function updateNextPage() {
    ui.nextPage.disabled = document.body.dataset.state === 'running' || nextEvent() === null;
  }

  function runNextPage() {
    const event = nextEvent();
    if (!event) return;
    setEvent(event);
    run();
  }

  function renderFilters(rows) {
    const counts = new Map();
    for (const row of rows) counts.set(labelOf(row), (counts.get(labelOf(row)) || 0) + 1);
    if (!counts.has(state.filter)) state.filter = 'all';
    const labels = [...counts.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const chip = (value, text, count) =>
      el('button', { type: 'button', class: 'filter', 'data-filter': value, 'aria-pressed': 'false' }, text, el('span', { class: 'count', text: count }));
    ui.filters.replaceChildren(chip('all', t('records.all'), rows.length), ...labels.map((label) => chip(label, statusText(label), counts.get(label))));
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

  /** A label the function gives (statusLabel), in the page's language; an unknown one as it came. */
  function statusText(label) {
    const key = `status.${label}`;
    const text = t(key);
    return text === key ? label : text;
  }

  function flagText(label) {
    const key = `flag.${label}`;
    const text = t(key);
    return text === key ? label : text;
  }

  function rank(label) {
    const at = STATUS_ORDER.indexOf(label);
    return at === -1 ? STATUS_ORDER.length : at;
  }

  function statusPill(row) {
    const label = labelOf(row);
    return el('span', { class: `status ${STATUS_ORDER.includes(label) ? label : 'unknown'}`, 'data-label': label, title: t('cell.statusTitle', { status: row.status }), text: statusText(label) });
  }

  const TIME_FORMAT = (() => {
    try {
      return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    } catch {
      return null;
    }
  })();

  /** Unix seconds as Beijing time (the platform's time zone; the column header says UTC+8), UTC in the tooltip. */
  function timeCell(seconds) {
    if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return el('td', { class: 'when', text: seconds === undefined ? '' : String(seconds) });
    const date = new Date(seconds * 1000);
    const beijing = TIME_FORMAT ? TIME_FORMAT.format(date) : new Date(date.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');
    return el('td', { class: 'when' }, el('time', { datetime: date.toISOString(), title: `${date.toISOString().replace('.000Z', 'Z')} (UTC)`, text: beijing }));
  }

  // ---- upstream -----------------------------------------------------------------------------

  function renderUpstream(data) {
    ui.upstreamCount.textContent = `(${data.upstream.length})`;
    ui.upstreamNote.hidden = !data.upstreamShared && data.upstream.length > 0;
    ui.upstreamNote.textContent = data.upstreamShared ? t('upstream.shared') : t('upstream.none');
    ui.upstream.replaceChildren(
      ...data.upstream.map((call) => {
        const query = call.query && Object.keys(call.query).length > 0 ? `?${Object.entries(call.query).map(([k, v]) => `${k}=${v}`).join('&')}` : '';
        const token = call.wxCloudApiToken === undefined ? null : el('span', { class: 'token-flag', text: t(call.wxCloudApiToken ? 'upstream.withToken' : 'upstream.noToken') });
        return el('li', {},
          el('div', { class: 'line' }, el('span', { class: `kind ${call.kind}`, text: call.kind }), el('span', { class: 'api', text: `${call.api}${query}` }), token),
          call.params === undefined ? null : paramsNode(JSON.stringify(call.params)));
      }),
    );
  }

  /**
   * A request's parameters, cut to a few lines when long (a database query of a whole page of
   * appids is 40 KB: shown whole, one sync's requests made the page 100,000 px tall). The rest
   * is one click away, in a box that scrolls.
   */
  const PARAMS_SHOWN = 300;
  function paramsNode(text) {
    if (text.length <= PARAMS_SHOWN) return el('div', { class: 'params', text });
    const node = el('div', { class: 'params', 'data-testid': 'upstream-params', text: `${text.slice(0, PARAMS_SHOWN)}…` });
    const more = el('button', { type: 'button', class: 'secondary small params-more', 'data-testid': 'upstream-params-more', text: t('upstream.showAll', { n: text.length }) });
    more.addEventListener('click', () => {
      node.textContent = text;
      node.classList.add('full');
    }, { once: true });
    node.append(' ', more);
    return node;
  }

  // ---- the hook for panel files -------------------------------------------------------------

  window.ConsoleApp = {
    run: () => run(),
    rerun: () => run(),
    callerFromForm,
    current: () => state.current,
    onResult(listener) {
      state.listeners.push(listener);
    },
    setEvent,
    el,
    panels: ui.panels,
  };

  load();
})();
