'use strict';
/**
 * jest's transform (jest.config.js) for the project's TypeScript and for the SDK bundle the
 * integration tests load.
 *
 * TypeScript: esbuild strips the types of one file at a time, about 1 ms a file where ts-jest's
 * transpileModule took about 25 ms; a clean checkout transforms some 550 files (a file used by
 * two jest projects is transformed for each), so this is about 15 s of CPU per run with an empty
 * cache. No type information is used here (tsconfig.json has isolatedModules: every file
 * compiles on its own): the type check is tsc's (test/typecheck.test.ts, npm run typecheck).
 * The options are the tsconfig.json ones that change emitted code: CommonJS modules, ES2022,
 * strict mode, class fields defined as ES2022 defines them (TypeScript's default for that
 * target). esbuild's `import x from 'cjs-module'` interop is esModuleInterop's. Source maps go
 * to jest, so a failure's stack points at the .ts line.
 *
 * Builtins bound once per module: jest runs a test file's modules in a vm context whose global
 * object is a Proxy (jest's globals cleanup), so every name the code looks up on the global
 * (Object, Array, JSON, Buffer, process, ...) goes through the context's interceptor and the
 * Proxy: about 200 ns a lookup against a few ns for a local binding. Hot code (the SDK's request
 * signing, the emulator's database, the functions' normalizers) does that millions of times per
 * run. Each module therefore reads the builtins below from its global once, into local names that
 * esbuild's `define` puts where the code names the global (a name the module declares itself is
 * left alone). Same objects, same behaviour; about a fifth less CPU for the integration files.
 * Only builtins no test replaces are bound: not the timers or Date (jest's fake timers replace
 * those), not console. Not in test/: a test hands functions to Chromium (page.evaluate), which
 * runs their text, where a local name of this module means nothing; the hot code is elsewhere.
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { transformSync } = require('esbuild');

const BUILTINS = [
  'Object', 'Array', 'JSON', 'Math', 'Number', 'String', 'Boolean', 'Symbol', 'BigInt', 'Map', 'Set', 'WeakMap', 'WeakSet',
  'Promise', 'Reflect', 'Error', 'TypeError', 'RangeError', 'RegExp', 'Uint8Array', 'ArrayBuffer', 'Buffer', 'process',
  'parseInt', 'parseFloat', 'isNaN', 'encodeURIComponent', 'decodeURIComponent',
];
const LOCAL = (name) => `__builtin_${name}`;
const define = Object.fromEntries(BUILTINS.map((name) => [name, LOCAL(name)]));
/** On the first line, after "use strict" if any: no line of the source map moves. */
const BIND = `const {${BUILTINS.map((name) => `${name}: ${LOCAL(name)}`).join(', ')}} = globalThis;`;

const TYPESCRIPT = {
  loader: 'ts',
  format: 'cjs',
  target: 'es2022',
  platform: 'node',
  tsconfigRaw: { compilerOptions: { strict: true, useDefineForClassFields: true, verbatimModuleSyntax: false } },
};
/** The SDK bundle (.build/sdk-bundle/): only the builtins bound, its code kept as the build made it. */
const BUNDLE = { loader: 'js', minifyWhitespace: true };

/** What the output depends on besides the file: this transform and esbuild's version. */
const SALT = createHash('sha256')
  .update(readFileSync(__filename))
  .update(require('esbuild/package.json').version)
  .digest('hex');

function bindBuiltins(code) {
  const strict = '"use strict";\n';
  return code.startsWith(strict) ? `"use strict";${BIND}\n${code.slice(strict.length)}` : `${BIND}${code}`;
}

/** The tests' own files (test/): their functions may run as text in a browser. */
const isTestFile = (filename, rootDir) => !path.relative(path.join(rootDir, 'test'), filename).startsWith('..');

module.exports = {
  process(source, filename, { config }) {
    const options = filename.endsWith('.ts') ? TYPESCRIPT : BUNDLE;
    const bind = !isTestFile(filename, config.rootDir);
    const { code, map } = transformSync(source, { ...options, ...(bind ? { define } : {}), sourcefile: filename, sourcemap: 'external', sourcesContent: false });
    return { code: bind ? bindBuiltins(code) : code, map };
  },
  getCacheKey(source, filename, { configString }) {
    return createHash('sha256').update(SALT).update('\0').update(filename).update('\0').update(source).update('\0').update(configString).digest('hex');
  },
};
