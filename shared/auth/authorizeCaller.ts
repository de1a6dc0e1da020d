import { createError, LOCAL } from '../errors';
import { CONSOLE_SOURCE, type CallerPolicy } from './callerPolicy';
import type { WxContext } from './wxContext';

export interface Caller {
  /** The source that started the call chain (`wx_client` for `wx_client,scf`), or `console`. */
  source: string;
  openid?: string;
}

/**
 * Decides from the context alone, before any upstream call. In a chain such as `wx_client,scf`
 * (platform-notes.md) the first source is the one that started it, and it decides: a Mini
 * Program user relayed by another function is still a Mini Program user.
 */
export function authorizeCaller(context: WxContext, policy: CallerPolicy, functionName: string): Caller {
  const chain = typeof context.SOURCE === 'string' && context.SOURCE !== '' ? context.SOURCE.split(',') : [CONSOLE_SOURCE];
  const source = (chain[0] ?? CONSOLE_SOURCE).trim();
  const openid = typeof context.OPENID === 'string' && context.OPENID !== '' ? context.OPENID : undefined;

  if (source === 'wx_client') {
    if (openid !== undefined && policy.adminOpenids.has(openid)) return { source, openid };
    throw createError(LOCAL.CALLER_NOT_ALLOWED, {
      functionName,
      detail: openid === undefined
        ? 'A Mini Program call without an OPENID cannot be authorized.'
        : `This Mini Program user (OPENID ${openid}) is not in ADMIN_OPENIDS.`,
    });
  }
  if (policy.allowedSources.has(source)) return openid === undefined ? { source } : { source, openid };
  throw createError(LOCAL.CALLER_NOT_ALLOWED, {
    functionName,
    detail: `Calls from source "${source}" are not allowed; add it to ALLOWED_SOURCES to allow them.`,
  });
}
