// @ts-check
/**
 * Acting on the listed rows: Approve / Refuse (with a reason) / Delete plugin applicants
 * (setDevPluginApplyStatus), Revoke half-screen authorizations and switch the authorization mode
 * (manageEmbedded), on one row or on a selection. A bulk action is offered for, sent for and
 * counted by only the selected rows it applies to (approving a row that is not pending would only
 * fail with 89240). Every action is confirmed first, naming how many accounts will change; a dry
 * run sends nothing and shows what would be sent. The per-appid outcomes are shown, then the list
 * is run again. Acts for the same account the list was run for (its authorizerAppid).
 */
import { envelopeOf, errorBody, errorOf, invokeFunction } from './api.js';
import { el, isObject } from './dom.js';
import { errorInline } from './error-text.js';
import { addStrings, colon, inParens, known, onLanguageChange, t } from './i18n.js';
import { labelOf } from './records.js';

/** @typedef {import('./types').ConsoleApp} ConsoleApp */
/** @typedef {import('./types').Envelope} Envelope */
/** @typedef {import('./types').ListKind} ListKind */
/** @typedef {import('./types').Problem} Problem */
/** @typedef {import('./types').Row} Row */
/** @typedef {'dev_agree' | 'dev_refuse' | 'dev_delete' | 'del_authorize'} Action */

addStrings({
  'actions.selected': { en: '{n} selected', zh: '已选 {n} 个' },
  'actions.approve': { en: 'Approve', zh: '通过' },
  'actions.refuse': { en: 'Refuse', zh: '拒绝' },
  'actions.delete': { en: 'Delete', zh: '删除' },
  'actions.revoke': { en: 'Revoke', zh: '取消授权' },
  'actions.approveSelected': { en: 'Approve selected', zh: '通过所选' },
  'actions.refuseSelected': { en: 'Refuse selected', zh: '拒绝所选' },
  'actions.deleteSelected': { en: 'Delete selected', zh: '删除所选' },
  'actions.revokeSelected': { en: 'Revoke selected', zh: '取消所选授权' },
  'actions.appliesTo': { en: '{n} of the {selected} selected can be sent this action; only they are', zh: '所选 {selected} 个中有 {n} 个可以执行此操作，只发送这些' },
  'actions.reason': { en: 'Refusal reason', zh: '拒绝理由' },
  'actions.reasonNeeded': { en: 'Enter a refusal reason first.', zh: '请先填写拒绝理由。' },
  'actions.selectAll': { en: 'Select every row that can be acted on', zh: '选择所有可操作的行' },
  'actions.notActionable': { en: 'Not a real appid: cannot be acted on', zh: '不是有效的 appid，无法操作' },
  'actions.mode': { en: 'Authorization mode', zh: '授权方式' },
  'actions.mode.0': { en: 'Admin confirms (0)', zh: '需管理员确认（0）' },
  'actions.mode.1': { en: 'Approve automatically (1)', zh: '自动通过（1）' },
  'actions.mode.2': { en: 'Reject automatically (2)', zh: '自动拒绝（2）' },
  'actions.setMode': { en: 'Set mode', zh: '设置' },
  'actions.dryRun': { en: 'Dry run (send nothing)', zh: '试运行（不发送）' },
  'actions.dryRunTitle': { en: 'The function checks the request and says what it would send; nothing reaches WeChat', zh: '云函数检查请求并说明将发送什么，不会发送到微信' },
  'actions.confirm.title': { en: 'Confirm', zh: '确认' },
  'actions.confirm.accounts': { en: '{action}: {n} account(s) will change.', zh: '{action}：将改变 {n} 个账号。' },
  'actions.confirm.skipped': { en: '{n} other selected row(s) are left out: the action does not apply to their status.', zh: '另有 {n} 个所选行不发送：此操作不适用于它们的状态。' },
  'actions.confirm.capped': { en: 'One call takes at most {max} accounts: the first {max} are sent.', zh: '一次调用最多 {max} 个账号：只发送前 {max} 个。' },
  'actions.confirm.dryRun': { en: 'Dry run: nothing is sent; the function says what it would send.', zh: '试运行：不发送任何请求，云函数说明将发送什么。' },
  'actions.confirm.mode': { en: 'Set the authorization mode to "{mode}"? Every later request is decided by it.', zh: '将授权方式设为“{mode}”？之后的每个申请都按此处理。' },
  'actions.confirm.ok': { en: 'Confirm', zh: '确认' },
  'actions.confirm.cancel': { en: 'Cancel', zh: '取消' },
  'actions.running': { en: 'Sending…', zh: '发送中…' },
  'actions.outcomes': { en: 'Outcomes of {action}', zh: '{action}的结果' },
  'actions.dryOutcomes': { en: 'Dry run of {action}', zh: '{action}的试运行' },
  'actions.wouldSend': { en: 'Nothing was sent. It would send {n} request(s):', zh: '未发送任何请求。将发送 {n} 个请求：' },
  'actions.summary': { en: '{changed} changed · {unchanged} unchanged · {failed} failed · {not_attempted} not attempted', zh: '已改变 {changed} · 未变 {unchanged} · 失败 {failed} · 未尝试 {not_attempted}' },
  'actions.outcome.changed': { en: 'changed', zh: '已改变' },
  'actions.outcome.unchanged': { en: 'unchanged', zh: '未变' },
  'actions.outcome.failed': { en: 'failed', zh: '失败' },
  'actions.outcome.not_attempted': { en: 'not attempted', zh: '未尝试' },
  'actions.resolution.applied': { en: 'it had been applied', zh: '其实已生效' },
  'actions.resolution.resent': { en: 'sent once more', zh: '已重发一次' },
  'actions.resolution.not_applied': { en: 'not applied, and no longer can be', zh: '未生效，且已无法生效' },
  'actions.resolution.unknown': { en: 'unknown: not resent', zh: '未知，未重发' },
  'actions.flagOutcome': { en: 'mode {flag}', zh: '授权方式 {flag}' },
  'actions.answerLost': { en: 'answer lost: {resolution}', zh: '应答丢失：{resolution}' },
  'actions.failed': { en: 'The call failed: {message}', zh: '调用失败：{message}' },
  'actions.audit.no': { en: 'The audit record was not written: {message}', zh: '审计记录未写入：{message}' },
});

