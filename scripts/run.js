#!/usr/bin/env node
'use strict';
// Runs one of the project's TypeScript scripts: esbuild bundles it (node_modules stay external)
// into .build/ and Node loads the result. Keeps the tooling in TypeScript without a TS runtime.
const path = require('node:path');
const esbuild = require('esbuild');

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run.js <script.ts> [args...]');
  process.exit(2);
}
const root = path.resolve(__dirname, '..');
const outfile = path.join(root, '.build', 'scripts', entry.replace(/[\\/]/g, '__').replace(/\.ts$/, '.js'));
esbuild.buildSync({
  entryPoints: [path.resolve(root, entry)],
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  outfile,
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
process.argv = [process.argv[0], outfile, ...args];
require(outfile);
