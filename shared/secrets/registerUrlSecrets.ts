import { registerSecret } from './redact';

/**
 * A URL that carries its credential in the query (a WeCom robot's `?key=...`): every query value
 * is registered as a secret the moment the URL is read, so it is masked wherever it shows up.
 */
export function registerUrlSecrets(url: string | undefined): void {
  if (!url) return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  for (const value of parsed.searchParams.values()) registerSecret(value);
  if (parsed.password) registerSecret(decodeURIComponent(parsed.password));
}

/** The URL with every query value and any password masked, fit for a message or a log line. */
export function safeUrlForMessages(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(not a URL)';
  }
  if (parsed.password) parsed.password = '***';
  const keys = [...new Set(parsed.searchParams.keys())];
  for (const key of keys) parsed.searchParams.set(key, '***');
  return parsed.toString().replace(/%2A%2A%2A/g, '***');
}
