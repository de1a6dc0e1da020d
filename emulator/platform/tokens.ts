import { randomBytes } from 'node:crypto';
import type { EmulatedClock } from '../clock';
import type { TokenKind } from '../types';

/**
 * Credentials of the HTTPS path (docs/platform/tokens.md):
 * access tokens of three kinds, the authorizer refresh token, and component_verify_tickets.
 *
 * Rules modelled:
 * - each refresh for an appid issues a new access token; the previous one keeps working
 *   `overlapSeconds`, then answers 40001 ("not latest");
 * - a token past its ttl answers 42001; an unknown well-formed token 40001;
 *   a malformed one (empty, wrong charset, absurd length) 40014; a missing one 41001;
 * - the refresh token may rotate; a retired one answers 61023;
 * - a ticket is valid 12 hours from its push; unknown tickets answer 61006, stale ones 61005.
 */

interface AccessTokenRecord {
  value: string;
  kind: TokenKind;
  appid: string;
  issuedAt: number;
  expiresAt: number;
  /** Set once a newer token for the same kind+appid exists. */
  graceUntil?: number;
  forcedExpired?: boolean;
  invalidated?: boolean;
}

export type TokenCheck =
  | { ok: true; kind: TokenKind; appid: string }
  | { ok: false; errcode: 40001 | 40014 | 41001 | 42001 };

export interface TokenRules {
  ttlSeconds: number;
  overlapSeconds: number;
  rotateRefreshToken: boolean;
}

const TICKET_VALID_SECONDS = 12 * 3600;
const WELL_FORMED_TOKEN = /^[A-Za-z0-9_-]{16,512}$/;

function opaque(prefix: string, bytes: number): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

export class TokenAuthority {
  private tokens = new Map<string, AccessTokenRecord>();
  private current = new Map<string, string>();
  private issuedCount: Record<TokenKind, number> = { stable: 0, component: 0, authorizer: 0 };
  /** The current authorizer_refresh_token of each authorized appid. */
  private refresh = new Map<string, string>();
  private tickets: Array<{ value: string; validUntil: number }> = [];

  constructor(
    private readonly clock: EmulatedClock,
    private readonly rules: TokenRules,
    private readonly initialRefreshToken: string,
    /** The authorizer the single-account API (`refreshToken()` ...) speaks of. */
    private readonly defaultAuthorizer = '',
  ) {
    this.refresh.set(defaultAuthorizer, initialRefreshToken);
    this.pushTicket();
  }

  reset(): void {
    this.tokens.clear();
    this.current.clear();
    this.issuedCount = { stable: 0, component: 0, authorizer: 0 };
    this.refresh = new Map([[this.defaultAuthorizer, this.initialRefreshToken]]);
    this.tickets = [];
    this.pushTicket();
  }

  get ttlSeconds(): number {
    return this.rules.ttlSeconds;
  }

  /** Issues a new access token; the previous one for the same kind+appid enters its overlap. */
  issue(kind: TokenKind, appid: string): { value: string; expiresIn: number } {
    const now = this.clock.now();
    const slot = `${kind}|${appid}`;
    const previous = this.tokens.get(this.current.get(slot) ?? '');
    if (previous && previous.graceUntil === undefined) previous.graceUntil = now + this.rules.overlapSeconds;
    const value = opaque(kind === 'component' ? '61_' : kind === 'authorizer' ? '62_' : '86_', 96);
    this.tokens.set(value, { value, kind, appid, issuedAt: now, expiresAt: now + this.rules.ttlSeconds });
    this.current.set(slot, value);
    this.issuedCount[kind] += 1;
    return { value, expiresIn: this.rules.ttlSeconds };
  }

  /** The latest token for kind+appid while it is still fully valid (stable_token reuses it). */
  currentValid(kind: TokenKind, appid: string): { value: string; expiresIn: number } | undefined {
    const record = this.tokens.get(this.current.get(`${kind}|${appid}`) ?? '');
    if (!record || record.invalidated || record.forcedExpired) return undefined;
    const remaining = record.expiresAt - this.clock.now();
    return remaining > 0 ? { value: record.value, expiresIn: remaining } : undefined;
  }

  check(value: string | null): TokenCheck {
    if (value === null) return { ok: false, errcode: 41001 };
    if (!WELL_FORMED_TOKEN.test(value)) return { ok: false, errcode: 40014 };
    const record = this.tokens.get(value);
    if (!record || record.invalidated) return { ok: false, errcode: 40001 };
    if (record.forcedExpired) return { ok: false, errcode: 42001 };
    const now = this.clock.now();
    if (record.graceUntil !== undefined && now >= record.graceUntil) return { ok: false, errcode: 40001 };
    if (now >= record.expiresAt) return { ok: false, errcode: 42001 };
    return { ok: true, kind: record.kind, appid: record.appid };
  }

  expire(value: string): void {
    const record = this.tokens.get(value);
    if (!record) throw new Error('tokens.expire: the emulator never issued that token');
    record.forcedExpired = true;
  }

  invalidate(value: string): void {
    const record = this.tokens.get(value);
    if (!record) throw new Error('tokens.invalidate: the emulator never issued that token');
    record.invalidated = true;
  }

  issued(kind?: TokenKind): number {
    if (kind) return this.issuedCount[kind];
    return this.issuedCount.stable + this.issuedCount.component + this.issuedCount.authorizer;
  }

  refreshToken(appid = this.defaultAuthorizer): string {
    return this.refresh.get(appid) ?? '';
  }

  /** 0 when the refresh token is the appid's current one, else 61023. */
  checkRefreshToken(value: unknown, appid = this.defaultAuthorizer): 0 | 61023 {
    const current = this.refresh.get(appid);
    return typeof value === 'string' && current !== undefined && value === current ? 0 : 61023;
  }

  /** Hands out the refresh token to return with a new authorizer token, rotating when configured. */
  nextRefreshToken(appid = this.defaultAuthorizer): string {
    return this.rules.rotateRefreshToken ? this.grantRefreshToken(appid) : this.refreshToken(appid);
  }

  /** A new authorization (api_query_auth) grants a fresh refresh token. */
  grantRefreshToken(appid: string): string {
    const value = opaque('refreshtoken@@@', 48);
    this.refresh.set(appid, value);
    return value;
  }

  /** A revoked authorization: its refresh token and every access token of the appid stop working. */
  revokeAuthorizer(appid: string): void {
    this.refresh.delete(appid);
    for (const record of this.tokens.values()) if (record.kind === 'authorizer' && record.appid === appid) record.invalidated = true;
  }

  verifyTicket(): string {
    const latest = this.tickets[this.tickets.length - 1];
    if (!latest) throw new Error('no verify ticket pushed');
    return latest.value;
  }

  pushTicket(): string {
    const value = opaque('ticket@@@', 64);
    this.tickets.push({ value, validUntil: this.clock.now() + TICKET_VALID_SECONDS });
    return value;
  }

  /** 0 when valid, 61005 when past its 12 hours, 61006 when never pushed. */
  checkTicket(value: unknown): 0 | 61005 | 61006 {
    const ticket = this.tickets.find((known) => known.value === value);
    if (!ticket) return 61006;
    return this.clock.now() >= ticket.validUntil ? 61005 : 0;
  }
}
