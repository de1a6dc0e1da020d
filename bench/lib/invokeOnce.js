'use strict';
// Child process of the cold-start benchmark: load one function, complete its first invocation,
// report the result's errCode, where the time went, and the peak memory, then exit. The same
// script runs every variant. Timed with process.uptime / hrtime, not the `performance` global,
// whose first use loads perf_hooks (about 1 ms) into every measured process but bare node's.
const startedAtMs = process.uptime() * 1000; // since this process started: node's own start-up
const started = process.hrtime.bigint();
const [fnPath, eventJson] = process.argv.slice(2);
const fn = require(fnPath);
const loaded = process.hrtime.bigint();
fn.main(JSON.parse(eventJson), { time_limit_in_ms: 10000, request_id: 'bench', function_name: 'bench' }).then((result) => {
  const done = process.hrtime.bigint();
  const ms = (from, to) => Number(to - from) / 1e6;
  process.stdout.write(
    JSON.stringify({
      errCode: result.errCode,
      maxRssKb: process.resourceUsage().maxRSS,
      nodeStartMs: startedAtMs,
      loadMs: ms(started, loaded),
      invokeMs: ms(loaded, done),
    }) + '\n',
  );
  process.exit(0);
});
