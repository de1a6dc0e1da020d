import type { CallRecord } from '../emulator';

/**
 * Masks credentials in the emulator's call records before anyone sees them. The emulator masks
 * app secrets and `access_token` query values only; requests also carry verify tickets, refresh
 * tokens, and (database calls) token documents inside EJSON strings. Three layers:
 * by key name, by known secret value, and by the shape of WeChat credentials.
 */
export const MASK = '***';

const SECRET_KEY = /token|ticket|secret|password|credential|authorization_?code/i;
/** Environment variables holding credentials (not TOKEN_STORE, TOKEN_COLLECTION, ...). */
const SECRET_ENV_NAME = /(TOKEN|TICKET|SECRET|SECRETID|SECRETKEY|PASSWORD|AUTH|AES_KEY)(_V\d+)?$/i;
/** Access tokens (`86_...`, component `61_...`, authorizer `62_...`), refresh tokens, tickets. */
const SECRET_SHAPES = [/\b\d{2}_[A-Za-z0-9_-]{32,}/g, /refreshtoken@@@[A-Za-z0-9_-]+/g, /ticket@@@[A-Za-z0-9_-]+/g, /(?:pre|query)?authcode@@@[A-Za-z0-9_-]+/g];
const MIN_SECRET_LENGTH = 8;

export function maskCalls(calls: readonly CallRecord[], knownSecrets: Iterable<string>): CallRecord[] {
  const secrets = [...new Set(knownSecrets)].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  return calls.map((call) => maskValue(call, secrets) as CallRecord);
}

/** Secret values in an environment: those of variables named like credentials. */
export function secretValues(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_ENV_NAME.test(name) && typeof value === 'string')
    .map(([, value]) => value as string);
}

function maskValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return maskString(value, secrets);
  if (Array.isArray(value)) return value.map((item) => maskValue(item, secrets));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    out[key] = SECRET_KEY.test(key) && typeof item === 'string' && item !== '' ? MASK : maskValue(item, secrets);
  }
  return out;
}

function maskString(text: string, secrets: readonly string[]): string {
  // Database calls carry query and data as EJSON text: mask inside it by key as well.
  const trimmed = text.trim();
  if ((trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'))) {
    try {
      return JSON.stringify(maskValue(JSON.parse(trimmed), secrets));
    } catch {
      // not JSON: fall through to the value and shape layers
    }
  }
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
  for (const shape of SECRET_SHAPES) out = out.replace(shape, MASK);
  return out;
}
