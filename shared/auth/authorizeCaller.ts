import { createError, LOCAL } from '../errors';
import { CONSOLE_SOURCE, type CallerPolicy } from './callerPolicy';
import type { WxContext } from './wxContext';

export interface Caller {
  /** The source that started the call chain (`wx_client` for `wx_client,scf`), or `console`. */
  source: string;
  openid?: string;
}

/**
 * Decides from the context alone, before any upstream call (README, "Who may call"):
 *
 * - In a chain such as `wx_client,scf` (platform-notes.md) the first source is the one that
 *   started it, and it decides: a Mini Program user relayed by another function is still one.
 * - A call is a console test run only when nothing says otherwise: no SOURCE and no OPENID
 *   (platform-notes.md: console runs carry neither).
 * - What cannot be identified is refused: an OPENID without a source, an empty first source, a
 *   Mini Program call without an OPENID.
 */
export function authorizeCaller(context: WxContext, policy: CallerPolicy, functionName: string): Caller {
  const openid = typeof context.OPENID === 'string' && context.OPENID !== '' ? context.OPENID : undefined;
  const refuse = (detail: string) => createError(LOCAL.CALLER_NOT_ALLOWED, { functionName, detail });
  const rawSource = typeof context.SOURCE === 'string' ? context.SOURCE.trim() : '';

  let source: string;
  if (rawSource === '') {
    if (openid !== undefined) throw refuse('The call carries an OPENID but no call source (TCB_SOURCE), so where it came from cannot be told.');
    source = CONSOLE_SOURCE;
  } else {
    source = (rawSource.split(',')[0] ?? '').trim();
    if (source === '') throw refuse(`The call source "${rawSource}" does not say what started the call.`);
  }

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
