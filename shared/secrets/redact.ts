import { setOwn } from '../core/ownKeys';

/**
 * Redaction of credentials (access tokens, app secrets, refresh tokens, verify tickets).
 *
 * Two layers, because either alone leaks: every secret value this instance ever handles is
 * registered here the moment it is read or received, and is replaced wherever it appears; and
 * the API's own credential carriers are masked by pattern even for values nobody registered:
 * `access_token=` and its kin in a URL of the API itself (api.weixin.qq.com, WECHAT_API_BASE_URL,
 * the token service, any configured service URL: `registerApiOrigin`) or in a bare path such as
 * an echoed request line (`GET /x?access_token=…`), and WeChat's credential fields in JSON text
 * (`"component_appsecret": "..."`) (docs/platform/tokens.md: never log URLs that carry
 * access_token or bodies that carry secrets).
 *
 * What is deliberately kept: a parameter or field merely named like a credential anywhere else.
 * A CDN image URL with `?token=…` (an avatar's `headimg`), or an admin's `reason` that says
 * "token=…", is data, and masking it broke the image; a secret of ours in it is still masked,
 * being registered (docs/retries-and-deadlines.md, "What redaction masks").
 */
const MASK = '***';
const MIN_SECRET_LENGTH = 8; // real tokens and secrets are far longer; short values would mask ordinary words
const registered = new Set<string>();

/**
 * Which registered secrets a text holds, found in one pass over it however many are registered
 * (a third-party platform's instance registers a refresh token and an access token per account:
 * thousands). Each secret is filed under a hash of its first MIN_SECRET_LENGTH characters; a pass
 * rolls that hash along the text, one multiply and add per character, and compares the few
 * secrets filed under a hit (Rabin-Karp). With a thousand accounts' secrets registered, a pattern
 * alternating every secret took about 70 times as long per string.
 */
const WINDOW = MIN_SECRET_LENGTH;
const BASE = 0x01000193;
/** BASE to the power WINDOW - 1, modulo 2^32: the weight of the character leaving the window. */
const LEAVING_WEIGHT = Array.from({ length: WINDOW - 1 }).reduce<number>((w) => Math.imul(w, BASE), 1);
/** Secrets by the hash of their first WINDOW characters. */
const byWindowHash = new Map<number, string[]>();
/** Whether any secret's hash has these top 16 bits: most positions of a text end at this check. */
const maybeFiled = new Uint8Array(1 << 16);
/** The shortest registered secret's length: a shorter text (an appid, a name) holds none. */
let shortestSecret = Infinity;

function windowHash(text: string, start: number): number {
  let hash = 0;
  for (let k = 0; k < WINDOW; k++) hash = (Math.imul(hash, BASE) + text.charCodeAt(start + k)) | 0;
  return hash;
}

/** Calls `found` with each registered secret at each place it starts in `text`; stops when it returns true. */
function eachSecretIn(text: string, found: (secret: string) => boolean | void): void {
  if (text.length < shortestSecret) return;
  let hash = windowHash(text, 0);
  for (let i = 0; ; i++) {
    if (maybeFiled[hash >>> 16] === 1) {
      for (const secret of byWindowHash.get(hash) ?? []) if (text.startsWith(secret, i) && found(secret)) return;
    }
    if (i + WINDOW >= text.length) return;
    hash = (Math.imul(hash - Math.imul(text.charCodeAt(i), LEAVING_WEIGHT), BASE) + text.charCodeAt(i + WINDOW)) | 0;
  }
}

/** Remember a secret so that `redact` masks it anywhere it shows up later. */
export function registerSecret(value: unknown): void {
  if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH && !registered.has(value)) {
    registered.add(value);
    const hash = windowHash(value, 0);
    const filed = byWindowHash.get(hash);
    if (filed) filed.push(value);
    else byWindowHash.set(hash, [value]);
    maybeFiled[hash >>> 16] = 1;
    shortestSecret = Math.min(shortestSecret, value.length);
    fewPattern = undefined;
  }
}

/** WeChat's credential names, as query parameters and JSON fields (snake_case and the cloud path's camelCase). */
const SECRET_KEYS =
  'access_token|component_access_token|authorizer_access_token|authorizer_refresh_token|refresh_token|' +
  'component_verify_ticket|verify_ticket|secret|appsecret|app_secret|component_appsecret|' +
  'accessToken|refreshToken|componentAccessToken|authorizerAccessToken|authorizerRefreshToken|wxCloudApiToken';
