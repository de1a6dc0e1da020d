import { toWxError } from '../errors';
import type { Deadline } from '../core/deadline';
import type { TokenSource } from './tokenSource';

/**
 * The one "rejected token" rule (docs/platform/tokens.md, "Rules the best SDKs settled on"): call
 * with the current token; if the API rejects it (40001/40014/42001), forget it only if it is still
 * current, and make the call once more with a fresh one, never more. `mayRetry` lets a caller
 * refuse the second try (a token that cannot be refreshed, or a request that already refreshed
 * once).
 */
export async function withTokenRetry<T>(
  tokens: TokenSource,
  deadline: Deadline,
  call: (token: string) => Promise<T>,
  mayRetry: () => boolean = () => true,
): Promise<T> {
  const token = await tokens.getToken(deadline);
  try {
    return await call(token);
  } catch (thrown) {
    const error = toWxError(thrown);
    if (error.retry !== 'token' || !mayRetry()) throw error;
    await tokens.invalidate(token, deadline);
    return call(await tokens.getToken(deadline));
  }
}
