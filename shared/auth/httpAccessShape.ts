import { createError, LOCAL } from '../errors';

/**
 * Whether an event has the shape the CloudBase HTTP access service delivers: `httpMethod`,
 * `headers` and `requestContext` together (docs/platform/call-sources.md). Such a request comes
 * from anyone on the internet, and what that service puts in the context (TCB_SOURCE) is not
 * documented: `wx_http` is a different thing, WeChat's HTTP API for invoking a function with the
 * account's own access token (`/tcb/invokecloudfunction`). So the shape decides, not the source.
 */
export function isHttpAccessShaped(event: unknown): boolean {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return false;
  const e = event as Record<string, unknown>;
  return 'httpMethod' in e && 'headers' in e && 'requestContext' in e;
}

/**
 * Every function but componentEvents (the open platform's event URL and the authorization
 * redirect page, which check their own signatures) refuses such an event before anything else:
 * no caller decision that a missing source could turn into "console test run", no database read,
 * no WeChat call, and no audit record (a forged request must cost nothing).
 */
export function refuseHttpAccessEvent(event: unknown, functionName: string): void {
  if (!isHttpAccessShaped(event)) return;
  throw createError(LOCAL.HTTP_ACCESS_REFUSED, {
    functionName,
    detail: `${functionName} is not served over the HTTP access service; only componentEvents is. Nothing was read or called.`,
  });
}
