'use strict';
// Child process of the listing benchmark: load the built getOwnList, warm it with one whole listing
// (SDK, token, connections, compiled code), then list the whole list one way and report how long that took. The
// emulator stays in the parent process, as WeChat's servers are not in the function's process.
const [fnPath, mode, pageSize] = process.argv.slice(2);
const { main } = require(fnPath);
const context = { time_limit_in_ms: 60000, request_id: 'bench', function_name: 'getOwnList' };

async function listByHand() {
  let next = 0;
  let total = 0;
  while (next !== null) {
    const page = await main({ start: next, num: Number(pageSize) }, context);
    if (page.errCode !== 0) return page;
    total += page.paging.returned;
    next = page.paging.nextStart;
  }
  return { errCode: 0, total };
}

async function run() {
  // Warm like a warm instance: SDK loaded (the size hint is read from the database), token
  // cached, code compiled; the latency is added only after this.
  const warm = await main({ all: true }, context);
  if (warm.errCode !== 0) throw new Error(warm.errMsg);
  process.send('warm');
  await new Promise((resolve) => process.once('message', resolve));
  const started = performance.now();
  const result = mode === 'all' ? await main({ all: true }, context) : await listByHand();
  const ms = performance.now() - started;
  const total = mode === 'all' ? result.paging && result.paging.total : result.total;
  process.send({ ms, errCode: result.errCode, errMsg: result.errMsg, total }, () => process.exit(0));
}

run().catch((error) => process.send({ errCode: -1, errMsg: String(error && error.message) }));
