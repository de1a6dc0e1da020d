'use strict';
/*
 * The console's two languages. Every script of the page registers its own strings here
 * (ConsoleI18n.add) and reads them through ConsoleI18n.t, so a panel added later carries its
 * own English and Chinese. The language follows the browser (navigator.languages) until the
 * user picks one; the pick is remembered in localStorage.
 *
 *   ConsoleI18n.add({ 'sync.title': { en: 'Last sync', zh: '上次同步' } })
 *   ConsoleI18n.t('sync.count', { n: 3 })        // '{n}' placeholders
 *   ConsoleI18n.onChange(() => rerender())        // called after setLang
 *   ConsoleI18n.lang                              // 'en' | 'zh'
 */
(function i18n() {
  const STORAGE_KEY = 'console.lang';
  const table = Object.create(null);
  const listeners = [];

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

  const api = {
    lang: initialLang(),
    add(entries) {
      for (const [key, value] of Object.entries(entries)) table[key] = value;
    },
    t(key, vars) {
      const entry = table[key];
      const text = entry ? entry[api.lang] ?? entry.en : key;
      if (!vars) return text;
      return text.replace(/\{(\w+)\}/g, (whole, name) => (Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole));
    },
    setLang(lang) {
      if (lang !== 'en' && lang !== 'zh') return;
      api.lang = lang;
      document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
      try {
        window.localStorage.setItem(STORAGE_KEY, lang);
      } catch {
        /* not remembered; still switched */
      }
      for (const listener of listeners) listener(lang);
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
  document.documentElement.lang = api.lang === 'zh' ? 'zh-CN' : 'en';
  window.ConsoleI18n = api;
})();
