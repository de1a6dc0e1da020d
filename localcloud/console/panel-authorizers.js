// @ts-check
/**
 * The authorizer picker: for the functions that can act for another account, the accounts that
 * authorized the third-party platform (listAuthorizers, as a console test run). It offers only
 * the accounts that granted the permission set the function needs and are still authorized; the
 * others are named below it with the reason. "Default" says which appid it is (the function's
 * AUTHORIZER_APPID). Picking writes `authorizerAppid` into the event; "default" removes it.
 */
import { envelopeOf, errorOf, invokeFunction } from './api.js';
import { el, isObject } from './dom.js';
import { errorInline } from './error-text.js';
import { addStrings, colon, inParens, listOf, onLanguageChange, t } from './i18n.js';

/** @typedef {import('./types').ConsoleApp} ConsoleApp */
/** @typedef {import('./types').Problem} Problem */
/** @typedef {{ authorizerAppid: string, funcIds: number[] | null, revoked: boolean }} Authorizer */

addStrings({
  'authorizers.label': { en: 'Authorizer', zh: '授权方' },
  'authorizers.default': { en: 'Default (AUTHORIZER_APPID)', zh: '默认（AUTHORIZER_APPID）' },
  'authorizers.defaultUnset': { en: 'not set: the function\'s own account', zh: '未设置：云函数所属账号' },
  'authorizers.isDefault': { en: 'the default', zh: '默认账号' },
  'authorizers.refresh': { en: 'Refresh', zh: '刷新' },
  'authorizers.loading': { en: 'Loading the authorizers…', zh: '正在读取授权方…' },
  'authorizers.count': { en: '{n} account(s) authorized this platform (pushed to componentEvents); {offered} can act for {fn}.', zh: '共 {n} 个账号授权了本第三方平台（由 componentEvents 接收推送），其中 {offered} 个可用于 {fn}。' },
  'authorizers.failed': { en: 'Could not list the authorizers: {reason}', zh: '无法读取授权方：{reason}' },
  'authorizers.sets': { en: 'sets {sets}', zh: '权限集 {sets}' },
  'authorizers.unknownSets': { en: 'sets unknown', zh: '权限集未知' },
  'authorizers.notOffered': { en: 'Not offered for {fn}', zh: '不可用于 {fn}' },
  'authorizers.lacks': { en: 'lacks set {set} ({name})', zh: '缺少权限集 {set}（{name}）' },
  'authorizers.revoked': { en: 'revoked', zh: '已取消授权' },
  'authorizers.eventNames': { en: 'The event names {appid}, which is not offered for this function.', zh: '事件中的 {appid} 不可用于此云函数。' },
  'funcSet.18': { en: 'half-screen Mini Programs', zh: '半屏小程序' },
  'funcSet.40': { en: 'plugin management', zh: '插件管理' },
});

/**
 * The permission set each function needs of the account it acts for (docs/platform/third-party.md):
 * 18 half-screen Mini Programs (wxaembedded), 40 plugin management (devplugin).
 */
const NEEDED_SET = /** @type {Readonly<Record<string, number>>} */ ({
  getOwnList: 18,
  manageEmbedded: 18,
  getPluginDevApplyList: 40,
  setDevPluginApplyStatus: 40,
});

/** @type {import('./types').Panel} */
export const authorizerPanel = { id: 'authorizers', mount };

