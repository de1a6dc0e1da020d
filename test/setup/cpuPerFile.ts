import { appendFileSync } from 'node:fs';
import path from 'node:path';

/**
 * With TEST_CPU_LOG=<file> set, appends one line per test file: the CPU its jest worker spent on
 * it (children such as Chromium, npm or the CloudBase CLI not included) and its wall time. For
 * finding where the suite's time goes (docs/testing.md): a loaded machine stretches wall time,
 * CPU much less.
 */
const log = process.env.TEST_CPU_LOG;
if (log) {
  const cpuMs = () => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  };
  // From before the test file is loaded (its imports count) to its last hook but its own afterAll.
  const cpuAtStart = cpuMs();
  const wallAtStart = Date.now();
  afterAll(() => {
    const file = path.relative(path.resolve(__dirname, '..', '..'), expect.getState().testPath ?? '?');
    appendFileSync(log, `${JSON.stringify({ file, cpuMs: Math.round(cpuMs() - cpuAtStart), wallMs: Date.now() - wallAtStart })}\n`);
  });
}
