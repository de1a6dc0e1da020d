import { redact } from '../../../shared/secrets/redact';
import { registerUrlSecrets, safeUrlForMessages } from '../../../shared/secrets/registerUrlSecrets';

describe('registerUrlSecrets', () => {
  it('masks every query value, pair and the whole query, as written and decoded', () => {
    registerUrlSecrets('https://tokens.example.com/token?key=q-secret%2Fvalue-1&sig=another-secret-22');
    for (const echoed of ['q-secret%2Fvalue-1', 'q-secret/value-1', 'another-secret-22', 'key=q-secret%2Fvalue-1&sig=another-secret-22']) {
      expect(redact(`GET /token?${echoed} not found`)).not.toContain(echoed);
    }
  });

  it('masks the userinfo', () => {
    registerUrlSecrets('https://svc-user-01:svc-password-01@tokens.example.com/token');
    const text = redact('auth failed for svc-user-01:svc-password-01 (svc-password-01)');
    expect(text).not.toContain('svc-password-01');
    expect(text).not.toContain('svc-user-01');
  });

  it('ignores nothing-to-register inputs', () => {
    expect(() => registerUrlSecrets(undefined)).not.toThrow();
    expect(() => registerUrlSecrets('')).not.toThrow();
    registerUrlSecrets('not a url but maybe-a-secret-xyz');
    expect(redact('not a url but maybe-a-secret-xyz')).toBe('***');
  });
});

describe('safeUrlForMessages', () => {
  it('keeps origin and path, never userinfo or query', () => {
    expect(safeUrlForMessages('https://u:p@tokens.example.com:8443/v1/token?key=abc#x')).toBe('https://tokens.example.com:8443/v1/token');
    expect(safeUrlForMessages(new URL('http://127.0.0.1:9/t?k=v'))).toBe('http://127.0.0.1:9/t');
    expect(safeUrlForMessages('::not a url?key=secret')).toBe('(not a valid URL)');
    expect(safeUrlForMessages(undefined)).toBe('(not set)');
  });
});

describe('registerUrlSecrets: keys in the path', () => {
  it('masks a path segment that looks like a key, as written and decoded, and keeps the words of the path', () => {
    registerUrlSecrets('https://tokens.example.com/tokensvc/k3y%2Fpath-0042/token');
    expect(redact('GET /tokensvc/k3y%2Fpath-0042/token failed')).toBe('GET /tokensvc/***/token failed');
    expect(redact('key k3y/path-0042 refused')).toBe('key *** refused');
    registerUrlSecrets('https://tokens.example.com/v1/averyveryverylongkeywithoutdigits/token');
    expect(redact('/v1/averyveryverylongkeywithoutdigits/token')).toBe('/v1/***/token');
  });
});
