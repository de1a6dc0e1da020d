import type { EmulatedClock } from '../clock';

/**
 * Daily call quotas per endpoint name and appid (docs/platform/tokens.md, "Quotas: fetch in one
 * place").
 * Counts reset when the emulated (Beijing) day changes. Only calls that pass credential
 * checks are charged, as on the platform.
 */
export class DailyQuota {
  private used = new Map<string, number>();

  constructor(
    private readonly clock: EmulatedClock,
    private readonly limits: Partial<Record<string, number>>,
  ) {}

  /** Charges one call; false when the day's limit is already used up (answer 45009). */
  take(endpoint: string, appid: string): boolean {
    const limit = this.limits[endpoint];
    if (limit === undefined) return true;
    const key = `${this.clock.day()}|${endpoint}|${appid}`;
    const count = this.used.get(key) ?? 0;
    if (count >= limit) return false;
    this.used.set(key, count + 1);
    return true;
  }

  reset(): void {
    this.used.clear();
  }
}
