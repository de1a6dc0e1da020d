'use strict';
/**
 * Prints, after jest's own summary: for a run of many files, the slowest ones (where the time
 * goes, docs/testing.md), then one plain closing line, `jest: N passed, N failed[, N skipped]`,
 * so tools that read a run's last line (CI) see what ran.
 */
const SLOWEST_SHOWN = 8;
const MANY_FILES = 20;

class SummaryLineReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const files = results.testResults.filter((file) => file.perfStats && file.perfStats.end > file.perfStats.start);
    if (files.length >= MANY_FILES) {
      const slowest = files
        .map((file) => ({ name: file.testFilePath.startsWith(this.rootDir) ? file.testFilePath.slice(this.rootDir.length + 1) : file.testFilePath, ms: file.perfStats.end - file.perfStats.start }))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, SLOWEST_SHOWN);
      process.stdout.write(`slowest files:\n${slowest.map((f) => `  ${(f.ms / 1000).toFixed(1).padStart(6)} s  ${f.name}`).join('\n')}\n`);
    }
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
module.exports = SummaryLineReporter;
