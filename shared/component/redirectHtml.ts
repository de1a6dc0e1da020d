import type { HttpAnswer } from '../pushes/httpAccess';

/**
 * The small pages the authorization redirect answers with, in Chinese and English. Nothing from
 * the request is echoed but an appid (checked against the appid pattern before it gets here) and
 * permission-set numbers, and both are escaped anyway; the page loads nothing and sends no
 * referrer (its URL carried the authorization code).
 */
const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export interface PageText {
  zhTitle: string;
  enTitle: string;
  zh: string[];
  en: string[];
}

export function htmlPage(statusCode: number, text: PageText): HttpAnswer {
  const ok = statusCode < 400;
  const paragraphs = (lines: string[], lang: string) => lines.map((line) => `<p lang="${lang}">${escapeHtml(line)}</p>`).join('\n    ');
  const body = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="referrer" content="no-referrer">
  <title>${escapeHtml(text.zhTitle)} · ${escapeHtml(text.enTitle)}</title>
  <style>
    body { font-family: -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; max-width: 34rem; margin: 3rem auto; padding: 0 1rem; color: #1f2329; line-height: 1.6; }
    .mark { font-size: 2.5rem; color: ${ok ? '#07c160' : '#fa5151'}; }
    h1 { font-size: 1.25rem; margin: 0.5rem 0; }
    section + section { border-top: 1px solid #e5e6eb; margin-top: 1.5rem; padding-top: 1rem; }
    code { background: #f2f3f5; padding: 0 0.25rem; border-radius: 3px; }
  </style>
</head>
<body data-status="${statusCode}">
  <div class="mark" aria-hidden="true">${ok ? '&#10003;' : '&#9888;'}</div>
  <section lang="zh-CN">
    <h1>${escapeHtml(text.zhTitle)}</h1>
    ${paragraphs(text.zh, 'zh-CN')}
  </section>
  <section lang="en">
    <h1>${escapeHtml(text.enTitle)}</h1>
    ${paragraphs(text.en, 'en')}
  </section>
</body>
</html>
`;
  return { statusCode, headers: { ...HEADERS }, body, isBase64Encoded: false };
}