const QUERY_PATTERN = new RegExp(`([?&](?:${SECRET_KEYS})=)[^&#\\s"']*`, 'gi');
const JSON_PATTERN = new RegExp(`("(?:${SECRET_KEYS})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*(")`, 'gi');
/**
 * A URL in free text, up to where a URL cannot go on: absolute (http, https), or a path standing
 * on its own (`GET /cgi-bin/x?access_token=…`: a request line echoed by an upstream or a proxy,
 * which can only be one of ours).
 */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>\\]+|(?<![\w.\/:@-])\/[^\s"'<>\\]*/gi;

/** Origins whose URLs carry the API's credentials in their query (lower case). */
const apiOrigins = new Set<string>(['https://api.weixin.qq.com']);

/**
 * Mark a configured URL's origin (WECHAT_API_BASE_URL, TOKEN_SERVICE_URL, a webhook) as one of the
 * API's own: a credential parameter in a URL of it is masked even if its value was never seen.
 */
export function registerApiOrigin(url: string | undefined): void {
  if (!url) return;
  try {
    apiOrigins.add(new URL(url).origin.toLowerCase());
  } catch {
    // not a URL: nothing to recognise it by
  }
}

function maskApiUrls(text: string): string {
  return text.replace(URL_IN_TEXT, (url) => (url.startsWith('/') || apiOrigins.has(originOf(url)) ? url.replace(QUERY_PATTERN, `$1${MASK}`) : url));
}

function originOf(url: string): string {
  try {
    return new URL(url).origin.toLowerCase();
  } catch {
    return '';
  }
}

/** Every carrier pattern names one of these words; a text without them is skipped cheaply. */
const CARRIER_HINT = /token|secret|ticket/i;
/** Nothing shorter than the shortest carrier word ("token") can need redaction. */
const SHORTEST_MATCH = 5;

export function redact(text: string): string {
  let out = text;
  let present: string[] | undefined;
  eachSecretIn(text, (secret) => {
    if (!present?.includes(secret)) (present ??= []).push(secret);
  });
  // Longest first, so a secret that contains another is masked whole.
  if (present) for (const secret of present.sort((a, b) => b.length - a.length)) out = out.split(secret).join(MASK);
  if (!CARRIER_HINT.test(out)) return out;
  return maskApiUrls(out).replace(JSON_PATTERN, `$1${MASK}$2`);
}

/**
 * Up to this many registered secrets (one account: its token, secret, ticket), mayNeedRedaction
 * tests one pattern of the carrier words and the secrets, the quickest test for a few; beyond
 * it, the words and then the rolling-hash index above, whose cost does not grow with the count.
 */
const FEW_SECRETS = 16;
/** The words-and-secrets pattern while there are few secrets; built on first use after a change. */
let fewPattern: RegExp | undefined;

/**
 * Whether `text` holds anything `redact` might change (a cheap test; redact itself is not): a
 * carrier word or a registered secret. Nothing shorter than the shortest carrier word can.
 */
export function mayNeedRedaction(text: string): boolean {
  if (text.length < SHORTEST_MATCH) return false;
  if (registered.size <= FEW_SECRETS) return (fewPattern ??= wordsAndSecretsPattern()).test(text);
  if (CARRIER_HINT.test(text)) return true;
  let found = false;
  eachSecretIn(text, () => (found = true));
  return found;
}

function wordsAndSecretsPattern(): RegExp {
  const secrets = [...registered].map((secret) => secret.replace(/[\\^$.*+?()[\]{}|\/-]/g, '\\$&'));
  return new RegExp([`(?:${CARRIER_HINT.source})`, ...secrets].join('|'), 'i');
}

/**
 * Whether any string inside a JSON-like value might need redaction. A result almost never does,
 * so this read-only walk (no copies, no serialization) keeps the final guard off the hot path;
 * `redactDeep` runs only when it says yes.
 */
export function mayNeedRedactionDeep(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return mayNeedRedaction(value);
  if (typeof value !== 'object' || value === null) return false;
  if (depth >= MAX_DEPTH) return true; // redactDeep cuts it
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (entryMayNeedRedaction(value[i], depth)) return true;
    return false;
  }
  for (const key in value) {
    if (entryMayNeedRedaction((value as Record<string, unknown>)[key], depth)) return true;
  }
  return false;
}

/** One entry of an object or array at `depth`: strings and numbers decided here, a page being mostly them. */
function entryMayNeedRedaction(v: unknown, depth: number): boolean {
  if (typeof v === 'string') return mayNeedRedaction(v);
  return typeof v === 'object' && v !== null && mayNeedRedactionDeep(v, depth + 1);
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
  // Data may carry a key named `__proto__`, kept like any field (docs/errors.md, "What always
  // holds": nothing dropped); setOwn keeps it.
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) setOwn(out, k, redactDeep(v, depth + 1));
  return out as T;
}
