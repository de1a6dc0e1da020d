// @ts-check
/**
 * The third-party platform panel (componentAdmin): how old the last component_verify_ticket is,
 * whether the component token is cached, the accounts held, the last reconcile; and the three
 * actions: create an authorization link (then follow it to the emulated consent page, which
 * sends the browser back to componentEvents' redirect page), reconcile with WeChat's authorizer
 * list, restart the ticket pushes. Every call is invokeFunction('componentAdmin', …) as the admin,
 * exactly as the form would send it; GET /api/component (localcloud/componentView.ts) says where
 * the emulator plays WeChat's authorization pages and which path the redirect page is on.
 */
import { envelopeOf, errorOf, invokeFunction, requestJson } from './api.js';
import { beijingTime, el, isObject } from './dom.js';
import { errorInline } from './error-text.js';
import { addStrings, colon, onLanguageChange, t } from './i18n.js';

/** @typedef {import('./types').ConsoleApp} ConsoleApp */
/** @typedef {import('./types').Envelope} Envelope */
/** @typedef {import('./types').Problem} Problem */
/** @typedef {Record<string, any>} Doc  componentAdmin's answers, read field by field */

addStrings({
  'component.title': { en: 'Third-party platform (componentAdmin)', zh: '第三方平台（componentAdmin）' },
  'component.refresh': { en: 'Refresh', zh: '刷新' },
  'component.working': { en: 'Working…', zh: '处理中…' },
  'component.failed': { en: 'componentAdmin failed: {msg}', zh: 'componentAdmin 失败：{msg}' },
  'component.ticket.none': { en: 'No component_verify_ticket received yet.', zh: '尚未收到 component_verify_ticket。' },
  'component.ticket.age': { en: 'Last ticket pushed {age} ago ({when}).', zh: '最近一次票据推送于 {age}前（{when}）。' },
  'component.ticket.stale': { en: 'stale: pushes stopped?', zh: '已过期：推送中断？' },
  'component.token.cached': { en: 'Component token cached until {when}.', zh: '第三方平台令牌已缓存，至 {when}。' },
  'component.token.none': { en: 'No component token cached.', zh: '未缓存第三方平台令牌。' },
  'component.accounts': { en: 'Accounts: {active} authorized, {revoked} revoked, {marked} marked for reconcile.', zh: '账号：已授权 {active}，已取消 {revoked}，待核对 {marked}。' },
  'component.reconcile.never': { en: 'No reconcile has run yet.', zh: '尚未核对过授权方。' },
  'component.reconcile.last': { en: 'Last reconcile {when}: {state} — added {added}, repaired {repaired}, revoked {revoked}, unchanged {unchanged}.', zh: '上次核对 {when}：{state} —— 新增 {added}，修复 {repaired}，取消 {revoked}，未变 {unchanged}。' },
  'component.reconcile.complete': { en: 'complete', zh: '完成' },
  'component.reconcile.incomplete': { en: 'not finished ({reason}): the next call goes on', zh: '未完成（{reason}）：下次继续' },
  'component.link.title': { en: 'Authorization link', zh: '授权链接' },
  'component.link.authType': { en: 'Accounts offered', zh: '可授权的账号类型' },
  'component.link.type1': { en: '1 · official accounts', zh: '1 · 公众号' },
  'component.link.type2': { en: '2 · Mini Programs', zh: '2 · 小程序' },
  'component.link.type3': { en: '3 · both', zh: '3 · 两者' },
  'component.link.biz': { en: 'Only this account (biz_appid, optional)', zh: '仅此账号（biz_appid，可选）' },
  'component.link.create': { en: 'Create link', zh: '生成链接' },
  'component.link.pc': { en: 'PC link', zh: 'PC 端链接' },
  'component.link.mobile': { en: 'Mobile link', zh: '移动端链接' },
  'component.link.expires': { en: 'The pre-auth code expires at {when}.', zh: '预授权码于 {when} 过期。' },
  'component.link.follow': { en: 'Open the emulated authorization page', zh: '打开模拟的授权页面' },
  'component.link.followHelp': { en: 'Opens in a new tab: pick an account, and the browser comes back to componentEvents\' redirect page.', zh: '在新标签页打开：选择一个账号后，浏览器会回到 componentEvents 的授权回调页面。' },
  'component.link.domain': { en: 'Deployed, the link must be opened from a page on the platform\'s 授权发起页域名, and the redirect must be on it too.', zh: '部署后，链接必须从第三方平台「授权发起页域名」下的网页打开，回调地址也须在该域名下。' },
  'component.reconcile': { en: 'Reconcile', zh: '核对授权方' },
  'component.reconcileHelp': { en: 'Pull WeChat\'s authorizer list: add accounts whose push was lost, repair refresh tokens, revoke what it no longer lists', zh: '拉取微信的授权方列表：补回推送丢失的账号、修复刷新令牌、取消已不在列表中的账号' },
  'component.restart': { en: 'Restart ticket push', zh: '重启票据推送' },
  'component.restartHelp': { en: 'api_start_push_ticket: WeChat pushes the ticket again', zh: 'api_start_push_ticket：让微信重新推送票据' },
  'component.result.reconcile': { en: 'Reconcile: {state}; added {added}, repaired {repaired}, revoked {revoked}, unchanged {unchanged}; details read for {info}.', zh: '核对：{state}；新增 {added}，修复 {repaired}，取消 {revoked}，未变 {unchanged}；读取账号详情 {info} 个。' },
  'component.result.restart': { en: 'Asked WeChat to push the ticket again; the age above changes when it arrives.', zh: '已请求微信重新推送票据；收到后上方的时间会更新。' },
  'component.unit.s': { en: '{n} s', zh: '{n} 秒' },
  'component.unit.min': { en: '{n} min', zh: '{n} 分钟' },
  'component.unit.h': { en: '{n} h', zh: '{n} 小时' },
});

