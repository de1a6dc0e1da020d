/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Integration tests start real loopback servers; give a loaded 2-core machine room.
  testTimeout: 30000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/reporters/summaryLine.js'],
};
