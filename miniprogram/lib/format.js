// How times, ages, statuses and outcomes read in the admin's language. The lists carry
// createTime in Unix seconds; times the sync sets (at, firstSeenAt, ...) and componentAdmin's
// (receivedAt, expiresAt) are Unix milliseconds.
const { stringsFor, format } = require('./i18n.js');

const pad = (n) => (n < 10 ? `0${n}` : String(n));

/** "2026-11-30 10:50" in the phone's time zone; '' for no time. */
function formatTime(ms) {
  if (typeof ms !== 'number' || !isFinite(ms)) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const fromSeconds = (seconds) => (typeof seconds === 'number' ? formatTime(seconds * 1000) : '');

/** "3 分钟" / "3 min": the largest whole unit. */
function formatAge(seconds, lang) {
  if (typeof seconds !== 'number' || !isFinite(seconds) || seconds < 0) return '';
  const age = stringsFor(lang).age;
  if (seconds < 60) return format(age.s, { n: Math.floor(seconds) });
  if (seconds < 3600) return format(age.m, { n: Math.floor(seconds / 60) });
  if (seconds < 86400) return format(age.h, { n: Math.floor(seconds / 3600) });
  return format(age.d, { n: Math.floor(seconds / 86400) });
}

/** A status of a list: 'plugin' (applicants) or 'embedded' (half-screen); unknown numbers stay visible. */
function statusText(list, status, lang) {
  const table = stringsFor(lang)[list === 'plugin' ? 'pluginStatus' : 'embeddedStatus'];
  if (status === null || status === undefined) return '';
  return table[status] !== undefined ? table[status] : format(table.unknown, { n: status });
}

function flagText(flag, lang) {
  const table = stringsFor(lang).flag;
  return table[flag] !== undefined ? table[flag] : String(flag);
}

function outcomeText(outcome, lang) {
  const table = stringsFor(lang).outcome;
  return table[outcome] || String(outcome);
}

function kindText(kind, lang) {
  const table = stringsFor(lang).kind;
  return table[kind] || String(kind);
}

/** A list of appids for a confirmation: the first few, the rest counted. */
function appidList(appids, lang, shown) {
  const first = appids.slice(0, shown || 5).join('\n');
  const rest = appids.length - (shown || 5);
  return rest > 0 ? `${first}\n${format(stringsFor(lang).moreAppids, { n: rest })}` : first;
}

module.exports = { formatTime, fromSeconds, formatAge, statusText, flagText, outcomeText, kindText, appidList };