const APPID = /^wx[0-9a-f]{16}$/;
/** One call acts on at most this many accounts (shared/schemas/writeEvents.ts, MAX_BULK_APPIDS). */
const MAX_BULK = 100;
/** Which actions a row of each list takes, by its status label. */
const ROW_ACTIONS = /** @type {Readonly<Record<ListKind, Readonly<Record<string, readonly Action[]>>>>} */ ({
  applicants: { pending: ['dev_agree', 'dev_refuse'], rejected: ['dev_delete'], expired: ['dev_delete'] },
  authorizations: { approved: ['del_authorize'] },
});
const BULK = /** @type {Readonly<Record<ListKind, readonly Action[]>>} */ ({ applicants: ['dev_agree', 'dev_refuse', 'dev_delete'], authorizations: ['del_authorize'] });
const ACTION = /** @type {const} */ ({
  dev_agree: { fn: 'setDevPluginApplyStatus', label: 'actions.approve', bulk: 'actions.approveSelected' },
  dev_refuse: { fn: 'setDevPluginApplyStatus', label: 'actions.refuse', bulk: 'actions.refuseSelected' },
  dev_delete: { fn: 'setDevPluginApplyStatus', label: 'actions.delete', bulk: 'actions.deleteSelected' },
  del_authorize: { fn: 'manageEmbedded', label: 'actions.revoke', bulk: 'actions.revokeSelected' },
});
/** This panel's name for the runs it starts (the list again, after an action). */
const ID = 'actions';

/** @type {import('./types').Panel} */
export const actionsPanel = { id: ID, mount };

