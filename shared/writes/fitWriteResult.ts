import type { ErrorBody } from '../errors';
import type { WriteOutcome } from './types';

/** What a write result says when its outcomes' error texts were left out to fit. */
export const TRIMMED_NOTE = 'Error texts (detail, upstreamMessage, cause) were left out of each outcome to keep the result under the 1 MB limit of a function result; every outcome, its code and the audit record are complete.';

/**
 * A write's result over the platform's 1 MB result limit (-604001, docs/platform/limits.md, "The
 * result: at most 1 MB"; docs/errors.md, "What always holds") must not become an error once the
 * writes were sent: the caller would lose what happened to each account ("nothing dropped"). Only
 * an upstream that answers with very long error messages can make 100 outcomes that large, so those
 * texts go: each outcome keeps its target, kind, requests sent and its error's code, name, source,
 * catalog message, retry class and hint. createHandler measures again and refuses only if that
 * still does not fit.
 */
export function fitWriteResult<R extends { outcomes?: WriteOutcome[] }>(result: R): R & { trimmed?: string } {
  if (!result.outcomes) return result;
  return { ...result, outcomes: result.outcomes.map(compactOutcome), trimmed: TRIMMED_NOTE };
}

function compactOutcome(outcome: WriteOutcome): WriteOutcome {
  if (!outcome.error) return outcome;
  return { ...outcome, error: compactError(outcome.error) };
}

function compactError(error: ErrorBody): ErrorBody {
  const { code, name, source, message, retryable, hint } = error;
  return { code, name, source, message, retryable, hint };
}
