// @ts-check
/**
 * A function's error (envelope.error) in the page's language, the same way wherever it shows:
 * the response's hint box, an outcome of an action, a panel's failure. The catalog's message is
 * in both languages; its hint is English text until the catalog gains Chinese (then `{ zh, en }`:
 * both are read); the structured parts (which field, what was expected) are worded here; the
 * free-text `detail` is English and shown as such.
 */
import { addStrings, colon, lang, t } from './i18n.js';

/** @typedef {import('./types').ErrorBody} ErrorBody */
/** @typedef {import('./types').FieldIssue} FieldIssue */

addStrings({
  'error.hint': { en: 'Hint: {hint}', zh: '提示：{hint}' },
  'error.detail': { en: 'Detail: {detail}', zh: '详情（英文原文）：{detail}' },
  'error.upstream': { en: 'Upstream: {message}', zh: '上游：{message}' },
  'error.issues': { en: 'To fix', zh: '需要修改' },
  'error.issue': { en: '{field}: expected {expected}', zh: '{field}：应为{expected}' },
  'error.received': { en: ', received {received}', zh: '，收到 {received}' },
  'error.missing': { en: 'nothing: the field is missing', zh: '无（缺少此字段）' },
  'error.name': { en: 'Error', zh: '错误' },
});

/** The hint in the page's language: text now, `{ zh, en }` once the catalog has both. @param {ErrorBody} error */
export function hintOf(error) {
  const hint = error.hint;
  if (hint === undefined) return '';
  if (typeof hint === 'string') return hint;
  return hint[lang()] ?? hint.en ?? '';
}

/** The catalog's message, the page's language first, the other after it. @param {ErrorBody} error */
export function messageOf(error) {
  const message = error.message ?? {};
  const first = lang();
  const other = first === 'zh' ? 'en' : 'zh';
  return [message[first], message[other]].filter(Boolean).join(' · ');
}

/** `NAME · code`. @param {ErrorBody} error */
export function titleOf(error) {
  return `${error.name || t('error.name')} · ${Number.isNaN(error.code) ? '—' : error.code}`;
}

/** The lines of an error, each a string in the page's language (or the English detail, marked). @param {ErrorBody} error */
export function errorLines(error) {
  const issues = (error.issues ?? []).map(issueText);
  return {
    title: titleOf(error),
    message: messageOf(error),
    hint: hintOf(error) ? t('error.hint', { hint: hintOf(error) }) : '',
    issues,
    detail: error.detail && issues.length === 0 ? t('error.detail', { detail: error.detail }) : '',
    upstream: error.upstreamMessage ? t('error.upstream', { message: error.upstreamMessage }) : '',
  };
}

/** One issue: the field and what it should hold, in the page's language. @param {FieldIssue} issue */
export function issueText(issue) {
  const received = issue.received === undefined ? '' : t('error.received', { received: issue.received === MISSING ? t('error.missing') : issue.received });
  return `${t('error.issue', { field: issue.field, expected: expectedText(issue.expected) })}${received}`;
}

/** What fieldIssues.ts says a missing field received. */
const MISSING = 'nothing: the field is missing';

const OPS = /** @type {const} */ ({ '>=': '大于等于', '>': '大于', '<=': '小于等于', '<': '小于' });
const NOUNS = /** @type {Record<string, string>} */ ({ 'a string': '字符串', 'true or false': 'true 或 false', 'an object': '对象', 'a list': '列表' });

/**
 * What a field should hold, in Chinese for the phrases shared/validation/fieldIssues.ts and the
 * schemas use; a phrase it does not know stays as it came (English).
 * @type {Array<[RegExp, (...parts: string[]) => string]>}
 */
const EXPECTED_ZH = [
  [/^an integer \(a JSON number, not a string\)$/, () => '整数（JSON 数字，不能是字符串）'],
  [/^an integer \(number or numeric string\)$/, () => '整数（数字或数字字符串）'],
  [/^(an integer|a value) (>=|>|<=|<) (-?\d+)$/, (what, op, n) => `${OPS[/** @type {keyof typeof OPS} */ (op)]} ${n} 的${what === 'a value' ? '值' : '整数'}`],
  [/^a string of at least (\d+) character\(s\)$/, (n) => `至少 ${n} 个字符的字符串`],
  [/^a string of at most (\d+) characters$/, (n) => `最多 ${n} 个字符的字符串`],
  [/^a list of at least (\d+) item\(s\)$/, (n) => `至少 ${n} 项的列表`],
  [/^a list of at most (\d+) items$/, (n) => `最多 ${n} 项的列表`],
  [/^(a string|true or false|an object|a list) \(required\)$/, (noun) => `${NOUNS[noun] ?? noun}（必填）`],
  [/^a value of type (\w+)$/, (type) => `${type} 类型的值`],
  [/^one of (.+)$/, (values) => `以下之一：${values.replace(/", "/g, '"、"')}`],
  [/^no such field \(remove it\)$/, () => '不存在的字段（请删除）'],
  [/^an appid: "wx" followed by 16 lowercase hexadecimal characters$/, () => 'appid（"wx" 加 16 个小写十六进制字符）'],
  [/^exactly one of "appid" \(one account\) or "appids" \(a list of up to (\d+)\)$/, (n) => `"appid"（一个账号）或 "appids"（最多 ${n} 个的列表）二者之一`],
];

/** @param {string} expected */
export function expectedText(expected) {
  if (lang() !== 'zh') return expected;
  for (const [pattern, say] of EXPECTED_ZH) {
    const match = pattern.exec(expected);
    if (match) return say(...match.slice(1));
  }
  return expected;
}

/** The error in one line, for a list of outcomes: `89240 NAME: message. Hint … Detail …`. @param {ErrorBody} error */
export function errorInline(error) {
  const lines = errorLines(error);
  const head = `${error.code}${error.name ? ` ${error.name}` : ''}`;
  return [`${head}${lines.message ? `${colon()}${lines.message}` : ''}`, lines.hint, ...lines.issues, lines.detail].filter(Boolean).join(' ');
}
