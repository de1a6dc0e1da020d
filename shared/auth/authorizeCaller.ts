import { createError, LOCAL } from '../errors';
import { CONSOLE_SOURCE, type CallerPolicy } from './callerPolicy';
import type { WxContext } from './wxContext';
import type { Caller } from '../core/invocation';

/**
 * Who the context says is calling, read once for the decision below and for the audit of a
 * refused write: the source that started the chain (`CONSOLE_SOURCE` when the context names
 * none; empty when it names one without a first entry) and the OPENID, if any.
 */
export function callerOf(context: WxContext): { rawSource: string; source: string; openid?: string } {
  const openid = typeof context.OPENID === 'string' && context.OPENID !== '' ? context.OPENID : undefined;
  const rawSource = typeof context.SOURCE === 'string' ? context.SOURCE.trim() : '';
  const source = rawSource === '' ? CONSOLE_SOURCE : (rawSource.split(',')[0] ?? '').trim();
  return openid === undefined ? { rawSource, source } : { rawSource, source, openid };
}

/**
 * Decides from the context alone, before any upstream call (README, "Who may call"):
 *
 * - In a chain such as `wx_client,scf` (docs/platform/call-sources.md, "`SOURCE` values") the
 *   first source is the one that started it, and it decides: a Mini Program user relayed by
 *   another function is still one.
 * - A call is a console test run only when nothing says otherwise: no SOURCE and no OPENID
 *   (docs/platform/call-sources.md, "Console runs, timers and cloud calls": they carry neither).
 * - What cannot be identified is refused: an OPENID without a source, an empty first source, a
 *   Mini Program call without an OPENID.
 */
export function authorizeCaller(context: WxContext, policy: CallerPolicy, functionName: string): Caller {
  const { rawSource, source, openid } = callerOf(context);
  const refuse = (detail: string) => createError(LOCAL.CALLER_NOT_ALLOWED, { functionName, detail });
  if (rawSource === '' && openid !== undefined) throw refuse('The call carries an OPENID but no call source (TCB_SOURCE), so where it came from cannot be told.');
  if (source === '') throw refuse(`The call source "${rawSource}" does not say what started the call.`);

  if (source === 'wx_client') {
    if (openid !== undefined && policy.adminOpenids.has(openid)) return { source, openid };
    throw refuse(
      openid === undefined
        ? 'A Mini Program call without an OPENID cannot be authorized.'
        : `This Mini Program user (OPENID ${openid}) is not in ADMIN_OPENIDS.`,
    );
  }
  if (policy.allowedSources.has(source)) return openid === undefined ? { source } : { source, openid };
  throw refuse(
    source === CONSOLE_SOURCE
      ? 'Console test runs are not allowed; add "console" to ALLOWED_SOURCES to allow them.'
      : `Calls from source "${source}" are not allowed; add it to ALLOWED_SOURCES to allow them.`,
  );
}
