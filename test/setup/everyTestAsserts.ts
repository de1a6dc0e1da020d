/**
 * Run before every test file (jest.config.js, setupFilesAfterEnv): a test that asserts nothing
 * cannot fail, so every test must make at least one assertion (docs/testing.md). A test whose
 * only expect sits in a loop or a branch that did not run fails with "Expected at least one
 * assertion to be called".
 */
beforeEach(() => {
  expect.hasAssertions();
});
