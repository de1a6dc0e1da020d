import { CATALOG, type CatalogEntry } from '../../shared/errors/catalog';
import { ERRORS_BEGIN, ERRORS_END, generatedPart, renderErrorTable, withErrorTable } from '../../tools/errorTable';
import { read } from './markdown';

describe('the error table of docs/errors.md', () => {
  it('is exactly what the generator renders from the catalogue', () => {
    const page = read('docs/errors.md');
    const part = generatedPart(page);
    // null: docs/errors.md has lost its ERRORS_BEGIN / ERRORS_END markers.
    expect(part).not.toBeNull();
    // Different: the table no longer matches shared/errors/catalog.ts. Run `npm run docs` to regenerate it.
    expect(part).toBe(renderErrorTable());
  });

  it('has one row per code, in a table for each source', () => {
    const table = renderErrorTable();
    const rows = table.split('\n').filter((line) => /^\| -?\d+ \|/.test(line));
    expect(rows).toHaveLength(Object.keys(CATALOG).length);
    expect(table).toContain('### WeChat');
    expect(table).toContain('### CloudBase');
    expect(table).toContain('### This package');
    expect(table).toContain('| 40001 | INVALID_CREDENTIAL | token |');
    expect(table).toContain('| -604102 | OPENAPI_TIMEOUT | backoff |');
  });
});

describe('renderErrorTable', () => {
  const entry = (over: Partial<CatalogEntry>): CatalogEntry => ({ name: 'X', source: 'wechat', zh: '中', en: 'en', retry: 'never', hint: { en: 'h', zh: '提示' }, ...over });

  it('follows the catalogue it is given: a changed entry changes the table', () => {
    const changed = { ...CATALOG, 89409: { ...CATALOG[89409]!, en: 'A changed meaning' } };
    expect(renderErrorTable(changed)).not.toBe(renderErrorTable());
    expect(renderErrorTable(changed)).toContain('| 89409 | EMBEDDED_LIST_PARAM_ERROR |  | A changed meaning |');
  });

  it('keeps every cell on one line and safe for Markdown', () => {
    const table = renderErrorTable({ 1: entry({ en: 'a | b', zh: 'x\ny', hint: { en: 'use <api> & go', zh: '用' } }) });
    expect(table).toContain('| 1 | X |  | a \\| b | x y | use &lt;api&gt; &amp; go |');
  });

  it('shows hints that depend on the call with placeholders', () => {
    const table = renderErrorTable({ 2: entry({ hint: (ctx) => ({ en: `add ${ctx.apiName} to ${ctx.functionName}`, zh: `把 ${ctx.apiName} 加到 ${ctx.functionName}` }) }) });
    expect(table).toContain('| add API_NAME to FUNCTION_NAME |');
  });

  it('orders codes by magnitude within a source, and leaves out a source with no codes', () => {
    const table = renderErrorTable({ 40001: entry({ name: 'B' }), [-1]: entry({ name: 'A' }), 0: entry({ name: 'Z' }) });
    expect(table.indexOf('| 0 | Z')).toBeLessThan(table.indexOf('| -1 | A'));
    expect(table.indexOf('| -1 | A')).toBeLessThan(table.indexOf('| 40001 | B'));
    expect(table).not.toContain('### CloudBase');
  });
});

describe('withErrorTable', () => {
  it('replaces only what is between the markers', () => {
    const page = `before\n${ERRORS_BEGIN}\nold\n${ERRORS_END}\nafter\n`;
    expect(withErrorTable(page, 'new')).toBe(`before\n${ERRORS_BEGIN}\nnew\n${ERRORS_END}\nafter\n`);
    expect(generatedPart(withErrorTable(page, 'new'))).toBe('new');
  });

  it('refuses a page without the markers', () => {
    expect(() => withErrorTable('no markers here', 'new')).toThrow(/errors:begin/);
  });
});
