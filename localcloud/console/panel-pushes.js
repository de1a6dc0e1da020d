// @ts-check
/**
 * The push log: what the emulated open platform pushed to componentEvents (its authorization
 * event URL, over the HTTP access path) and what came back, newest first, as npm start prints
 * them in the terminal. "Send a signed test push" has the platform send a freshly signed
 * component_verify_ticket now: the editor's componentEvents example is unsigned and stale, so
 * always refused (HTTP 403), and this is how to see one accepted. Reads GET /api/pushes.
 */
import { requestJson } from './api.js';
import { beijingTime, el, isObject } from './dom.js';
import { addStrings, colon, known, onLanguageChange, t } from './i18n.js';

/** @typedef {import('./types').ConsoleApp} ConsoleApp */
/** @typedef {import('./types').Problem} Problem */
/** @typedef {{ at: number, infoType: string, authorizerAppid: string | null, path: string, status: number, answer: string }} Delivery */

addStrings({
  'pushes.title': { en: 'Pushes to componentEvents', zh: '推送到 componentEvents' },
  'pushes.test': { en: 'Send a signed test push', zh: '发送签名测试推送' },
  'pushes.sending': { en: 'Pushing…', zh: '推送中…' },
  'pushes.about': {
    en: 'What the open platform pushed to the authorization event URL {path}, and what came back: a new ticket every 10 minutes on WeChat (every minute under npm start), and each authorization.',
    zh: '开放平台推送到授权事件接收 URL {path} 的内容及应答：微信每 10 分钟推送一次新 ticket（npm start 下每分钟一次），以及每次授权。',
  },
  'pushes.none': { en: 'Nothing pushed yet.', zh: '尚无推送。' },
  'pushes.sent': { en: 'Test push: HTTP {status} {answer}', zh: '测试推送：HTTP {status} {answer}' },
  'pushes.noTarget': { en: 'not delivered: {answer}', zh: '未送达：{answer}' },
  'pushes.failed': { en: 'Could not read the pushes: {message}', zh: '无法读取推送：{message}' },
  'pushes.info.component_verify_ticket': { en: 'component_verify_ticket (new ticket)', zh: 'component_verify_ticket（新 ticket）' },
  'pushes.info.authorized': { en: 'authorized', zh: 'authorized（授权）' },
  'pushes.info.updateauthorized': { en: 'updateauthorized', zh: 'updateauthorized（更新授权）' },
  'pushes.info.unauthorized': { en: 'unauthorized', zh: 'unauthorized（取消授权）' },
});

/** How often the log is read again: pushes also come by themselves (npm start's ticket schedule). */
const POLL_MS = 5000;

/** @type {import('./types').Panel} */
export const pushLogPanel = { id: 'pushes', mount };

/** @param {ConsoleApp} app */
function mount(app) {
  const title = el('h2');
  const test = el('button', { type: 'button', class: 'secondary', 'data-testid': 'push-test' });
  const about = el('p', { class: 'meta' });
  const result = el('p', { class: 'meta push-result', 'data-testid': 'push-result', hidden: true });
  const log = el('ol', { class: 'push-log', 'data-testid': 'push-log' });
  const card = el('section', { class: 'card push-panel', 'data-testid': 'push-panel' },
    el('div', { class: 'records-head' }, title, test), about, result, log);
  app.slots.column.append(card);

  /** @type {Delivery[]} */
  let deliveries = [];
  let eventPath = '';
  let shown = '';
  /** @type {Problem | null} */
  let problem = null;
  /** @type {{ status: number, answer: string } | null} */
  let lastTest = null;
  let busy = false;

  function render() {
    title.textContent = t('pushes.title');
    test.textContent = busy ? t('pushes.sending') : t('pushes.test');
    test.disabled = busy;
    about.textContent = t('pushes.about', { path: eventPath || '/componentEvents' });
    result.hidden = !lastTest && !problem;
    result.className = `meta push-result${problem || (lastTest && lastTest.status !== 200) ? ' bad' : ''}`;
    result.textContent = problem ? t(problem.key, problem.vars) : lastTest ? t('pushes.sent', { status: lastTest.status, answer: lastTest.answer }) : '';
    if (deliveries.length === 0) {
      log.replaceChildren(el('li', { class: 'muted', text: t('pushes.none') }));
      return;
    }
    log.replaceChildren(...deliveries.map((d) => el('li', { 'data-status': d.status, 'data-info-type': d.infoType },
      el('span', { class: 'when', text: beijingTime(d.at) }),
      el('span', { class: 'push-type', text: known('pushes.info', d.infoType) }),
      d.authorizerAppid ? el('span', { class: 'appid', text: d.authorizerAppid }) : null,
      el('span', { class: d.status === 200 ? 'push-answer ok' : 'push-answer bad', text: d.status === 0 ? t('pushes.noTarget', { answer: d.answer }) : `HTTP ${d.status}${colon()}${d.answer}` }))));
  }

  /** Reads the log; re-renders only when it changed. */
  async function refresh() {
    const answer = await requestJson('GET', '/api/pushes');
    if (!answer.ok) {
      problem = { key: 'pushes.failed', vars: { message: t(answer.problem.key, answer.problem.vars) } };
      render();
      return;
    }
    const text = JSON.stringify(answer.data);
    if (text === shown && !problem) return;
    shown = text;
    problem = null;
    const data = isObject(answer.data) ? answer.data : {};
    deliveries = Array.isArray(data.deliveries) ? /** @type {Delivery[]} */ (data.deliveries.filter(isObject)) : [];
    eventPath = typeof data.eventPath === 'string' ? data.eventPath : '';
    render();
  }

  test.addEventListener('click', async () => {
    busy = true;
    render();
    const answer = await requestJson('POST', '/api/pushes/test', {});
    busy = false;
    if (!answer.ok) problem = answer.problem;
    else {
      problem = null;
      const delivery = isObject(answer.data) && isObject(answer.data.delivery) ? answer.data.delivery : {};
      lastTest = { status: Number(delivery.status), answer: String(delivery.answer ?? '') };
    }
    shown = '';
    await refresh();
    card.dataset.tests = String(Number(card.dataset.tests ?? 0) + 1);
  });

  onLanguageChange(render);
  render();
  void refresh();
  setInterval(() => void refresh(), POLL_MS);
}
