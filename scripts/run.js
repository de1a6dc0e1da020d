#!/usr/bin/env node
'use strict';
// Runs one of the project's TypeScript scripts: esbuild bundles it (node_modules stay external)
// into .build/ and Node loads the result. Keeps the tooling in TypeScript without a TS runtime.
//
// The bundle is made again only when a file it was made from changed: the size and modification
// time of each are kept beside it (<bundle>.inputs.json), so a second `npm run invoke` or
// `npm start` neither loads esbuild nor bundles. A bundle is written beside and renamed into place,
// so a script started at the same moment never loads half of one.
const fs = require('node:fs');
const path = require('node:path');

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run.js <script.ts> [args...]');
  process.exit(2);
}
const root = path.resolve(__dirname, '..');
const outfile = path.join(root, '.build', 'scripts', entry.replace(/[\\/]/g, '__').replace(/\.ts$/, '.js'));
const inputsFile = `${outfile}.inputs.json`;

/** [file relative to root, size, mtimeMs] of one input as it is now, or null when it is gone. */
function stamp(file) {
  const stats = fs.statSync(path.join(root, file), { throwIfNoEntry: false });
  return stats ? [file, stats.size, stats.mtimeMs] : null;
}

function upToDate() {
  if (!fs.existsSync(outfile)) return false;
  let inputs;
  try {
    inputs = JSON.parse(fs.readFileSync(inputsFile, 'utf8'));
  } catch {
    return false;
  }
  return Array.isArray(inputs) && inputs.length > 0 && inputs.every((kept) => JSON.stringify(stamp(kept[0])) === JSON.stringify(kept));
}

function writeAtomically(file, contents) {
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, contents);
  fs.renameSync(partial, file);
}

if (!upToDate()) {
  const result = require('esbuild').buildSync({
    absWorkingDir: root,
    entryPoints: [path.resolve(root, entry)],
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    outfile,
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
    metafile: true,
    write: false,
  });
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  writeAtomically(outfile, result.outputFiles[0].contents);
  writeAtomically(inputsFile, JSON.stringify(Object.keys(result.metafile.inputs).map(stamp)));
}
process.argv = [process.argv[0], outfile, ...args];
require(outfile);
