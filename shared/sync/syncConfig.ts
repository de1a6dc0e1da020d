import { envValue } from '../core/envValue';
import { createError, LOCAL } from '../errors';

export interface SyncConfig {
  /**
   * How long an application may stay pending before the platform times it out (status 4,
   * "已超时" in 002; 4 "timeout" in 000). Neither document states the period, so it is
   * configurable: PENDING_EXPIRY_DAYS, default 7.
   */
  pendingExpirySeconds: number;
  /** Warn this long before that: EXPIRY_WARNING_HOURS, default 24. */
  expiryWarningSeconds: number;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = envValue(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    throw createError(LOCAL.CONFIG_INVALID, { detail: `${name} must be a number greater than 0 and at most ${max}, got "${raw}".` });
  }
  return value;
}

export function syncConfigFromEnv(env: NodeJS.ProcessEnv): SyncConfig {
  const days = positiveNumber(env, 'PENDING_EXPIRY_DAYS', 7, 365);
  const hours = positiveNumber(env, 'EXPIRY_WARNING_HOURS', 24, 24 * 365);
  return { pendingExpirySeconds: Math.round(days * 86400), expiryWarningSeconds: Math.round(hours * 3600) };
}
