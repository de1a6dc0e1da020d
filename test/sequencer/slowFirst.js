'use strict';
/**
 * The order jest starts test files in (jest.config.js, testSequencer): the longest first, so
 * that the workers end together instead of one running a 40 s file alone at the end.
 *
 * jest does this by itself from the durations it keeps in its cache; a clean checkout (CI, a new
 * clone) has none, and jest then orders by file size, which put the deploy test, the npm script
 * tests and some browser tests among the last files. Here a file without a recorded duration
 * gets the estimate below instead (rough seconds on a quiet 2-core machine, docs/testing.md);
 * a file that failed last time still goes first, and recorded durations win over estimates.
 */
const Sequencer = require('@jest/test-sequencer').default;

/** Files that start other processes (the CloudBase CLI, npm, Chromium) or run long syncs. */
const ESTIMATES = [
  [/test\/tools\/deploy\.test\.ts$/, 15],
  [/\.browser\.test\.ts$/, 20],
  [/test\/scripts\/[^/]+\.test\.ts$/, 20],
  [/test\/integration\/(componentReconcile[^/]*|syncKilledRun|syncLists|syncAuthorizers)\.test\.ts$/, 15],
  [/test\/localcloud\/invoke\.test\.ts$/, 10],
  [/test\/typecheck\.test\.ts$/, 15],
  [/test\/integration\/[^/]+\.test\.ts$/, 2],
];

/** Any other file: about a second, a little more for a larger file. */
const BY_SIZE_MS_PER_KB = 50;

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const estimate = (test) => {
      const rule = ESTIMATES.find(([pattern]) => pattern.test(test.path.replace(/\\/g, '/')));
      if (rule) return rule[1] * 1000;
      return 1000 + ((test.context.hasteFS.getSize(test.path) ?? 0) / 1024) * BY_SIZE_MS_PER_KB;
    };
    const ordered = tests.map((test) => {
      // jest reads `duration` (a recorded one only) to choose between workers and the main process.
      test.duration = this.time(test);
      return { test, failed: this.hasFailed(test), ms: test.duration ?? estimate(test) };
    });
    ordered.sort((a, b) => (a.failed !== b.failed ? (a.failed ? -1 : 1) : b.ms - a.ms));
    return ordered.map(({ test }) => test);
  }
}

module.exports = SlowFirstSequencer;
