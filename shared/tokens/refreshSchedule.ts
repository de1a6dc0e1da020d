/**
 * When to refresh a token that lives `expiresInSeconds`: `aheadMs` before expiry (the best SDKs use
 * 100 to 500 s: docs/platform/tokens.md, "Rules the best SDKs settled on"), but never earlier than
 * half its life, so a short-lived token is not refreshed on every call.
 */
export const DEFAULT_REFRESH_AHEAD_MS = 300_000;

export function schedule(obtainedAt: number, expiresInSeconds: number, aheadMs = DEFAULT_REFRESH_AHEAD_MS) {
  const lifeMs = Math.max(0, expiresInSeconds * 1000);
  return { expiresAt: obtainedAt + lifeMs, refreshAt: obtainedAt + Math.max(lifeMs - aheadMs, lifeMs / 2) };
}
