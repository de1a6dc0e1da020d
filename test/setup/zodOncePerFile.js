'use strict';
/**
 * `zod/mini` as the tests load it (jest.config.js, moduleNameMapper): evaluated once per test
 * file and shared by every module registry in it. The integration harness loads a fresh instance
 * of a function for each test (jest.isolateModules), which compiled and ran zod's hundred modules
 * afresh each time, a good part of every test's time. zod keeps no state of a function instance;
 * each instance still gets its own copy of everything else, shared/ included.
 */
const path = require('node:path');

const SHARED = Symbol.for('wx-plugin-embedded-admin.test.zod-mini');
// The real module by its path: the mapping applies to the name `zod/mini` only.
globalThis[SHARED] ??= require(path.resolve(__dirname, '..', '..', 'node_modules', 'zod', 'mini', 'index.cjs'));
module.exports = globalThis[SHARED];
