import { createError, LOCAL, toWxError, type WxError } from '../errors';
import type { Logger } from '../core/logger';
import type { Deadline } from '../core/deadline';
import { answerMayBeLost, WRITE_RETRY_POLICY } from '../transport/retryPolicy';
import { sendRequest } from '../transport/sendRequest';
import type { Transport } from '../transport/types';
import type { Reread, WriteOutcome, WriteSpec } from './types';

/** A re-read (one list walk) is not started with less time than this left. */
export const REREAD_MIN_MS = 300;

const sendWrite = (transport: Transport, spec: WriteSpec, deadline: Deadline) =>
  sendRequest(transport, spec.request, deadline, { policy: WRITE_RETRY_POLICY });

/**
 * Sends one write once (never retried with backoff: WRITE_RETRY_POLICY), and decides its outcome:
 * - ok: `changed`;
 * - a code that means "already so" (alreadyDone): `unchanged`;
 * - an ambiguous state code (decideByReread): a re-read says `unchanged` (already in the wanted
 *   state) or `failed` with WeChat's error;
 * - a lost answer (answerMayBeLost: timeout, reset, 5xx): one re-read; already applied ->
 *   `changed` without resending; still actionable -> sent once more; neither -> `failed`;
 *   re-read impossible -> `failed` with WRITE_OUTCOME_UNKNOWN (never resent blindly);
 * - anything else (parameters, permissions, quota): `failed`, never retried.
 */
export async function writeOnce(transport: Transport, spec: WriteSpec, deadline: Deadline, log: Logger): Promise<Omit<WriteOutcome, 'appid' | 'flag'>> {
  const context = { functionName: spec.request.api.name, apiName: spec.request.api.cloudApi };
  try {
    await sendWrite(transport, spec, deadline);
    return { outcome: 'changed', sent: 1 };
  } catch (thrown) {
    const error = toWxError(thrown, context);
    if (spec.alreadyDone?.has(error.code)) return { outcome: 'unchanged', sent: 1 };
    if (spec.decideByReread?.has(error.code)) {
      const reread = await tryReread(spec, deadline, log);
      if (reread?.state === 'wanted') return { outcome: 'unchanged', sent: 1, decidedByReread: true };
      if (reread === undefined) return { outcome: 'failed', sent: 1, error: error.body };
      // The code alone says only what the target is not (89240: not pending); the re-read says what it is.
      const body = reread.now === undefined ? error.body : createError(error.code, { ...context, upstreamMessage: error.body.upstreamMessage, requestId: error.body.requestId, detail: `${error.entry.en}: ${reread.now}.` }).body;
      return { outcome: 'failed', sent: 1, decidedByReread: true, error: body };
    }
    if (!answerMayBeLost(error)) return { outcome: 'failed', sent: 1, error: error.body };

    log.warn('write answer lost', { errCode: error.code, name: error.entry.name });
    const state = (await tryReread(spec, deadline, log))?.state;
    if (state === undefined) return { outcome: 'failed', sent: 1, answerLost: { resolution: 'unknown' }, error: unknownOutcome(error, context).body };
    if (state === 'wanted') return { outcome: 'changed', sent: 1, answerLost: { resolution: 'applied' } };
    if (state === 'other') return { outcome: 'failed', sent: 1, answerLost: { resolution: 'not_applied' }, error: error.body };
    // The re-read shows the write did not take effect and still can: send it once more, once.
    try {
      await sendWrite(transport, spec, deadline);
      return { outcome: 'changed', sent: 2, answerLost: { resolution: 'resent' } };
    } catch (again) {
      const second = toWxError(again, context);
      const body = answerMayBeLost(second) ? unknownOutcome(second, context).body : second.body;
      return { outcome: 'failed', sent: 2, answerLost: { resolution: 'resent' }, error: body };
    }
  }
}

async function tryReread(spec: WriteSpec, deadline: Deadline, log: Logger): Promise<Reread | undefined> {
  if (deadline.remaining() < REREAD_MIN_MS) return undefined;
  try {
    return await spec.reread();
  } catch (thrown) {
    const error = toWxError(thrown);
    log.warn('re-read failed', { errCode: error.code, name: error.entry.name });
    return undefined;
  }
}

function unknownOutcome(cause: WxError, context: { functionName?: string; apiName?: string }): WxError {
  return createError(LOCAL.WRITE_OUTCOME_UNKNOWN, {
    ...context,
    cause,
    detail: 'The answer to this write was lost and the list could not be re-read in time to see whether it took effect; it was not resent.',
  });
}
