import { deploySecrets, maskSecrets } from '../../tools/deploySecrets';

describe('what npm run deploy masks in the CLI output it prints', () => {
  const settings: Record<string, string> = {
    APPSECRET: 'own-app-secret-0001',
    COMPONENT_TOKEN: 'push-token-0002',
    COMPONENT_ENCODING_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
    TENCENTCLOUD_SECRETKEY: 'cloud-key-0003',
    WECOM_WEBHOOK_URL: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=robot-key-0004',
    TOKEN_SERVICE_URL: 'https://svc:svc-pass-0005@tokens.example.com/token?app=demo&key=svc%2Fkey-0006',
    ADMIN_OPENIDS: 'oAdmin_0007',
    LOG_LEVEL: 'warn',
  };
  const secrets = deploySecrets((name) => settings[name]);

  it('every credential variable, and the credential parts of URLs, as written and decoded', () => {
    const printed = `creating with ${Object.values(settings).join(' ')} svc/key-0006 robot-key-0004`;
    const masked = maskSecrets(printed, secrets);
    for (const value of ['own-app-secret-0001', 'push-token-0002', 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', 'cloud-key-0003', 'robot-key-0004', 'svc-pass-0005', 'svc%2Fkey-0006', 'svc/key-0006']) {
      expect(masked).not.toContain(value);
    }
  });

  it('keeps what is not a credential: OPENIDs, the level, a URL\'s host and path', () => {
    const masked = maskSecrets('ADMIN_OPENIDS=oAdmin_0007 LOG_LEVEL=warn https://qyapi.weixin.qq.com/cgi-bin/webhook/send', secrets);
    expect(masked).toBe('ADMIN_OPENIDS=oAdmin_0007 LOG_LEVEL=warn https://qyapi.weixin.qq.com/cgi-bin/webhook/send');
  });

  it('ignores unset and empty values', () => {
    expect(deploySecrets(() => undefined)).toEqual([]);
    expect(deploySecrets(() => '')).toEqual([]);
  });
});