/** @param {ConsoleApp} app */
function mount(app) {
  const label = el('span', { class: 'label' });
  const refresh = el('button', { type: 'button', class: 'secondary small', 'data-testid': 'authorizer-refresh' });
  const list = el('div', { class: 'authorizer-list', role: 'radiogroup', 'data-testid': 'authorizer' });
  const others = el('p', { class: 'meta authorizer-others', 'data-testid': 'authorizer-others' });
  const note = el('p', { class: 'meta', 'data-testid': 'authorizer-note' });
  const field = el('div', { class: 'field', id: 'authorizer-field', hidden: true }, el('div', { class: 'authorizer-head' }, label, refresh), list, others, note);
  app.slots.request.append(field);

  /** @type {Authorizer[]} */
  let authorizers = [];
  /** @type {Problem | null} */
  let problem = null;
  /** @type {'idle' | 'loading' | 'loaded'} */
  let status = 'idle';

  function neededSet() {
    const fn = app.selectedFunction();
    return fn ? NEEDED_SET[fn.name] : undefined;
  }

  /** Why an account cannot act for the selected function, or null when it can. @param {Authorizer} a @param {number} set */
  function whyNot(a, set) {
    if (a.revoked) return t('authorizers.revoked');
    if (a.funcIds === null) return t('authorizers.unknownSets');
    if (!a.funcIds.includes(set)) return t('authorizers.lacks', { set, name: t(`funcSet.${set}`) });
    return null;
  }

  function render() {
    const fn = app.selectedFunction();
    const set = neededSet();
    field.hidden = !fn || set === undefined;
    if (!fn || set === undefined) return;
    label.textContent = t('authorizers.label');
    refresh.textContent = t('authorizers.refresh');
    const chosen = app.editorEvent()?.authorizerAppid;
    const defaultAppid = fn.defaultAuthorizerAppid;
    /** @param {string} value @param {string} title @param {string} detail */
    const option = (value, title, detail) => {
      const radio = el('input', { type: 'radio', name: 'authorizer', value, 'data-testid': 'authorizer-option' });
      radio.checked = value === '' ? chosen === undefined : chosen === value;
      radio.addEventListener('change', () => pick(value));
      return el('label', { class: 'authorizer-option', 'data-appid': value },
        radio, el('span', { class: 'authorizer-text' }, el('span', { class: value ? 'appid' : 'authorizer-default', text: title }), el('span', { class: 'muted', text: detail })));
    };
    const offered = authorizers.filter((a) => whyNot(a, set) === null);
    const notOffered = authorizers.filter((a) => whyNot(a, set) !== null);
    list.replaceChildren(
      option('', t('authorizers.default'), defaultAppid ?? t('authorizers.defaultUnset')),
      ...offered.map((a) => option(a.authorizerAppid, a.authorizerAppid, [
        a.funcIds ? t('authorizers.sets', { sets: listOf(a.funcIds) }) : t('authorizers.unknownSets'),
        a.authorizerAppid === defaultAppid ? t('authorizers.isDefault') : '',
      ].filter(Boolean).join(' · '))),
    );
    others.textContent = notOffered.length === 0 ? '' : `${t('authorizers.notOffered', { fn: fn.name })}${colon()}${listOf(notOffered.map((a) => `${a.authorizerAppid}${inParens(/** @type {string} */ (whyNot(a, set)))}`))}`;
    others.hidden = notOffered.length === 0;
    const stray = typeof chosen === 'string' && !offered.some((a) => a.authorizerAppid === chosen) && status === 'loaded' ? t('authorizers.eventNames', { appid: chosen }) : '';
    note.textContent = problem ? t(problem.key, problem.vars) : status !== 'loaded' ? t('authorizers.loading') : [t('authorizers.count', { n: authorizers.length, offered: offered.length, fn: fn.name }), stray].filter(Boolean).join(' ');
  }

  /** @param {string} appid */
  function pick(appid) {
    const event = app.editorEvent();
    if (!event) return;
    if (appid) event.authorizerAppid = appid;
    else delete event.authorizerAppid;
    app.setEvent(event);
  }

  async function load() {
    status = 'loading';
    problem = null;
    render();
    const answer = await invokeFunction('listAuthorizers', {}, { kind: 'console' });
    const envelope = answer.ok ? envelopeOf(answer.data) : null;
    const error = errorOf(envelope);
    if (!answer.ok) problem = { key: 'authorizers.failed', vars: { reason: t(answer.problem.key, answer.problem.vars) } };
    else if (!envelope || error) problem = { key: 'authorizers.failed', vars: { reason: error ? errorInline(error) : answer.data.outcome } };
    authorizers = !problem && envelope && Array.isArray(envelope.authorizers) ? envelope.authorizers.filter(isObject).map(toAuthorizer) : [];
    status = 'loaded';
    render();
    field.dataset.loaded = 'true';
  }

  refresh.addEventListener('click', () => void load());
  app.onFunctionChange(() => {
    render();
    if (!field.hidden && status === 'idle') void load();
  });
  app.onEventChange(render);
  onLanguageChange(render);
}

/** @param {Record<string, unknown>} a @returns {Authorizer} */
function toAuthorizer(a) {
  return {
    authorizerAppid: String(a.authorizerAppid),
    funcIds: Array.isArray(a.funcIds) ? a.funcIds.filter((id) => typeof id === 'number') : null,
    revoked: a.revoked === true,
  };
}
