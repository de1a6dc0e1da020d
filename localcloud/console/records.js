// @ts-check
/**
 * The list table of a run that listed records (getPluginDevApplyList's `applicants`, getOwnList's
 * `authorizations`): a row per record, filters by status with counts, the paging line and the
 * next page's event. It draws at most SHOWN_STEP rows at a time, with a control for more: an
 * `all: true` answer holds thousands. Panels hear of every drawing (onRows) to add their cells.
 */
import { beijingTime, el, isObject, numberOr } from './dom.js';
import { inParens, known, t } from './i18n.js';

/** @typedef {import('./types').Envelope} Envelope */
/** @typedef {import('./types').ListKind} ListKind */
/** @typedef {import('./types').RenderedRows} RenderedRows */
/** @typedef {import('./types').Row} Row */
/** @typedef {Record<string, unknown>} Paging */
/**
 * @typedef {object} TableSpec
 * @property {string} title
 * @property {Array<[string, (row: Row, number: number) => HTMLTableCellElement]>} columns
 * @property {(p: Paging) => number} offset  rows before this page
 * @property {(p: Paging) => string} paging  the paging line
 * @property {(p: Paging, event: Record<string, unknown>) => Record<string, unknown> | null} next  the next page's event
 */

/** Rows drawn at first, and more per click. */
export const SHOWN_STEP = 100;
const STATUS_ORDER = ['pending', 'approved', 'rejected', 'expired', 'timeout', 'withdrawn', 'deauthorized', 'unknown'];

/** A status label the function gives (statusLabel), or `unknown`. @param {Row} row */
export function labelOf(row) {
  return typeof row.statusLabel === 'string' ? row.statusLabel : 'unknown';
}

/**
 * A status in the page's language. One the page does not know (WeChat added it later, the
 * function labels it `unknown`) says its code: two different unknown statuses read differently.
 * @param {string} label
 * @param {unknown} [code]
 */
export function statusText(label, code) {
  const word = known('status', label);
  return label === 'unknown' && code !== undefined && code !== null ? `${word}${inParens(t('cell.statusTitle', { status: String(code) }))}` : word;
}

/** A status pill. @param {Row} row */
function statusPill(row) {
  const label = labelOf(row);
  return el('span', { class: `status ${STATUS_ORDER.includes(label) ? label : 'unknown'}`, 'data-label': label, title: t('cell.statusTitle', { status: String(row.status) }), text: statusText(label, row.status) });
}

