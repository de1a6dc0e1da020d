import { createError, LOCAL, type FieldIssue } from '../../errors';
import { describeValue } from '../../core/describeValue';
import { registerSecret } from '../../secrets/redact';

/**
 * The token and its lifetime from a token endpoint's or the token service's answer, or a
 * TOKEN_PROVIDER_FAILED naming the field that is wrong. Such an answer is a bad answer, not a
 * transient failure: its cause is UPSTREAM_INVALID_BODY, so it is reported once and not retried
 * by any layer (an `expires_in` of "abc" used to cost 4 fetches per call, or, from the token
 * service, a fetch on every call). An absent `expires_in` takes the source's default lifetime.
 */
export function readTokenAnswer(
  body: Record<string, unknown>,
  tokenFields: readonly string[],
  defaultExpiresIn: number,
  source: string,
): { token: string; expiresIn: number } {
  const field = tokenFields.find((name) => body[name] !== undefined && body[name] !== null) ?? (tokenFields[0] as string);
  const token = body[field];
  // Registered before anything else is decided: a refused answer may still hold a live token.
  registerSecret(token);
  const issues: FieldIssue[] = [];
  if (typeof token !== 'string' || token === '') {
    issues.push({ field, expected: 'the token, a non-empty string', ...(token === undefined ? {} : { received: `(${typeof token})` }) });
  }
  const raw = body.expires_in;
  const expiresIn = raw === undefined || raw === null ? defaultExpiresIn : typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : raw;
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
    issues.push({ field: 'expires_in', expected: 'the token\'s lifetime in seconds, a number above 0', received: describeValue(raw) });
  }
  if (issues.length > 0) {
    const cause = createError(LOCAL.UPSTREAM_INVALID_BODY, { detail: `${source} answered without a usable ${issues.map((i) => i.field).join(' and ')}.`, issues });
    throw createError(LOCAL.TOKEN_PROVIDER_FAILED, { detail: cause.body.detail, cause });
  }
  return { token: token as string, expiresIn: expiresIn as number };
}
