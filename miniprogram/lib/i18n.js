// The admin's language: Chinese first (any zh* locale, and whatever cannot be read), English for
// any other language the phone reports. wx.getAppBaseInfo replaces wx.getSystemInfoSync on newer
// base libraries; both report `language` ("zh_CN", "en", ...).
const STRINGS = require('./strings.js');

function languageOf(api) {
  let language = '';
  try {
    if (api && typeof api.getAppBaseInfo === 'function') language = api.getAppBaseInfo().language || '';
    else if (api && typeof api.getSystemInfoSync === 'function') language = api.getSystemInfoSync().language || '';
  } catch (e) {
    language = '';
  }
  return !language || /^zh/i.test(language) ? 'zh' : 'en';
}

/** The string table of a language, for a page's data (`{{s.approve}}` in a template). */
function stringsFor(lang) {
  return STRINGS[lang] || STRINGS.zh;
}

/** Fills `{name}` from params; a missing value stays visible as `{name}` rather than vanishing. */
function format(text, params) {
  return String(text).replace(/\{(\w+)\}/g, (whole, name) => (params && params[name] !== undefined && params[name] !== null ? String(params[name]) : whole));
}

/** A string of the table by key, filled in. */
function t(lang, key, params) {
  const table = stringsFor(lang);
  return format(table[key] !== undefined ? table[key] : key, params);
}

/** A `{zh, en}` pair (the envelopes' messages, and hints that may become pairs) or a plain string. */
function pick(lang, value) {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return value[lang] || value.zh || value.en || '';
  return String(value);
}

module.exports = { languageOf, stringsFor, format, t, pick };