/** The ticket's age moves: the panel looks again now and then (the page may stay open for a while). */
const POLL_MS = 30_000;

/** @type {import('./types').Panel} */
export const componentPanel = { id: 'component', mount };

/** Beijing time, as the rest of the page; '—' for none. @param {unknown} ms */
const when = (ms) => (typeof ms === 'number' && ms > 0 ? beijingTime(ms) : '—');

/** @param {number} seconds */
const age = (seconds) => (seconds < 120 ? t('component.unit.s', { n: seconds }) : seconds < 7200 ? t('component.unit.min', { n: Math.floor(seconds / 60) }) : t('component.unit.h', { n: Math.floor(seconds / 3600) }));

/** A reconcile's counts as the strings fill them. @param {unknown} counts */
function countsOf(counts) {
  const c = isObject(counts) ? counts : {};
  /** @param {string} key */
  const n = (key) => (typeof c[key] === 'number' ? /** @type {number} */ (c[key]) : 0);
  return { added: n('added'), repaired: n('repaired'), revoked: n('revoked'), unchanged: n('unchanged') };
}

/** @param {Doc} result  a reconcile's result, or the last one status keeps */
function stateOf(result) {
  return result.complete ? t('component.reconcile.complete') : t('component.reconcile.incomplete', { reason: String(result.reason ?? '') });
}

