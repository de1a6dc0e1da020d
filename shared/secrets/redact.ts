import { setOwn } from '../core/ownKeys';

/**
 * Redaction of credentials (access tokens, app secrets, refresh tokens, verify tickets).
 *
 * Two layers, because either alone leaks: every secret value this instance ever handles is
 * registered here the moment it is read or received, and is replaced wherever it appears; and
 * the well-known carriers (`access_token=` in a URL, `"secret": "..."` in a JSON body) are masked
 * by pattern even for values nobody registered (platform-notes.md, "Tokens": never log URLs that
 * carry access_token or bodies that carry secrets).
 */
const MASK = '***';
const MIN_SECRET_LENGTH = 8; // real tokens and secrets are far longer; short values would mask ordinary words
const registered = new Set<string>();
/** Longest first, so a secret that contains another is masked whole; rebuilt only on change. */
let longestFirst: string[] = [];

/** Remember a secret so that `redact` masks it anywhere it shows up later. */
export function registerSecret(value: unknown): void {
  if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH && !registered.has(value)) {
    registered.add(value);
    longestFirst = [...registered].sort((a, b) => b.length - a.length);
  }
}

const SECRET_KEYS =
  'access_token|component_access_token|authorizer_access_token|authorizer_refresh_token|refresh_token|' +
  'component_verify_ticket|verify_ticket|secret|appsecret|app_secret|component_appsecret|token|' +
  'accessToken|refreshToken|componentAccessToken|authorizerAccessToken|authorizerRefreshToken|wxCloudApiToken';
const QUERY_PATTERN = new RegExp(`([?&](?:${SECRET_KEYS})=)[^&#\\s"']*`, 'gi');
const JSON_PATTERN = new RegExp(`("(?:${SECRET_KEYS})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*(")`, 'gi');

/** Every carrier pattern names one of these words; a text without them is skipped cheaply. */
const CARRIER_HINT = /token|secret|ticket/i;
/** Nothing shorter than the shortest carrier word ("token") can need redaction. */
const SHORTEST_MATCH = 5;

export function redact(text: string): string {
  let out = text;
  for (const secret of longestFirst) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  if (!CARRIER_HINT.test(out)) return out;
  return out.replace(QUERY_PATTERN, `$1${MASK}`).replace(JSON_PATTERN, `$1${MASK}$2`);
}

/** Whether `text` holds anything `redact` might change (a cheap test; redact itself is not). */
export function mayNeedRedaction(text: string): boolean {
  return CARRIER_HINT.test(text) || longestFirst.some((secret) => text.includes(secret));
}

/**
 * Whether any string inside a JSON-like value might need redaction. A result almost never does,
 * so this read-only walk (no copies, no serialization) keeps the final guard off the hot path;
 * `redactDeep` runs only when it says yes.
 */
export function mayNeedRedactionDeep(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.length >= SHORTEST_MATCH && mayNeedRedaction(value);
  if (typeof value !== 'object' || value === null) return false;
  if (depth >= MAX_DEPTH) return true; // redactDeep cuts it
  if (Array.isArray(value)) return value.some((v) => mayNeedRedactionDeep(v, depth + 1));
  for (const key in value) {
    if (mayNeedRedactionDeep((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/**
 * How deep the two walks here go. Events and answers are refused past 64 levels before anything
 * walks them (core/nesting.ts), so nothing real comes near; a value that does (a log field built
 * from something unchecked) is cut there, marked, instead of overflowing the stack of a logger.
 */
const MAX_DEPTH = 200;
const TOO_DEEP = '[nested too deeply: not shown]';

/** Redact every string inside a JSON-like value (results and log records). */
export function redactDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redact(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  // Data may carry a key named `__proto__` (kept since issue 11); setOwn keeps it.
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) setOwn(out, k, redactDeep(v, depth + 1));
  return out as T;
}
