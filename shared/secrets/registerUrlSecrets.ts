import { registerApiOrigin, registerSecret } from './redact';

/**
 * A configured URL (TOKEN_SERVICE_URL; WECOM_WEBHOOK_URL and the like) may carry its credential
 * in the query (`?key=...`), the userinfo (`https://user:pass@host/`) or a path segment
 * (`/tokensvc/<key>/token`), and a service's error page often repeats the request path with its
 * query. Every query value, every `name=value` pair, the whole query, the userinfo and every path
 * segment that looks like a key (`looksLikeKey`) are registered as secrets, in the forms they can
 * be echoed in (as written, and decoded), so `redact` masks them wherever they appear. Values
 * shorter than redact.ts's minimum are not masked (they would mask ordinary words); the whole
 * query still is.
 */
export function registerUrlSecrets(url: string | undefined): void {
  if (!url) return;
  registerApiOrigin(url); // its own URLs' credential parameters are masked by pattern too
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    registerSecret(url); // not a URL at all: the whole text is the only safe unit
    return;
  }
  const register = (text: string) => {
    registerSecret(text);
    registerSecret(safeDecode(text));
  };
  if (parsed.username) register(parsed.username);
  if (parsed.password) register(parsed.password);
  if (parsed.username || parsed.password) {
    register(`${parsed.username}:${parsed.password}`);
    // Node's http client sends the userinfo as `Authorization: Basic base64(user:pass)`.
    registerSecret(Buffer.from(`${safeDecode(parsed.username)}:${safeDecode(parsed.password)}`).toString('base64'));
  }
  for (const segment of parsed.pathname.split('/')) {
    if (looksLikeKey(safeDecode(segment))) register(segment);
  }
  const query = parsed.search.slice(1);
  if (query !== '') {
    register(query);
    for (const pair of query.split('&')) {
      register(pair);
      const value = pair.slice(pair.indexOf('=') + 1);
      if (pair.includes('=') && value !== '') register(value);
    }
    for (const value of parsed.searchParams.values()) registerSecret(value);
  }
}

/** A configured URL as it may appear in a message: origin and path, never userinfo or query. */
export function safeUrlForMessages(url: string | URL | undefined): string {
  if (url === undefined || url === '') return '(not set)';
  try {
    const parsed = typeof url === 'string' ? new URL(url) : url;
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(not a valid URL)';
  }
}

/**
 * A path segment that may be a credential: 8 characters or more with a digit in them (keys,
 * tokens, ids), or 20 or more of any kind. Words of a path (`tokensvc`, `cgi-bin`, `token`) stay
 * readable in messages.
 */
function looksLikeKey(segment: string): boolean {
  return (segment.length >= 8 && /\d/.test(segment)) || segment.length >= 20;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
