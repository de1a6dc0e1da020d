/**
 * What `npm run deploy` never prints: the values of the credential variables (those
 * shared/tokens/tokenConfig.ts and shared/pushes/pushConfig.ts register as secrets in the
 * functions), the CloudBase API key, and the credential parts of the URLs that carry one (the
 * robot's key in WECOM_WEBHOOK_URL, a token service's query or userinfo), as written and decoded.
 */
const SECRET_NAMES = [
  'AUTHORIZER_ACCESS_TOKEN', 'TOKEN_SERVICE_AUTH', 'COMPONENT_APPSECRET', 'COMPONENT_VERIFY_TICKET', 'AUTHORIZER_REFRESH_TOKEN', 'APPSECRET',
  'COMPONENT_TOKEN', 'COMPONENT_ENCODING_AES_KEY',
  'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY', 'TENCENTCLOUD_SESSIONTOKEN',
];
const SECRET_URL_NAMES = ['TOKEN_SERVICE_URL', 'WECOM_WEBHOOK_URL'];
/** Shorter values are not credentials, and masking them would garble ordinary output. */
const MIN_LENGTH = 4;

export function deploySecrets(pick: (name: string) => string | undefined): string[] {
  const values = SECRET_NAMES.map(pick);
  for (const name of SECRET_URL_NAMES) values.push(...urlSecrets(pick(name)));
  return [...new Set(values.filter((v): v is string => v !== undefined && v.length >= MIN_LENGTH))].sort((a, b) => b.length - a.length);
}

function urlSecrets(raw: string | undefined): string[] {
  if (!raw) return [];
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return [raw]; // not a URL: the whole value, rather than guess
  }
  const found = [url.search.slice(1), url.username, url.password, decodeSafely(url.password)];
  for (const [name, value] of url.searchParams) found.push(value, `${name}=${value}`);
  for (const pair of url.search.slice(1).split('&')) found.push(pair, pair.slice(pair.indexOf('=') + 1));
  return found;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Replaces every secret (longest first) by ***. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, s) => t.split(s).join('***'), text);
}
