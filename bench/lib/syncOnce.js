'use strict';
// Child process of the sync database benchmark: the built syncLists, run once in this process
// (the function's machine) with a 60 s limit, its envelope sent to the parent. The emulator (the
// database and WeChat) stays in the parent; the parent may kill this process part-way.
const [fnPath, limitMs] = process.argv.slice(2);
const { main } = require(fnPath);

main({}, { time_limit_in_ms: Number(limitMs), request_id: `bench-sync-${process.pid}`, function_name: 'syncLists' }).then(
  (result) => process.send({ result }, () => process.exit(0)),
  (error) => process.send({ error: String(error && error.message) }, () => process.exit(1)),
);
