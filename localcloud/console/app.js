// @ts-check
/**
 * Local CloudBase console: pick a function and a caller, edit the event, Run, read the answer.
 * Plain JavaScript modules, no framework, nothing loaded from elsewhere. Every string is in both
 * languages (app-strings.js, i18n.js); text reaches the DOM only through el() (dom.js).
 *
 * The page's parts beyond the form and the answer are panels (panels.js): each gets a
 * ConsoleApp (types.d.ts) in its mount(), with the page's hooks and the places it may fill. No
 * state is shared through a global.
 */
import './app-strings.js';
import { envelopeOf, errorOf, invokeFunction, requestJson } from './api.js';
import { byId, el, isObject } from './dom.js';
import { errorLines } from './error-text.js';
import { hasText, inParens, known, lang, onLanguageChange, setLang, t } from './i18n.js';
import { createRecords, nextPageEvent } from './records.js';

/** @typedef {import('./types').Caller} Caller */
/** @typedef {import('./types').CallerInfo} CallerInfo */
/** @typedef {import('./types').ConsoleApp} ConsoleApp */
/** @typedef {import('./types').Envelope} Envelope */
/** @typedef {import('./types').FunctionInfo} FunctionInfo */
/** @typedef {import('./types').FunctionList} FunctionList */
/** @typedef {import('./types').InvokeResponse} InvokeResponse */
/** @typedef {import('./types').Panel} Panel */
/** @typedef {import('./types').Problem} Problem */
/** @typedef {import('./types').Run} Run */
/** @typedef {import('./types').RunCause} RunCause */

/** The form's own causes of a run; a panel's run is named by the panel. */
const BY_FORM = 'form';
const BY_NEXT_PAGE = 'next-page';

/**
 * Starts the page: loads the function list, wires the form, mounts the panels.
 * @param {ReadonlyArray<Panel>} panels
 */
