'use strict';
/**
 * One function instance (a child process of the local cloud). Plain JavaScript so it can be
 * forked as is, from jest or from an esbuild bundle alike.
 *
 *   node host.js <absolute path of index.js> <export name>
 *
 * Like the platform (docs/platform/limits.md, "Instances are reused"): the function's
 * module is loaded once, on the first invocation (a cold start), and then serves one invocation
 * at a time for as long as the instance lives, module state kept (a warm instance).
 *
 * Per invocation the parent sends the environment the platform sets for that call; it is laid
 * over the instance's own start-up environment and taken off again afterwards, together with
 * anything the function itself put into process.env, so nothing leaks from one caller to the
 * next. What the function writes to stdout/stderr travels back over IPC, tagged with the
 * invocation, ahead of its result (IPC keeps order), so the parent can show each call's log.
 *
 * Messages: parent -> { type: 'invoke', id, event, context, env }
 *           host   -> { type: 'ready' } | { type: 'log', id, stream, text }
 *                     | { type: 'done', id, ok: true, json, bytes, cold }
 *                     | { type: 'done', id, ok: false, error, cold }
 */
const [entry, exportName = 'main'] = process.argv.slice(2);
const RESULT_LIMIT_BYTES = 1024 * 1024;

const baseline = { ...process.env };
/** @type {string | null} */
let current = null;
/** @type {Record<string, unknown> | undefined} */
let loaded;

function send(message) {
  if (process.connected) process.send(message);
}

function capture(stream, name) {
  stream.write = function write(chunk, encoding, callback) {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    send({ type: 'log', id: current, stream: name, text });
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done);
    return true;
  };
}

/** process.env := the start-up environment plus `extra`; everything else removed. */
function resetEnv(extra) {
  for (const name of Object.keys(process.env)) if (!Object.prototype.hasOwnProperty.call(baseline, name)) delete process.env[name];
  Object.assign(process.env, baseline, extra || {});
}

function describe(error) {
  if (error instanceof Error) return error.stack || `${error.name}: ${error.message}`;
  try {
    return `thrown: ${JSON.stringify(error)}`;
  } catch {
    return `thrown: ${String(error)}`;
  }
}

async function invoke(message) {
  current = message.id;
  resetEnv(message.env);
  const cold = loaded === undefined;
  try {
    if (loaded === undefined) loaded = require(entry);
    const main = loaded[exportName];
    if (typeof main !== 'function') throw new Error(`handler not found: ${exportName} is not a function exported by ${entry}`);
    const value = await main(message.event, message.context);
    // The platform hands the caller the JSON of the returned value.
    const text = JSON.stringify(value);
    const json = text === undefined ? null : text;
    const bytes = json === null ? 0 : Buffer.byteLength(json, 'utf8');
    send({ type: 'done', id: message.id, ok: true, json: bytes > RESULT_LIMIT_BYTES ? null : json, bytes, cold });
  } catch (error) {
    send({ type: 'done', id: message.id, ok: false, error: describe(error), cold });
  } finally {
    current = null;
    resetEnv();
  }
}

capture(process.stdout, 'stdout');
capture(process.stderr, 'stderr');
process.on('message', (message) => {
  if (message && message.type === 'invoke') void invoke(message);
});
// An instance never outlives the local cloud that started it.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
