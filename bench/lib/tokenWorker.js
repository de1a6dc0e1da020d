'use strict';
// One warm instance of a built function in its own process, for the token-fetch benchmark and its
// test. It reads one JSON command per line on stdin and answers one JSON line on stdout:
//   {"advanceMs": n, "calls": c, "concurrency": k, "event": {...}}  moves this process's clock n ms
//   ahead (virtual time: the emulator's clock is moved by as much), then makes c calls, k at a
//   time, and answers {"codes": {"0": c}} (how many calls ended in each errCode);
//   {"exit": true} ends the process.
// The clock is moved by wrapping Date.now, which is what the function reads for token times and
// deadlines; nothing waits, so a round's figures do not depend on the machine's speed.
const realNow = Date.now.bind(Date);
let offsetMs = 0;
Date.now = () => realNow() + offsetMs;

const fn = require(process.argv[2]);
let requestId = 0;

async function run(command) {
  offsetMs += command.advanceMs || 0;
  const codes = {};
  let next = 0;
  const lane = async () => {
    while (next < command.calls) {
      next += 1;
      requestId += 1;
      const result = await fn.main(command.event || { num: 2 }, { time_limit_in_ms: command.timeLimitMs || 20000, request_id: `w${process.pid}-${requestId}`, function_name: 'tokenWorker' });
      const code = String(result && result.errCode);
      codes[code] = (codes[code] || 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: command.concurrency || 1 }, lane));
  return { codes };
}

let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let newline;
  while ((newline = buffer.indexOf('\n')) >= 0) {
    const line = buffer.slice(0, newline);
    buffer = buffer.slice(newline + 1);
    const command = JSON.parse(line);
    if (command.exit) process.exit(0);
    run(command).then(
      (answer) => process.stdout.write(`${JSON.stringify(answer)}\n`),
      (error) => process.stdout.write(`${JSON.stringify({ error: String(error && error.message) })}\n`),
    );
  }
});
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