export async function startConsole(panels) {
  const ui = {
    fn: byId('function', HTMLSelectElement), fnMeta: byId('function-meta', HTMLElement),
    callerKind: byId('caller-kind', HTMLSelectElement), openidField: byId('openid-field', HTMLElement), openid: byId('openid', HTMLInputElement),
    timerField: byId('devtools-timer-field', HTMLElement), timerDevtools: byId('timer-devtools', HTMLInputElement), callerNote: byId('caller-note', HTMLElement),
    event: byId('event', HTMLTextAreaElement), eventStatus: byId('event-status', HTMLElement), run: byId('run', HTMLButtonElement), example: byId('example', HTMLButtonElement),
    placeholder: byId('placeholder', HTMLElement), requestError: byId('request-error', HTMLElement), outcome: byId('outcome', HTMLElement),
    errcode: byId('errcode', HTMLElement), errmsg: byId('errmsg', HTMLElement), facts: byId('facts', HTMLElement),
    hint: byId('hint', HTMLElement), hintTitle: byId('hint-title', HTMLElement), hintMessage: byId('hint-message', HTMLElement),
    hintText: byId('hint-text', HTMLElement), hintIssues: byId('hint-issues', HTMLElement), hintDetail: byId('hint-detail', HTMLElement),
    records: byId('records', HTMLElement), nextPage: byId('next-page', HTMLButtonElement),
    envelope: byId('envelope', HTMLElement), upstream: byId('upstream', HTMLElement), upstreamCount: byId('upstream-count', HTMLElement), upstreamNote: byId('upstream-note', HTMLElement),
    logs: byId('logs', HTMLElement), logCount: byId('log-count', HTMLElement),
  };
  const records = createRecords({
    section: ui.records, title: byId('records-title', HTMLElement), paging: byId('records-paging', HTMLElement),
    filters: byId('filters', HTMLElement), table: byId('table', HTMLTableElement),
  });

  const state = {
    /** @type {FunctionInfo[]} */ functions: [],
    /** @type {CallerInfo[]} */ callers: [],
    /** @type {Map<string, string>} the editor's text per function, once edited */ edits: new Map(),
    runs: 0,
    running: false,
    /** @type {Run | null} the last run the local cloud answered */ current: null,
    /** @type {Problem | null} what the error banner says, kept as a key so a language switch re-words it */ problem: null,
  };
  const listeners = {
    /** @type {Array<(fn: FunctionInfo) => void>} */ fn: [],
    /** @type {Array<() => void>} */ event: [],
    /** @type {Array<(cause: RunCause) => void>} */ runStart: [],
    /** @type {Array<(run: Run) => void>} */ result: [],
  };

  // ---- language ------------------------------------------------------------------------------

  /** Static strings of index.html: data-i18n (text) and data-i18n-<attribute>. */
  function applyStaticStrings() {
    for (const node of document.querySelectorAll('[data-i18n]')) if (node instanceof HTMLElement && node.dataset.i18n) node.textContent = t(node.dataset.i18n);
    for (const node of document.querySelectorAll('*')) {
      for (const attr of node.getAttributeNames()) {
        if (attr.startsWith('data-i18n-')) node.setAttribute(attr.slice('data-i18n-'.length), t(node.getAttribute(attr) ?? ''));
      }
    }
    document.title = t('page.title');
    for (const button of document.querySelectorAll('.lang-switch button')) {
      if (!(button instanceof HTMLElement)) continue;
      const active = button.dataset.lang === lang();
      button.classList.toggle('active', active);
      button.setAttribute('aria-pressed', active ? 'true' : 'false');
    }
  }

  onLanguageChange(() => {
    applyStaticStrings();
    for (const option of ui.callerKind.options) option.textContent = callerLabel(option.value);
    showFunctionMeta();
    ui.callerNote.textContent = t(`callerNote.${ui.callerKind.value}`);
    if (!state.running) ui.run.textContent = t('request.run');
    validateEvent();
    if (state.problem) ui.requestError.textContent = t(state.problem.key, state.problem.vars);
    if (state.current) render(state.current.response, true);
  });

  /** @param {string} kind */
  function callerLabel(kind) {
    const key = `caller.${kind}`;
    return t(key) !== key ? t(key) : state.callers.find((c) => c.kind === kind)?.label ?? kind;
  }

  // ---- the form ------------------------------------------------------------------------------

  function currentFunction() {
    return state.functions.find((fn) => fn.name === ui.fn.value);
  }

  function showFunctionMeta() {
    const fn = currentFunction();
    if (!fn) return;
    // The description is the function's own (config.json); app-strings.js has it in Chinese
    // (fnDescription.<name>); a function added later shows its config.json text.
    const key = `fnDescription.${fn.name}`;
    const description = lang() !== 'en' && hasText(key) ? t(key) : fn.description;
    ui.fnMeta.textContent = `${description ? `${description} ` : ''}${t('request.meta', { timeout: fn.timeoutSeconds, memory: fn.memoryMb })}`;
  }

  function onFunctionChange() {
    const fn = currentFunction();
    if (!fn) return;
    ui.event.value = state.edits.get(fn.name) ?? JSON.stringify(fn.exampleEvent, null, 2);
    showFunctionMeta();
    validateEvent();
    updateNextPage();
    for (const listener of listeners.fn) listener(fn);
    for (const listener of listeners.event) listener();
  }

  function onCallerChange() {
    const kind = ui.callerKind.value;
    const caller = state.callers.find((c) => c.kind === kind);
    const hasOpenid = kind === 'user' || kind === 'admin';
    ui.openidField.hidden = !hasOpenid;
    ui.openid.disabled = kind === 'admin';
    ui.openid.value = caller?.defaultOpenid ?? '';
    ui.timerField.hidden = kind !== 'timer';
    ui.callerNote.textContent = t(`callerNote.${kind}`);
    validateEvent();
  }

  /**
   * Parses the event editor; shows what is wrong and keeps Run disabled until it is usable.
   * @returns {{ ok: true, event: unknown } | { ok: false }}
   */
  function validateEvent() {
    /** @type {unknown} */
    let event;
    try {
      event = JSON.parse(ui.event.value);
    } catch (error) {
      return invalid(t('event.invalidJson', { message: error instanceof Error ? error.message : String(error) }), true);
    }
    const fromMiniProgram = ui.callerKind.value === 'user' || ui.callerKind.value === 'admin';
    if (fromMiniProgram && !isObject(event)) return invalid(t('event.notObject'), true);
    if (ui.callerKind.value === 'user' && !/^[A-Za-z0-9_-]{1,128}$/.test(ui.openid.value)) return invalid(t('event.badOpenid'), false);
    ui.event.classList.remove('invalid');
    ui.eventStatus.className = 'event-status ok';
    ui.eventStatus.textContent = t('event.valid');
    ui.run.disabled = state.running;
    return { ok: true, event };

    /** @param {string} message @param {boolean} editorIsWrong @returns {{ ok: false }} */
    function invalid(message, editorIsWrong) {
      ui.event.classList.toggle('invalid', editorIsWrong);
      ui.eventStatus.className = 'event-status bad';
      ui.eventStatus.textContent = message;
      ui.run.disabled = true;
      return { ok: false };
    }
  }

  /** @returns {Caller} */
  function callerFromForm() {
    const kind = ui.callerKind.value;
    if (kind === 'user') return { kind, openid: ui.openid.value };
    if (kind === 'timer') return { kind, fromDevtools: ui.timerDevtools.checked };
    if (kind === 'admin' || kind === 'console' || kind === 'devtools') return { kind };
    return { kind: 'admin' };
  }

  /** @param {unknown} event */
  function setEvent(event) {
    ui.event.value = JSON.stringify(event, null, 2);
    state.edits.set(ui.fn.value, ui.event.value);
    validateEvent();
    for (const listener of listeners.event) listener();
  }

  function editorEvent() {
    try {
      const value = JSON.parse(ui.event.value || '{}');
      return isObject(value) ? value : undefined;
    } catch {
      return undefined;
    }
  }

  // ---- run -----------------------------------------------------------------------------------

  /** @param {RunCause} [cause] */
  async function run(cause = BY_FORM) {
    const checked = validateEvent();
    if (!checked.ok || state.running) return;
    state.running = true;
    document.body.dataset.state = 'running';
    ui.run.disabled = true;
    ui.nextPage.disabled = true;
    ui.run.textContent = t('request.running');
    for (const listener of listeners.runStart) listener(cause);
    const request = { function: ui.fn.value, event: checked.event, caller: callerFromForm() };
    const answer = await invokeFunction(request.function, request.event, request.caller);
    if (answer.ok) {
      clearProblem();
      state.current = { ...request, response: answer.data };
      // A panel's re-run (after an action) keeps the filter and the rows shown; a new run starts afresh.
      render(answer.data, cause !== BY_FORM && cause !== BY_NEXT_PAGE);
      for (const listener of listeners.result) {
        try {
          listener(state.current);
        } catch (error) {
          console.error('a panel failed on a result', error);
        }
      }
    } else showProblem(answer.problem);
    state.running = false;
    ui.run.textContent = t('request.run');
    validateEvent();
    updateNextPage();
    // On a phone the answer is below the form: bring it into view (not for a panel's re-run,
    // whose own box the person is looking at).
    if (cause === BY_FORM) reveal(answer.ok ? ui.outcome : ui.requestError);
    if (cause === BY_NEXT_PAGE && answer.ok) reveal(ui.records);
    state.runs += 1;
    document.body.dataset.run = String(state.runs);
    document.body.dataset.state = 'done';
  }

  /** Scrolls `node` to the top of the window when its top is out of view or low in it. @param {HTMLElement} node */
  function reveal(node) {
    const top = node.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight * 0.4) node.scrollIntoView({ block: 'start' });
  }

  /** @param {Problem} problem */
  function showProblem(problem) {
    state.problem = problem;
    ui.placeholder.hidden = true;
    ui.requestError.hidden = false;
    ui.requestError.textContent = t(problem.key, problem.vars);
  }

  function clearProblem() {
    state.problem = null;
    ui.requestError.hidden = true;
  }

  // ---- the answer ----------------------------------------------------------------------------

  /**
   * A function behind the HTTP access service (componentEvents) answers with an integration
   * response ({statusCode, headers, body}), not an envelope: shown as its HTTP status.
   * @param {unknown} result
   */
  function httpAnswerOf(result) {
    if (!isObject(result) || 'errCode' in result || typeof result.statusCode !== 'number' || !Number.isInteger(result.statusCode)) return null;
    return { status: result.statusCode, body: typeof result.body === 'string' && !result.isBase64Encoded ? result.body : '' };
  }

  /** @param {InvokeResponse} data @param {boolean} keep */
  function render(data, keep) {
    const result = data.result;
    /** @type {Envelope} */
    const envelope = isObject(result) ? result : {};
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
    records.render(failed || http ? null : envelopeOf(data), keep);
    ui.envelope.textContent = JSON.stringify(result, null, 2);
    renderUpstream(data);
    ui.logs.textContent = data.logs.map((line) => `${line.stream === 'stderr' ? '! ' : '  '}${line.text}`).join('\n');
    ui.logCount.textContent = inParens(data.logs.length).trim();
  }

  /** @param {InvokeResponse} data @param {Envelope} envelope */
  function renderFacts(data, envelope) {
    /** @type {Array<{ text: string, title?: string, warn?: boolean }>} */
    const facts = [
      { text: t('fact.ms', { ms: data.ms }), title: t('fact.msTitle') },
      { text: t(data.instance.cold ? 'fact.cold' : 'fact.warm', { id: data.instance.id }) },
    ];
    if (data.outcome !== 'returned') facts.push({ text: t('fact.outcome', { outcome: known('outcome', data.outcome) }), warn: true });
    if (typeof envelope.via === 'string') {
      // A route the page knows in words (cloud call, HTTPS); another one as it came.
      const key = `fact.via.${envelope.via}`;
      facts.push({ text: t(key) !== key ? t(key) : t('fact.via', { via: envelope.via }) });
    }
    const fallback = isObject(envelope.fallback) ? envelope.fallback : null;
    if (fallback) facts.push({ text: t('fact.fallback', { from: String(fallback.from), provider: known('token', fallback.tokenProvider) }), warn: true });
    else if (typeof envelope.tokenProvider === 'string') facts.push({ text: known('token', envelope.tokenProvider) });
    if (typeof envelope.embeddedFlagLabel === 'string') facts.push({ text: t('fact.embeddedFlag', { label: known('flag', envelope.embeddedFlagLabel) }) });
    ui.facts.replaceChildren(...facts.map((f) => el('span', { class: f.warn ? 'chip warn' : 'chip', title: f.title, text: f.text })));
  }

  /** @param {Envelope | null} envelope */
  function renderHint(envelope) {
    if (!envelope) {
      ui.hint.hidden = true;
      return;
    }
    const error = isObject(envelope.error) ? errorOf(envelope) : null;
    ui.hint.hidden = false;
    ui.hint.classList.toggle('platform', !error);
    if (error) {
      const lines = errorLines(error);
      ui.hintTitle.textContent = lines.title;
      ui.hintMessage.textContent = lines.message;
      ui.hintText.textContent = lines.hint;
      ui.hintIssues.replaceChildren(...lines.issues.map((issue) => el('li', { text: issue })));
      ui.hintDetail.textContent = [lines.detail, lines.upstream].filter(Boolean).join(' ');
    } else {
      // Not an envelope of the function: the platform's own error (timeout, crash).
      ui.hintTitle.textContent = t('hint.platform', { code: envelope.errCode === undefined ? t('hint.noErrCode') : String(envelope.errCode) });
      ui.hintMessage.textContent = typeof envelope.errMsg === 'string' && envelope.errMsg ? envelope.errMsg : t('hint.noEnvelope');
      ui.hintText.textContent = '';
      ui.hintIssues.replaceChildren();
      ui.hintDetail.textContent = '';
    }
  }

  /** @param {{ status: number } | null} http */
  function renderHttpHint(http) {
    ui.hint.hidden = !http;
    if (!http) return;
    ui.hint.classList.remove('platform');
    ui.hintTitle.textContent = t('hint.httpTitle', { status: http.status });
    ui.hintMessage.textContent = t('hint.httpAnswer');
    ui.hintText.textContent = t('hint.httpSigned', { fn: ui.fn.value });
    ui.hintIssues.replaceChildren();
    ui.hintDetail.textContent = '';
  }

  // ---- next page -----------------------------------------------------------------------------

  /** The event of the next page, from the last run's paging, or null (none, or another function picked). */
  function nextEvent() {
    const current = state.current;
    if (!current || current.function !== ui.fn.value) return null;
    return nextPageEvent(envelopeOf(current.response), current.event);
  }

  function updateNextPage() {
    const next = nextEvent();
    ui.nextPage.hidden = next === null;
    ui.nextPage.disabled = state.running || next === null;
  }

  function runNextPage() {
    const event = nextEvent();
    if (!event) return;
    setEvent(event);
    void run(BY_NEXT_PAGE);
  }

  // ---- upstream ------------------------------------------------------------------------------

  /** @param {InvokeResponse} data */
  function renderUpstream(data) {
    ui.upstreamCount.textContent = inParens(data.upstream.length).trim();
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
  /** @param {string} text */
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

  // ---- start ---------------------------------------------------------------------------------

  applyStaticStrings();
  for (const button of document.querySelectorAll('.lang-switch button')) {
    if (button instanceof HTMLElement) button.addEventListener('click', () => setLang(button.dataset.lang ?? ''));
  }
  const loaded = await requestJson('GET', '/api/functions');
  const list = loaded.ok && isObject(loaded.data) && Array.isArray(loaded.data.functions) && Array.isArray(loaded.data.callers) ? /** @type {FunctionList} */ (/** @type {unknown} */ (loaded.data)) : null;
  if (!list) {
    showProblem(loaded.ok ? { key: 'error.loadFunctions', vars: { message: 'no function list in the answer' } } : loaded.problem);
    document.body.dataset.state = 'error';
    return;
  }
  state.functions = list.functions;
  state.callers = list.callers;
  for (const fn of state.functions) ui.fn.append(el('option', { value: fn.name, text: fn.name }));
  for (const caller of state.callers) ui.callerKind.append(el('option', { value: caller.kind, text: callerLabel(caller.kind) }));
  ui.fn.addEventListener('change', onFunctionChange);
  ui.callerKind.addEventListener('change', onCallerChange);
  ui.event.addEventListener('input', () => {
    state.edits.set(ui.fn.value, ui.event.value);
    validateEvent();
    for (const listener of listeners.event) listener();
  });
  ui.openid.addEventListener('input', () => void validateEvent());
  ui.example.addEventListener('click', () => {
    state.edits.delete(ui.fn.value);
    onFunctionChange();
  });
  ui.run.addEventListener('click', () => void run(BY_FORM));
  ui.nextPage.addEventListener('click', runNextPage);
  ui.event.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') void run(BY_FORM);
  });

  /** @type {ConsoleApp} */
  const app = {
    slots: {
      request: byId('request-slot', HTMLElement),
      records: byId('records-slot', HTMLElement),
      column: byId('panels', HTMLElement),
      wide: byId('wide-panels', HTMLElement),
    },
    functions: () => state.functions,
    selectedFunction: currentFunction,
    onFunctionChange: (listener) => void listeners.fn.push(listener),
    caller: callerFromForm,
    editorEvent,
    setEvent,
    onEventChange: (listener) => void listeners.event.push(listener),
    run,
    current: () => state.current,
    onRunStart: (listener) => void listeners.runStart.push(listener),
    onResult: (listener) => void listeners.result.push(listener),
    onRows: (listener) => records.onRows(listener),
  };
  for (const panel of panels) {
    try {
      panel.mount(app);
    } catch (error) {
      console.error(`the ${panel.id} panel failed to start`, error);
    }
  }
  onFunctionChange();
  onCallerChange();
  document.body.dataset.state = 'ready';
}
