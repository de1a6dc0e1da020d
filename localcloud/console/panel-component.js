'use strict';
/*
 * The third-party platform panel (componentAdmin): how old the last component_verify_ticket is,
 * whether the component token is cached, the accounts held, the last reconcile; and the three
 * actions: create an authorization link (then follow it to the emulated consent page, which
 * sends the browser back to componentEvents' redirect page), reconcile with WeChat's authorizer
 * list, restart the ticket pushes. Every call goes through POST /api/invoke as the admin, exactly
 * as the form would send it; GET /api/component says where the emulator plays WeChat's pages.
 * Every visible string is in ConsoleI18n in both languages; elements are built by
 * ConsoleApp.el, so text only through textContent.
 */
(function panelComponent() {
  const I18n = window.ConsoleI18n;
  I18n.add({
    // The Invoke form's description of the function, in Chinese (English: config.json's own words).
    'fnDescription.componentAdmin': {
      zh: '第三方平台的完整生命周期：生成授权链接（create_link）、与微信的授权方列表核对（reconcile）、重启票据推送、查看状态。仅限管理员；会改变状态的操作受 OPERATOR_OPENIDS 限制并记入审计。',
    },
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
    'unit.s': { en: '{n} s', zh: '{n} 秒' },
    'unit.min': { en: '{n} min', zh: '{n} 分钟' },
    'unit.h': { en: '{n} h', zh: '{n} 小时' },
  });

  const t = (key, vars) => I18n.t(key, vars);
  const el = (...args) => window.ConsoleApp.el(...args);
  const when = (ms) => (ms ? new Date(ms).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }) : '—'); // Beijing time
  const age = (seconds) => (seconds < 120 ? t('unit.s', { n: seconds }) : seconds < 7200 ? t('unit.min', { n: Math.floor(seconds / 60) }) : t('unit.h', { n: Math.floor(seconds / 3600) }));

  let status = null;
  let link = null;
  let note = '';
  let message = '';
  let busy = false;
  let view = { consentOrigin: '', eventPath: '/componentEvents' };

  const card = el('section', { class: 'card component-panel', 'data-testid': 'component-panel' });
  const title = el('h2');
  const refreshButton = el('button', { type: 'button', class: 'secondary small', 'data-testid': 'component-refresh' });
  const body = el('div', { class: 'component-body' });
  card.append(el('div', { class: 'records-head' }, title, refreshButton), body);

  const authType = el('select', { 'data-testid': 'component-auth-type' });
  const bizAppid = el('input', { 'data-testid': 'component-biz-appid', autocomplete: 'off', spellcheck: 'false', placeholder: 'wx…' });
  const createButton = el('button', { type: 'button', 'data-testid': 'component-create-link' });
  const reconcileButton = el('button', { type: 'button', class: 'secondary', 'data-testid': 'component-reconcile' });
  const restartButton = el('button', { type: 'button', class: 'secondary', 'data-testid': 'component-restart' });

  async function invoke(event) {
    const response = await fetch('/api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ function: 'componentAdmin', event, caller: { kind: 'admin' } }),
    });
    const answer = await response.json();
    if (!response.ok || !answer.result) throw new Error(answer.error || `HTTP ${response.status}`);
    const envelope = answer.result;
    if (envelope.errCode !== 0) throw new Error(envelope.errMsg || String(envelope.errCode));
    return envelope;
  }

  /** Runs one action; the panel shows its answer, then the status again. */
  async function act(work) {
    busy = true;
    message = '';
    render();
    try {
      await work();
    } catch (error) {
      message = t('component.failed', { msg: error.message });
    }
    busy = false;
    await refresh();
  }

  /** The link with WeChat's host swapped for the emulator playing it at the same path. */
  function emulated(url) {
    const target = new URL(url.replace('#wechat_redirect', ''));
    return `${view.consentOrigin}${target.pathname}${target.search}`;
  }

  function statusLines() {
    const lines = [];
    if (!status) return lines;
    const ticket = status.ticket || {};
    const ticketLine = el('p', { class: 'meta', 'data-testid': 'component-ticket', 'data-stale': ticket.stale ? 'true' : 'false' },
      ticket.receivedAt ? t('component.ticket.age', { age: age(ticket.ageSeconds || 0), when: when(ticket.receivedAt) }) : t('component.ticket.none'));
    if (ticket.stale) ticketLine.append(' ', el('span', { class: 'badge fail', text: t('component.ticket.stale') }));
    lines.push(ticketLine);
    const token = status.componentToken || {};
    lines.push(el('p', { class: 'meta', text: token.cached ? t('component.token.cached', { when: when(token.expiresAt) }) : t('component.token.none') }));
    const accounts = status.authorizers || {};
    lines.push(el('p', { class: 'meta', 'data-testid': 'component-accounts', text: t('component.accounts', { active: accounts.active || 0, revoked: accounts.revoked || 0, marked: accounts.marked || 0 }) }));
    const last = status.lastReconcile;
    const state = last && (last.complete ? t('component.reconcile.complete') : t('component.reconcile.incomplete', { reason: last.reason || '' }));
    lines.push(el('p', { class: 'meta', 'data-testid': 'component-last-reconcile', text: last ? t('component.reconcile.last', { when: when(last.at), state, ...last.counts }) : t('component.reconcile.never') }));
    return lines;
  }

  function linkBlock() {
    if (!link) return null;
    const follow = el('a', { href: emulated(link.pcUrl), target: '_blank', rel: 'noopener noreferrer', class: 'component-follow', 'data-testid': 'component-follow', text: t('component.link.follow') });
    return el('div', { class: 'component-link', 'data-testid': 'component-link' },
      el('p', { class: 'meta', text: t('component.link.expires', { when: when(link.expiresAt) }) }),
      el('div', { class: 'component-url' }, el('strong', { text: `${t('component.link.pc')}: ` }), el('code', { 'data-testid': 'component-pc-url', text: link.pcUrl })),
      el('div', { class: 'component-url' }, el('strong', { text: `${t('component.link.mobile')}: ` }), el('code', { text: link.mobileUrl })),
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
    if (message) body.append(el('p', { class: 'banner error', 'data-testid': 'component-error', text: message }));
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
    try {
      status = await invoke({ action: 'status' });
    } catch (error) {
      message = t('component.failed', { msg: error.message });
    }
    render();
  }

  createButton.addEventListener('click', () => act(async () => {
    const event = { action: 'create_link', redirectUri: `${window.location.origin}${view.eventPath || '/componentEvents'}`, authType: Number(authType.value || 2) };
    if (bizAppid.value.trim()) event.bizAppid = bizAppid.value.trim();
    note = '';
    link = await invoke(event);
  }));
  reconcileButton.addEventListener('click', () => act(async () => {
    const result = await invoke({ action: 'reconcile' });
    const state = result.complete ? t('component.reconcile.complete') : t('component.reconcile.incomplete', { reason: result.reason || '' });
    note = t('component.result.reconcile', { state, ...result.counts, info: result.info ? result.info.fetched : 0 });
  }));
  restartButton.addEventListener('click', () => act(async () => {
    await invoke({ action: 'restart_ticket_push' });
    note = t('component.result.restart');
  }));
  refreshButton.addEventListener('click', () => act(async () => undefined));

  async function start() {
    try {
      const response = await fetch('/api/component');
      if (response.ok) view = await response.json();
    } catch {
      /* the defaults stand */
    }
    await refresh();
  }

  I18n.onChange(render);
  window.ConsoleApp.panels.append(card);
  render();
  void start();
  // The ticket's age moves: look again now and then (the page may stay open for a while).
  setInterval(() => {
    if (!busy) void refresh();
  }, 30_000);
})();
