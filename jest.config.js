/** @type {import('jest').Config} */
const common = {
  // One cache per checkout: a cache shared by several checkouts of this project on one machine
  // (the default lives in the system's temporary folder) can point at files of another checkout.
  cacheDirectory: '<rootDir>/.build/jest-cache',
  testEnvironment: 'node',
  // TypeScript without type information, one file at a time, and global builtins bound once per
  // module (test/transform/esbuildTs.js); the type check is test/typecheck.test.ts.
  transform: { '^.+\\.ts$': '<rootDir>/test/transform/esbuildTs.js', '/\\.build/sdk-bundle/[^/]+\\.js$': '<rootDir>/test/transform/esbuildTs.js' },
  // Every test makes at least one assertion (a test that asserts nothing cannot fail).
  setupFilesAfterEnv: ['<rootDir>/test/setup/everyTestAsserts.ts', '<rootDir>/test/setup/cpuPerFile.ts'],
  // zod evaluated once per test file, not once per function instance (test/setup/zodOncePerFile.js).
  moduleNameMapper: { '^zod/mini$': '<rootDir>/test/setup/zodOncePerFile.js' },
};

module.exports = {
  // Integration tests start real loopback servers; give a loaded 2-core machine room.
  testTimeout: 30000,
  // Three workers on two cores: the files that drive Chromium, npm or the CloudBase CLI wait on
  // those processes much of their time, and a third worker fills the cores meanwhile (a run of
  // the whole suite is about a tenth shorter than on two, docs/testing.md).
  maxWorkers: 3,
  // The longest files first, also on a clean checkout with no recorded durations.
  testSequencer: '<rootDir>/test/sequencer/slowFirst.js',
  reporters: ['default', '<rootDir>/test/reporters/summaryLine.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/integration/', '<rootDir>/test/miniprogram/'],
    },
    {
      ...common,
      // The admin Mini Program's pages, compiled and rendered by miniprogram-simulate (WeChat's
      // own page simulator) in a DOM, with a fake `wx` the tests answer; and its lib/ modules.
      displayName: 'miniprogram',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test/miniprogram'],
      testMatch: ['**/*.test.ts'],
    },
    {
      ...common,
      // The functions' cloud and database paths through the wx-server-sdk bundle they ship
      // (unreached parts stubbed: tools/sdkStubs.ts), not through node_modules. The SDK's
      // code is the real, unmodified code; only what no function reaches is left out (the
      // transform only binds the builtins it looks up, test/transform/esbuildTs.js).
      displayName: 'integration',
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/helpers/sdkBundle.ts',
      moduleNameMapper: { ...common.moduleNameMapper, '^wx-server-sdk$': '<rootDir>/.build/sdk-bundle/wx-server-sdk.js' },
    },
  ],
};
