'use strict';
// Child process of the cold-start benchmark: load one function, complete its first invocation,
// report the result's errCode, where the time went, and the peak memory, then exit. The same
// script runs every variant.
const [fnPath, eventJson] = process.argv.slice(2);
const startedAt = performance.now(); // time since this process started: node's own start-up
const fn = require(fnPath);
const loadedAt = performance.now();
fn.main(JSON.parse(eventJson), { time_limit_in_ms: 10000, request_id: 'bench', function_name: 'bench' }).then((result) => {
  const doneAt = performance.now();
  process.stdout.write(
    JSON.stringify({
      errCode: result.errCode,
      maxRssKb: process.resourceUsage().maxRSS,
      nodeStartMs: startedAt,
      loadMs: loadedAt - startedAt,
      invokeMs: doneAt - loadedAt,
    }) + '\n',
  );
  process.exit(0);
});
