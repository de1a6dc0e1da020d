// A write over many accounts: batches of at most 100 (one call each), one after another, with
// progress after each batch; the answers merged into one outcome per account. A call that fails
// as a whole stops the rest (its cause, such as a missing permission, would fail them too): its
// accounts carry its error, the later ones NOT_SENT. A lost answer is reported as such (the
// batch may have been applied) and nothing more is sent: a write is never retried blindly.
const { callFunction } = require('./cloud.js');
const { LOCAL, localEnvelope } = require('./errors.js');
const { MAX_PER_CALL } = require('./actions.js');

const EMPTY_SUMMARY = () => ({ changed: 0, unchanged: 0, failed: 0, not_attempted: 0 });

function chunks(list, size) {
  const out = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * spec: { fn, event (without appids), appids, onProgress({done, total}) }.
 * Resolves { dryRun, summary, outcomes: [{appid, outcome, error?, ...}], wouldSend, error?, calls }.
 */
async function runBulkWrite(spec) {
  const batches = chunks(spec.appids, MAX_PER_CALL);
  const result = { dryRun: spec.event.dryRun === true, summary: EMPTY_SUMMARY(), outcomes: [], wouldSend: [], calls: 0 };
  let done = 0;
  let stopped = null;
  const progress = () => spec.onProgress && spec.onProgress({ done, total: spec.appids.length });
  progress();
  for (const batch of batches) {
    if (stopped) {
      const notSent = localEnvelope(LOCAL.NOT_SENT, -1).error;
      batch.forEach((appid) => result.outcomes.push({ appid, outcome: 'not_attempted', error: notSent }));
      result.summary.not_attempted += batch.length;
      continue;
    }
    result.calls += 1;
    const envelope = await callFunction(spec.fn, Object.assign({}, spec.event, { appids: batch }), { write: true });
    if (envelope.errCode !== 0) {
      stopped = envelope;
      result.error = envelope;
      batch.forEach((appid) => result.outcomes.push({ appid, outcome: 'failed', error: envelope.error }));
      result.summary.failed += batch.length;
    } else if (envelope.dryRun) {
      (envelope.wouldSend || []).forEach((request) => result.wouldSend.push(request));
    } else {
      (envelope.outcomes || []).forEach((outcome) => result.outcomes.push(outcome));
      Object.keys(result.summary).forEach((k) => (result.summary[k] += (envelope.summary && envelope.summary[k]) || 0));
    }
    done += batch.length;
    progress();
  }
  return result;
}

module.exports = { runBulkWrite, chunks };
