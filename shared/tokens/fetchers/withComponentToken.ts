import { createError, LOCAL, toWxError } from '../../errors';
import type { Deadline } from '../../core/deadline';
import type { TokenSource } from '../../transport/tokenSource';
import { withTokenRetry } from '../../transport/withTokenRetry';

/** A rejected component_access_token is replaced once (withTokenRetry); rejected again, the provider has failed. */
export async function withComponentToken<T>(componentTokens: TokenSource, deadline: Deadline, call: (token: string) => Promise<T>): Promise<T> {
  try {
    return await withTokenRetry(componentTokens, deadline, call);
  } catch (thrown) {
    const cause = toWxError(thrown);
    throw cause.retry === 'token' ? createError(LOCAL.TOKEN_PROVIDER_FAILED, { detail: 'The component_access_token was rejected twice.', cause }) : cause;
  }
}