/** @param {ConsoleApp} app */
function mount(app) {
  const bar = el('div', { class: 'actions-bar', 'data-testid': 'actions-bar' });
  const box = el('div', { class: 'actions-outcomes', 'data-testid': 'actions-outcomes', hidden: true });
  app.slots.records.append(bar, box);
  // Kept across re-renders of the bar: what the person typed or ticked stays.
  const reason = el('input', { type: 'text', maxlength: 200, 'data-testid': 'refuse-reason' });
  const dryRun = el('input', { type: 'checkbox', 'data-testid': 'dry-run' });
  const dryRunLabel = el('label', { class: 'dry-run' }, dryRun, el('span'));
  const dialog = el('dialog', { class: 'actions-confirm', 'data-testid': 'actions-confirm' });
  document.body.append(dialog);

  /** @type {{ kind: ListKind | null, envelope: Envelope | null, rows: Row[], selected: Map<string, Row>, runs: number, last: null | { label: string, envelope: Envelope | null, problem: Problem | null, dry: boolean } }} */
  const state = { kind: null, envelope: null, rows: [], selected: new Map(), runs: 0, last: null };

  /** @param {Row} row @returns {readonly Action[]} */
  function actionsFor(row) {
    if (!state.kind || !APPID.test(String(row.appid))) return [];
    return ROW_ACTIONS[state.kind][labelOf(row)] ?? [];
  }

  /** The selected rows an action applies to. @param {Action} action */
  const applicable = (action) => [...state.selected.values()].filter((row) => actionsFor(row).includes(action));

  // ---- the rows --------------------------------------------------------------------------------

  app.onRows((rendered) => {
    state.kind = rendered.kind;
    state.envelope = rendered.envelope;
    state.rows = rendered.rows.map((r) => r.row);
    // The selection is of rows on show, with their status as it is now (after an action, a re-run).
    const selected = new Map();
    for (const { row } of rendered.rows) if (state.selected.has(String(row.appid)) && actionsFor(row).length > 0) selected.set(String(row.appid), row);
    state.selected = selected;
    if (rendered.kind && rendered.head && rendered.rows.length > 0) decorate(rendered.head, rendered.rows);
    renderBar();
  });

  /** @param {HTMLTableRowElement} head @param {Array<{ row: Row, tr: HTMLTableRowElement }>} rows */
  function decorate(head, rows) {
    const boxes = /** @type {HTMLInputElement[]} */ ([]);
    const all = el('input', { type: 'checkbox', 'data-testid': 'select-all', title: t('actions.selectAll'), 'aria-label': t('actions.selectAll') });
    const syncAll = () => {
      const live = boxes.filter((b) => !b.disabled);
      all.checked = live.length > 0 && live.every((b) => b.checked);
    };
    all.addEventListener('change', () => {
      for (const { row } of rows) if (actionsFor(row).length > 0) toggle(row, all.checked);
      for (const b of boxes) if (!b.disabled) b.checked = all.checked;
      renderBar();
    });
    head.prepend(el('th', { class: 'select' }, all));
    head.append(el('th', { text: '' }));
    for (const { row, tr } of rows) {
      const actions = actionsFor(row);
      const appid = String(row.appid);
      const box = el('input', { type: 'checkbox', 'data-appid': appid, 'data-testid': 'select-row', 'aria-label': appid, disabled: actions.length === 0, title: APPID.test(appid) ? '' : t('actions.notActionable') });
      box.checked = state.selected.has(appid);
      box.addEventListener('change', () => {
        toggle(row, box.checked);
        syncAll();
        renderBar();
      });
      boxes.push(box);
      tr.prepend(el('td', { class: 'select' }, box));
      tr.dataset.appid = appid;
      tr.append(el('td', { class: 'row-actions' }, ...actions.map((action) => {
        const button = el('button', { type: 'button', class: 'small', 'data-action': action, text: t(ACTION[action].label) });
        button.addEventListener('click', () => void perform(action, [appid], 0));
        return button;
      })));
    }
    syncAll();
  }

  /** @param {Row} row @param {boolean} on */
  function toggle(row, on) {
    if (on) state.selected.set(String(row.appid), row);
    else state.selected.delete(String(row.appid));
  }

  // ---- the bar ---------------------------------------------------------------------------------

  function renderBar() {
    const kind = state.kind;
    if (!kind) {
      bar.replaceChildren();
      return;
    }
    const parts = /** @type {HTMLElement[]} */ ([el('span', { class: 'selected-count', 'data-testid': 'selected-count', text: t('actions.selected', { n: state.selected.size }) })]);
    for (const action of BULK[kind]) {
      const rows = applicable(action);
      const button = el('button', {
        type: 'button', 'data-bulk': action, 'data-testid': `bulk-${action}`, 'data-count': rows.length, disabled: rows.length === 0,
        title: t('actions.appliesTo', { n: rows.length, selected: state.selected.size }), text: `${t(ACTION[action].bulk)}${inParens(rows.length)}`,
      });
      button.addEventListener('click', () => void perform(action, rows.map((r) => String(r.appid)), state.selected.size - rows.length));
      parts.push(button);
    }
    if (kind === 'applicants') {
      reason.placeholder = t('actions.reason');
      reason.setAttribute('aria-label', t('actions.reason'));
      parts.push(reason);
    }
    if (kind === 'authorizations') {
      const current = state.envelope && typeof state.envelope.embeddedFlag === 'number' ? state.envelope.embeddedFlag : undefined;
      const select = el('select', { id: 'actions-mode', 'data-testid': 'mode-select', 'aria-label': t('actions.mode') },
        ...[0, 1, 2].map((flag) => el('option', { value: flag, selected: flag === current, text: t(`actions.mode.${flag}`) })));
      const apply = el('button', { type: 'button', 'data-testid': 'mode-apply', text: t('actions.setMode') });
      apply.addEventListener('click', () => void setMode(Number(select.value)));
      parts.push(el('span', { class: 'mode' }, el('label', { for: 'actions-mode', text: `${t('actions.mode')}${colon()}` }), select, apply));
    }
    /** @type {HTMLElement} */ (dryRunLabel.lastElementChild).textContent = t('actions.dryRun');
    dryRunLabel.title = t('actions.dryRunTitle');
    parts.push(dryRunLabel);
    bar.replaceChildren(...parts);
  }

  // ---- acting ----------------------------------------------------------------------------------

  /** @param {string[]} lines @returns {Promise<boolean>} */
  function confirmWith(lines) {
    const ok = el('button', { type: 'button', class: 'primary', 'data-testid': 'actions-confirm-ok', id: 'actions-confirm-ok', text: t('actions.confirm.ok') });
    const cancel = el('button', { type: 'button', class: 'secondary', 'data-testid': 'actions-confirm-cancel', id: 'actions-confirm-cancel', text: t('actions.confirm.cancel') });
    dialog.replaceChildren(
      el('h3', { text: t('actions.confirm.title') }),
      el('div', { 'data-testid': 'actions-confirm-text' }, ...lines.map((line) => el('p', { text: line }))),
      el('div', { class: 'actions-confirm-buttons' }, cancel, ok),
    );
    return new Promise((resolve) => {
      /** @param {boolean} answer */
      const done = (answer) => {
        dialog.oncancel = null;
        dialog.close();
        resolve(answer);
      };
      ok.addEventListener('click', () => done(true), { once: true });
      cancel.addEventListener('click', () => done(false), { once: true });
      dialog.oncancel = () => done(false);
      dialog.showModal();
    });
  }

  /** The account the list was run for, so the action acts for the same one. */
  function authorizerOfList() {
    const event = app.current()?.event;
    return isObject(event) && typeof event.authorizerAppid === 'string' ? { authorizerAppid: event.authorizerAppid } : {};
  }

  /**
   * @param {Action} action
   * @param {string[]} appids  the rows it applies to
   * @param {number} skipped  selected rows it does not apply to (left out)
   */
  async function perform(action, appids, skipped) {
    if (appids.length === 0) return;
    const label = t(ACTION[action].label);
    const sending = appids.slice(0, MAX_BULK);
    const dry = dryRun.checked;
    /** @type {Record<string, unknown>} */
    const event = { action, ...(sending.length === 1 ? { appid: sending[0] } : { appids: sending }), ...authorizerOfList(), ...(dry ? { dryRun: true } : {}) };
    if (action === 'dev_refuse') {
      const text = reason.value.trim();
      if (!text) {
        showOutcomes({ label, envelope: null, problem: { key: 'actions.reasonNeeded' }, dry });
        return;
      }
      event.reason = text;
    }
    const lines = [t('actions.confirm.accounts', { action: label, n: sending.length })];
    if (skipped > 0) lines.push(t('actions.confirm.skipped', { n: skipped }));
    if (appids.length > MAX_BULK) lines.push(t('actions.confirm.capped', { max: MAX_BULK }));
    if (dry) lines.push(t('actions.confirm.dryRun'));
    if (!(await confirmWith(lines))) return;
    await send(ACTION[action].fn, event, label, dry);
  }

  /** @param {number} flag */
  async function setMode(flag) {
    const dry = dryRun.checked;
    const lines = [t('actions.confirm.mode', { mode: t(`actions.mode.${flag}`) })];
    if (dry) lines.push(t('actions.confirm.dryRun'));
    if (!(await confirmWith(lines))) return;
    await send('manageEmbedded', { action: 'set_authorize', flag, ...authorizerOfList(), ...(dry ? { dryRun: true } : {}) }, t('actions.setMode'), dry);
  }

  /** @param {string} fn @param {Record<string, unknown>} event @param {string} label @param {boolean} dry */
  async function send(fn, event, label, dry) {
    box.hidden = false;
    box.replaceChildren(el('p', { class: 'muted', text: t('actions.running') }));
    const answer = await invokeFunction(fn, event, app.caller());
    /** @type {Envelope | null} */
    let envelope = null;
    /** @type {Problem | null} */
    let problem = null;
    if (!answer.ok) problem = answer.problem;
    else {
      envelope = envelopeOf(answer.data);
      if (!envelope) problem = { key: 'actions.failed', vars: { message: `${answer.data.outcome}: ${JSON.stringify(answer.data.result).slice(0, 200)}` } };
    }
    showOutcomes({ label, envelope, problem, dry });
    if (!dry) {
      state.selected.clear();
      // The list, as it is now.
      await app.run(ID);
    }
    state.runs += 1;
    document.body.dataset.actions = String(state.runs);
  }

  /** @param {{ label: string, envelope: Envelope | null, problem: Problem | null, dry: boolean }} last */
  function showOutcomes(last) {
    state.last = last;
    const { label, envelope, problem, dry } = last;
    box.hidden = false;
    const parts = /** @type {HTMLElement[]} */ ([el('h4', { text: t(dry ? 'actions.dryOutcomes' : 'actions.outcomes', { action: label }) })]);
    if (problem) parts.push(el('p', { class: 'bad', text: t(problem.key, problem.vars) }));
    const error = errorOf(envelope);
    if (error) parts.push(el('p', { class: 'bad', 'data-testid': 'actions-error', text: t('actions.failed', { message: errorInline(error) }) }));
    if (envelope && !error && Array.isArray(envelope.wouldSend)) {
      const wouldSend = envelope.wouldSend.filter(isObject);
      parts.push(el('p', { 'data-testid': 'actions-summary', text: t('actions.wouldSend', { n: wouldSend.length }) }));
      parts.push(el('ul', { class: 'outcome-list', 'data-testid': 'would-send' }, ...wouldSend.map((w) => {
        const body = isObject(w.body) ? w.body : {};
        return el('li', { 'data-appid': typeof body.appid === 'string' ? body.appid : '' },
          el('span', { class: 'mono', text: typeof body.appid === 'string' ? body.appid : t('actions.flagOutcome', { flag: String(body.flag ?? '') }) }),
          el('span', { class: 'mono muted', text: `${String(w.https ?? w.cloudApi ?? '')} ${JSON.stringify(body)}` }));
      })));
    }
    if (envelope && !error && isObject(envelope.summary)) {
      const summary = envelope.summary;
      parts.push(el('p', { 'data-testid': 'actions-summary', text: t('actions.summary', { changed: String(summary.changed ?? 0), unchanged: String(summary.unchanged ?? 0), failed: String(summary.failed ?? 0), not_attempted: String(summary.not_attempted ?? 0) }) }));
      const outcomes = Array.isArray(envelope.outcomes) ? envelope.outcomes.filter(isObject) : [];
      parts.push(el('ul', { class: 'outcome-list', 'data-testid': 'outcome-list' }, ...outcomes.map((o) => {
        const lost = isObject(o.answerLost) ? o.answerLost : null;
        const failure = errorBody(o.error);
        return el('li', { 'data-outcome': String(o.outcome), 'data-appid': typeof o.appid === 'string' ? o.appid : '' },
          el('span', { class: 'mono', text: typeof o.appid === 'string' ? o.appid : t('actions.flagOutcome', { flag: String(o.flag ?? '') }) }),
          el('span', { class: `outcome ${String(o.outcome)}`, text: known('actions.outcome', o.outcome) }),
          lost ? el('span', { class: 'muted', text: t('actions.answerLost', { resolution: known('actions.resolution', lost.resolution) }) }) : null,
          failure ? el('span', { class: 'outcome-error', 'data-testid': 'outcome-error', text: errorInline(failure) }) : null);
      })));
    }
    const audit = envelope && isObject(envelope.audit) ? envelope.audit : null;
    if (audit && audit.recorded === false) {
      const auditFailure = errorBody(audit.error);
      const auditError = auditFailure ? errorInline(auditFailure) : '';
      parts.push(el('p', { class: 'bad', text: t('actions.audit.no', { message: auditError }) }));
    }
    box.replaceChildren(...parts);
  }

  // A run the person started (Run, another function, Next page) replaces the last outcomes: they
  // belonged to the list before it.
  app.onRunStart((cause) => {
    if (cause === ID) return;
    state.last = null;
    box.hidden = true;
    box.replaceChildren();
  });

  onLanguageChange(() => {
    renderBar();
    if (state.last) showOutcomes(state.last);
  });
}