/** @param {ConsoleApp} app */
function mount(app) {
  /** @type {Doc | null} */
  let status = null;
  /** @type {Doc | null} */
  let link = null;
  let note = '';
  /** @type {Problem | null} */
  let problem = null;
  let busy = false;
  let view = { consentOrigin: '', eventPath: '/componentEvents' };

  const title = el('h2');
  const refreshButton = el('button', { type: 'button', class: 'secondary small', 'data-testid': 'component-refresh' });
  const body = el('div', { class: 'component-body' });
  const card = el('section', { class: 'card component-panel', 'data-testid': 'component-panel' }, el('div', { class: 'records-head' }, title, refreshButton), body);
  app.slots.column.append(card);

  const authType = el('select', { 'data-testid': 'component-auth-type' });
  const bizAppid = el('input', { 'data-testid': 'component-biz-appid', autocomplete: 'off', spellcheck: 'false', placeholder: 'wx…' });
  const createButton = el('button', { type: 'button', 'data-testid': 'component-create-link' });
  const reconcileButton = el('button', { type: 'button', class: 'secondary', 'data-testid': 'component-reconcile' });
  const restartButton = el('button', { type: 'button', class: 'secondary', 'data-testid': 'component-restart' });

  /**
   * componentAdmin as the admin: its envelope, or null with `problem` set to what went wrong
   * (the request, or the function's error worded as everywhere on the page).
   * @param {Record<string, unknown>} event
   * @returns {Promise<Doc | null>}
   */
  async function invoke(event) {
    const answer = await invokeFunction('componentAdmin', event, { kind: 'admin' });
    if (!answer.ok) {
      problem = { key: 'component.failed', vars: { msg: t(answer.problem.key, answer.problem.vars) } };
      return null;
    }
    const envelope = envelopeOf(answer.data);
    const error = errorOf(envelope);
    if (!envelope || error) {
      problem = { key: 'component.failed', vars: { msg: error ? errorInline(error) : answer.data.outcome } };
      return null;
    }
    return envelope;
  }

  /** Runs one action; the panel shows its answer, then the status again. @param {() => Promise<void>} work */
  async function act(work) {
    busy = true;
    problem = null;
    render();
    await work();
    busy = false;
    await refresh();
  }

  /** The link with WeChat's host swapped for the emulator playing it at the same path. @param {string} url */
  function emulated(url) {
    const target = new URL(url.replace('#wechat_redirect', ''));
    return `${view.consentOrigin}${target.pathname}${target.search}`;
  }

  /** @returns {HTMLElement[]} */
  function statusLines() {
    if (!status) return [];
    const ticket = isObject(status.ticket) ? status.ticket : {};
    const ticketLine = el('p', { class: 'meta', 'data-testid': 'component-ticket', 'data-stale': ticket.stale ? 'true' : 'false' },
      ticket.receivedAt ? t('component.ticket.age', { age: age(Number(ticket.ageSeconds) || 0), when: when(ticket.receivedAt) }) : t('component.ticket.none'));
    if (ticket.stale) ticketLine.append(' ', el('span', { class: 'badge fail', text: t('component.ticket.stale') }));
    const token = isObject(status.componentToken) ? status.componentToken : {};
    const accounts = countsOfAccounts(status.authorizers);
    const last = isObject(status.lastReconcile) ? status.lastReconcile : null;
    return [
      ticketLine,
      el('p', { class: 'meta', text: token.cached ? t('component.token.cached', { when: when(token.expiresAt) }) : t('component.token.none') }),
      el('p', { class: 'meta', 'data-testid': 'component-accounts', text: t('component.accounts', accounts) }),
      el('p', { class: 'meta', 'data-testid': 'component-last-reconcile', text: last ? t('component.reconcile.last', { when: when(last.at), state: stateOf(last), ...countsOf(last.counts) }) : t('component.reconcile.never') }),
    ];
  }

  /** @param {unknown} value */
  function countsOfAccounts(value) {
    const a = isObject(value) ? value : {};
    return { active: Number(a.active) || 0, revoked: Number(a.revoked) || 0, marked: Number(a.marked) || 0 };
  }

  function linkBlock() {
    if (!link || typeof link.pcUrl !== 'string') return null;
    const follow = el('a', { href: emulated(link.pcUrl), target: '_blank', rel: 'noopener noreferrer', class: 'component-follow', 'data-testid': 'component-follow', text: t('component.link.follow') });
    return el('div', { class: 'component-link', 'data-testid': 'component-link' },
      el('p', { class: 'meta', text: t('component.link.expires', { when: when(link.expiresAt) }) }),
      el('div', { class: 'component-url' }, el('strong', { text: `${t('component.link.pc')}${colon()}` }), el('code', { 'data-testid': 'component-pc-url', text: link.pcUrl })),
      el('div', { class: 'component-url' }, el('strong', { text: `${t('component.link.mobile')}${colon()}` }), el('code', { text: String(link.mobileUrl ?? '') })),
      el('p', {}, follow, ' ', el('span', { class: 'muted', text: t('component.link.followHelp') })),
      el('p', { class: 'muted', text: t('component.link.domain') }));
  }

  function render() {
    title.textContent = t('component.title');
    refreshButton.textContent = t('component.refresh');
    const selected = authType.value || '2';
    authType.replaceChildren(...['1', '2', '3'].map((value) => el('option', { value, text: t(`component.link.type${value}`) })));
    authType.value = selected;
    createButton.textContent = busy ? t('component.working') : t('component.link.create');
    reconcileButton.textContent = t('component.reconcile');
    reconcileButton.title = t('component.reconcileHelp');
    restartButton.textContent = t('component.restart');
    restartButton.title = t('component.restartHelp');
    for (const button of [createButton, reconcileButton, restartButton, refreshButton]) button.disabled = busy;
    body.replaceChildren();
    if (problem) body.append(el('p', { class: 'banner error', 'data-testid': 'component-error', text: t(problem.key, problem.vars) }));
    body.append(...statusLines());
    if (note) body.append(el('p', { class: 'banner ok', 'data-testid': 'component-note', text: note }));
    body.append(el('div', { class: 'actions' }, reconcileButton, restartButton));
    body.append(el('h3', { text: t('component.link.title') }));
    body.append(el('div', { class: 'component-form' },
      el('label', { class: 'field' }, el('span', { class: 'label small', text: t('component.link.authType') }), authType),
      el('label', { class: 'field' }, el('span', { class: 'label small', text: t('component.link.biz') }), bizAppid),
      el('div', { class: 'actions' }, createButton)));
    const block = linkBlock();
    if (block) body.append(block);
  }

  async function refresh() {
    const read = await invoke({ action: 'status' });
    if (read) status = read;
    render();
  }

  createButton.addEventListener('click', () => act(async () => {
    /** @type {Record<string, unknown>} */
    const event = { action: 'create_link', redirectUri: `${window.location.origin}${view.eventPath || '/componentEvents'}`, authType: Number(authType.value || 2) };
    if (bizAppid.value.trim()) event.bizAppid = bizAppid.value.trim();
    note = '';
    const created = await invoke(event);
    if (created) link = created;
  }));
  reconcileButton.addEventListener('click', () => act(async () => {
    const result = await invoke({ action: 'reconcile' });
    if (result) note = t('component.result.reconcile', { state: stateOf(result), ...countsOf(result.counts), info: isObject(result.info) ? Number(result.info.fetched) || 0 : 0 });
  }));
  restartButton.addEventListener('click', () => act(async () => {
    if (await invoke({ action: 'restart_ticket_push' })) note = t('component.result.restart');
  }));
  refreshButton.addEventListener('click', () => act(async () => undefined));

  async function start() {
    const answer = await requestJson('GET', '/api/component');
    // Without it the defaults stand: the redirect on /componentEvents, the link as WeChat's.
    if (answer.ok && isObject(answer.data)) {
      view = {
        consentOrigin: typeof answer.data.consentOrigin === 'string' ? answer.data.consentOrigin : '',
        eventPath: typeof answer.data.eventPath === 'string' ? answer.data.eventPath : '/componentEvents',
      };
    }
    await refresh();
  }

  onLanguageChange(render);
  render();
  void start();
  setInterval(() => {
    if (!busy) void refresh();
  }, POLL_MS);
}
