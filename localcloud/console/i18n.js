// @ts-check
/**
 * The console's two languages. Every module of the page registers its own strings here
 * (addStrings) and reads them through t(), so a panel added later carries its own English and
 * Chinese. The language follows the browser (navigator.languages) until the user picks one; the
 * pick is remembered in localStorage.
 *
 *   addStrings({ 'sync.title': { en: 'Last sync', zh: '上次同步' } })
 *   t('sync.count', { n: 3 })          // '{n}' placeholders
 *   onLanguageChange(() => rerender())  // called after setLang
 *
 * Chinese text takes full-width punctuation: where code joins parts, it uses colon(), inParens()
 * and listOf() rather than writing ': ', ' (…)' or ', ' itself.
 */

/** @typedef {import('./types').Lang} Lang */
/** @typedef {import('./types').Vars} Vars */
/** @typedef {import('./types').Strings} Strings */

const STORAGE_KEY = 'console.lang';
/** @type {Record<string, { en?: string, zh?: string }>} */
const table = Object.create(null);
/** @type {Array<(lang: Lang) => void>} */
const listeners = [];

/** @returns {Lang} */
function initialLang() {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh') return saved;
  } catch {
    /* storage may be unavailable; fall back to the browser's languages */
  }
  const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
  for (const lang of langs) {
    const lower = String(lang).toLowerCase();
    if (lower.startsWith('zh')) return 'zh';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/** @type {Lang} */
let current = initialLang();
document.documentElement.lang = current === 'zh' ? 'zh-CN' : 'en';

/** @param {Strings} entries */
export function addStrings(entries) {
  for (const [key, value] of Object.entries(entries)) table[key] = value;
}

/** @returns {Lang} */
export function lang() {
  return current;
}

/**
 * The text of `key` in the page's language (English when it has none), `{name}` filled from
 * `vars`; the key itself when nobody registered it.
 * @param {string} key
 * @param {Vars} [vars]
 */
export function t(key, vars) {
  const entry = table[key];
  const text = (entry && (entry[current] ?? entry.en)) ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole));
}

/** Whether `key` has text in the page's language (not just in English). @param {string} key */
export function hasText(key) {
  const entry = table[key];
  return entry !== undefined && entry[current] !== undefined;
}

/**
 * A value from the data in the page's language: `prefix.value` from the table, or the value as
 * it came when the table does not know it (a status WeChat added later).
 * @param {string} prefix
 * @param {unknown} value
 */
export function known(prefix, value) {
  const key = `${prefix}.${String(value)}`;
  return table[key] ? t(key) : String(value);
}

/** @param {string} next */
export function setLang(next) {
  if (next !== 'en' && next !== 'zh') return;
  current = next;
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* not remembered; still switched */
  }
  for (const listener of listeners) listener(next);
}

/** @param {(lang: Lang) => void} listener */
export function onLanguageChange(listener) {
  listeners.push(listener);
}

/** ': ' or '：'. */
export function colon() {
  return current === 'zh' ? '：' : ': ';
}

/** ' (text)' or '（text）'. @param {string | number} text */
export function inParens(text) {
  return current === 'zh' ? `（${text}）` : ` (${text})`;
}

/** 'a, b, c' or 'a、b、c'. @param {ReadonlyArray<string | number>} items */
export function listOf(items) {
  return items.join(current === 'zh' ? '、' : ', ');
}
