import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findRoot } from '../tools/functionsConfig';
import { withErrorTable } from '../tools/errorTable';

/**
 * `npm run docs`: rewrites the error table of docs/errors.md from the catalogue
 * (shared/errors/catalog.ts). `npm run docs -- --check` changes nothing and exits 1 when the page
 * is out of date.
 */
function main(): void {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--check');
  if (unknown.length > 0) {
    console.error(`unexpected argument ${unknown[0]}; usage: npm run docs [-- --check]`);
    process.exit(2);
  }
  const file = path.join(findRoot(process.cwd()), 'docs', 'errors.md');
  const before = readFileSync(file, 'utf8');
  const after = withErrorTable(before);
  if (before === after) {
    console.log('docs/errors.md: the error table is up to date');
    return;
  }
  if (args.includes('--check')) {
    console.error('docs/errors.md: the error table differs from shared/errors/catalog.ts; run npm run docs');
    process.exit(1);
  }
  writeFileSync(file, after);
  console.log('docs/errors.md: error table rewritten from shared/errors/catalog.ts');
}

main();