/** @param {unknown} value */
function httpUrl(value) {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * The avatar: a placeholder drawn here, its colour from the appid. The local cloud's data is the
 * emulator's, whose image addresses are made up (they would fail, and offline every one would),
 * so nothing is loaded from elsewhere. The address it had is in the tooltip.
 * @param {Row} row
 * @param {string} imageField
 */
function avatar(row, imageField) {
  const name = typeof row.nickname === 'string' ? row.nickname.trim() : '';
  const seed = String(row.appid ?? name);
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  const url = typeof row[imageField] === 'string' ? String(row[imageField]) : '';
  const node = el('span', { class: 'avatar avatar-initial', 'aria-hidden': 'true', title: url ? t('cell.avatarTitle', { url }) : undefined, text: name.slice(0, 1).toUpperCase() || '?' });
  // Through the CSSOM: the page's CSP allows no style attributes.
  node.style.setProperty('--hue', String(hash));
  return node;
}

/** Avatar, nickname and appid in one cell: narrow enough for a phone. @param {Row} row @param {string} imageField */
function identityCell(row, imageField) {
  return el('td', {}, el('div', { class: 'who' },
    avatar(row, imageField),
    el('span', { class: 'who-text' },
      el('span', { class: 'nickname', text: String(row.nickname ?? '') }),
      el('span', { class: 'appid', text: String(row.appid ?? '') }))));
}

/** @param {unknown} value */
function applyUrlNode(value) {
  if (value === undefined || value === null || value === '') return null;
  const url = httpUrl(value);
  if (!url) return el('span', { class: 'apply-url muted', text: t('cell.applyUrlNotWeb', { value: String(value) }) });
  return el('a', { class: 'apply-url', href: url.href, target: '_blank', rel: 'noopener noreferrer', referrerpolicy: 'no-referrer', title: t('cell.applyUrlTitle', { url: url.href }), text: t('cell.applyUrl') });
}

const TIME_FORMAT = (() => {
  try {
    return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  } catch {
    return null;
  }
})();

/** Unix seconds as Beijing time (the platform's time zone; the column header says UTC+8), UTC in the tooltip. @param {unknown} seconds */
function timeCell(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return el('td', { class: 'when', text: seconds === undefined ? '' : String(seconds) });
  const date = new Date(seconds * 1000);
  const beijing = TIME_FORMAT ? TIME_FORMAT.format(date) : beijingTime(seconds * 1000).slice(0, 16);
  return el('td', { class: 'when' }, el('time', { datetime: date.toISOString(), title: `${date.toISOString().replace('.000Z', 'Z')} (UTC)`, text: beijing }));
}

/** @param {Row} _row @param {number} number */
const numberCell = (_row, number) => el('td', { class: 'num', text: number });
/** @param {Row} row */
const statusCell = (row) => el('td', {}, statusPill(row));
/** @param {unknown} label */
const flagText = (label) => known('flag', label);

/** Whether the answer is a whole list (`all: true`), which has no next page. @param {Paging} p */
const isWhole = (p) => p.all === true;

/** The paging line of a whole list, saying when only its first part came. @param {Paging} p @param {Envelope} envelope */
function wholeListLine(p, envelope) {
  const line = t('records.pagingAll', { returned: String(p.returned ?? ''), total: String(p.total ?? ''), calls: String(p.calls ?? '') });
  return isObject(envelope.rest) ? `${line} · ${t('records.rest', { returned: String(p.returned ?? '') })}` : line;
}

/** @type {Readonly<Record<ListKind, TableSpec>>} */
const TABLES = {
  applicants: {
    title: 'records.applicants',
    columns: [
      ['col.number', numberCell],
      ['col.applicant', (r) => identityCell(r, 'headimgurl')],
      ['col.status', statusCell],
      ['col.reason', (r) => el('td', { class: 'reason' }, el('span', { text: String(r.reason ?? '') }), applyUrlNode(r.applyUrl))],
      ['col.categories', (r) => el('td', { class: 'cats' }, ...(Array.isArray(r.categories) ? r.categories : []).map((c) => el('span', { class: 'cat', text: isObject(c) ? [c.first, c.second].filter(Boolean).join(' / ') : '' })))],
      ['col.applied', (r) => timeCell(r.createTime)],
    ],
    // Rows before this page: page numbers count from 1.
    offset: (p) => {
      const page = numberOr(p.page);
      const num = numberOr(p.num);
      return !isWhole(p) && page !== undefined && num !== undefined ? (page - 1) * num : 0;
    },
    paging: (p) => `${t('records.pagingApplicants', { page: String(p.page), returned: String(p.returned), num: String(p.num) })} · ${numberOr(p.nextPage) !== undefined ? t('records.nextPage', { page: String(p.nextPage) }) : t('records.lastPage')}`,
    next: (p, event) => (!isWhole(p) && numberOr(p.nextPage) !== undefined ? { ...event, page: p.nextPage } : null),
  },
  authorizations: {
    title: 'records.authorizations',
    columns: [
      ['col.number', numberCell],
      ['col.miniProgram', (r) => identityCell(r, 'headimg')],
      ['col.status', statusCell],
      ['col.reason', (r) => el('td', { class: 'reason', text: String(r.reason ?? '') })],
      ['col.authorization', (r) => el('td', { text: r.embeddedFlagLabel ? flagText(r.embeddedFlagLabel) : String(r.embeddedFlag ?? '') })],
      ['col.added', (r) => timeCell(r.createTime)],
    ],
    offset: (p) => (!isWhole(p) ? numberOr(p.start) ?? 0 : 0),
    paging: (p) => `${t('records.pagingAuthorizations', { start: String(p.start), returned: String(p.returned), num: String(p.num) })} · ${numberOr(p.nextStart) !== undefined ? t('records.nextStart', { start: String(p.nextStart) }) : t('records.lastPage')}`,
    next: (p, event) => (!isWhole(p) && numberOr(p.nextStart) !== undefined ? { ...event, start: p.nextStart } : null),
  },
};

/** Which list an envelope holds, or null. @param {Envelope | null} envelope @returns {ListKind | null} */
export function recordsKind(envelope) {
  if (!envelope || envelope.errCode !== 0) return null;
  return Array.isArray(envelope.applicants) ? 'applicants' : Array.isArray(envelope.authorizations) ? 'authorizations' : null;
}

/** The event of the page after this one, or null (the last page, or a whole list). @param {Envelope | null} envelope @param {unknown} event */
export function nextPageEvent(envelope, event) {
  const kind = recordsKind(envelope);
  if (!kind || !envelope || !isObject(envelope.paging)) return null;
  return TABLES[kind].next(envelope.paging, isObject(event) ? event : {});
}

/** A filter key: the label, or for an unknown status its code too (two unknown statuses are two filters). @param {Row} row */
const filterKey = (row) => (labelOf(row) === 'unknown' ? `unknown:${String(row.status)}` : labelOf(row));

/** @param {string} key */
function rank(key) {
  const at = STATUS_ORDER.indexOf(key.split(':')[0] ?? key);
  return at === -1 ? STATUS_ORDER.length : at;
}

/**
 * The list table inside the response card.
 * @param {{ section: HTMLElement, title: HTMLElement, paging: HTMLElement, filters: HTMLElement, table: HTMLTableElement }} ui
 */
export function createRecords(ui) {
  /** @type {{ kind: ListKind | null, envelope: Envelope | null, rows: Row[], filter: string, shown: number }} */
  const state = { kind: null, envelope: null, rows: [], filter: 'all', shown: SHOWN_STEP };
  /** @type {Array<(rendered: RenderedRows) => void>} */
  const listeners = [];
  const body = /** @type {HTMLTableSectionElement} */ (ui.table.tBodies[0]);
  const more = el('div', { class: 'records-more' });
  ui.table.closest('.table-wrap')?.after(more);

  /** @param {RenderedRows} rendered */
  function announce(rendered) {
    for (const listener of listeners) listener(rendered);
  }

  /**
   * Draws the list of an envelope (none: hides the table). `keep` keeps the filter and how many
   * rows show (a language switch, a re-run after an action); a new run starts afresh.
   * @param {Envelope | null} envelope
   * @param {boolean} keep
   */
  function render(envelope, keep) {
    const kind = recordsKind(envelope);
    state.kind = kind;
    state.envelope = envelope;
    if (!kind || !envelope) {
      ui.section.hidden = true;
      state.rows = [];
      more.replaceChildren();
      announce({ kind: null, envelope, head: null, rows: [] });
      return;
    }
    const spec = TABLES[kind];
    state.rows = /** @type {Row[]} */ (envelope[kind]);
    if (!keep) {
      state.filter = 'all';
      state.shown = SHOWN_STEP;
    }
    const paging = isObject(envelope.paging) ? envelope.paging : {};
    ui.section.hidden = false;
    ui.section.dataset.kind = kind;
    ui.title.textContent = `${t(spec.title)}${inParens(state.rows.length)}`;
    ui.paging.textContent = isWhole(paging) ? wholeListLine(paging, envelope) : spec.paging(paging);
    renderFilters();
    renderBody();
  }

  function renderFilters() {
    /** @type {Map<string, { row: Row, count: number }>} */
    const counts = new Map();
    for (const row of state.rows) {
      const key = filterKey(row);
      const entry = counts.get(key);
      if (entry) entry.count += 1;
      else counts.set(key, { row, count: 1 });
    }
    if (!counts.has(state.filter)) state.filter = 'all';
    const keys = [...counts.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    /** @param {string} value @param {string} text @param {number} count */
    const chip = (value, text, count) => {
      const active = value === state.filter;
      const button = el('button', { type: 'button', class: active ? 'filter active' : 'filter', 'data-filter': value, 'aria-pressed': active ? 'true' : 'false' }, text, el('span', { class: 'count', text: count }));
      button.addEventListener('click', () => {
        state.filter = value;
        state.shown = SHOWN_STEP;
        renderFilters();
        renderBody();
      });
      return button;
    };
    ui.filters.replaceChildren(
      chip('all', t('records.all'), state.rows.length),
      ...keys.map((key) => {
        const { row, count } = /** @type {{ row: Row, count: number }} */ (counts.get(key));
        return chip(key, statusText(labelOf(row), row.status), count);
      }),
    );
  }

  function renderBody() {
    const kind = /** @type {ListKind} */ (state.kind);
    const spec = TABLES[kind];
    const paging = state.envelope && isObject(state.envelope.paging) ? state.envelope.paging : {};
    const offset = spec.offset(paging);
    const matching = state.rows.map((row, index) => ({ row, index })).filter(({ row }) => state.filter === 'all' || filterKey(row) === state.filter);
    const shown = matching.slice(0, state.shown);
    const head = el('tr', {}, ...spec.columns.map(([name]) => el('th', { text: t(name) })));
    ui.table.tHead?.replaceChildren(head);
    const rows = shown.map(({ row, index }) => {
      const tr = el('tr', { 'data-status': labelOf(row) }, ...spec.columns.map(([, cell]) => cell(row, offset + index + 1)));
      return { row, tr };
    });
    body.replaceChildren(...rows.map((r) => r.tr));
    if (rows.length === 0) body.append(el('tr', {}, el('td', { colspan: spec.columns.length, class: 'muted', text: t('records.empty') })));
    more.replaceChildren();
    if (matching.length > shown.length) {
      const button = el('button', {
        type: 'button', class: 'secondary small', 'data-testid': 'records-more',
        text: t('records.more', { n: Math.min(SHOWN_STEP, matching.length - shown.length), shown: shown.length, total: matching.length }),
      });
      button.addEventListener('click', () => {
        state.shown += SHOWN_STEP;
        renderBody();
      });
      more.append(button);
    }
    announce({ kind, envelope: state.envelope, head, rows });
  }

  return {
    render,
    /** @param {(rendered: RenderedRows) => void} listener */
    onRows(listener) {
      listeners.push(listener);
    },
  };
}
