import type { CallRecord } from '../../emulator';
import { maskCalls, secretValues } from '../../localcloud/mask';

describe('masking credentials in upstream records', () => {
  test('by key, inside EJSON text, by known value and by token shape', () => {
    const calls: CallRecord[] = [
      { kind: 'https', api: '/cgi-bin/component/api_authorizer_token', at: 0, query: { component_access_token: 'raw' }, params: { authorizer_refresh_token: 'refreshtoken@@@abc', authorizer_appid: 'wx1' } },
      { kind: 'database', api: 'database.modifyDocument', at: 0, params: { collectionName: 'wx_tokens', data: '{"$set":{"token":"86_secretsecret","expiresAt":1}}' } },
      { kind: 'https', api: '/x', at: 0, params: { note: `see 62_${'a'.repeat(40)} and my-known-secret-value` } },
    ];
    const masked = JSON.stringify(maskCalls(calls, ['my-known-secret-value']));
    expect(masked).not.toMatch(/raw|refreshtoken@@@abc|86_secretsecret|62_a|my-known-secret-value/);
    expect(masked).toContain('wx_tokens');
    expect(masked).toContain('wx1');
  });

  test('secret values come from credential-named variables only', () => {
    expect(secretValues({ AUTHORIZER_REFRESH_TOKEN: 'r', COMPONENT_APPSECRET: 's', TOKEN_SERVICE_AUTH: 'a', TOKEN_STORE: 'database', TOKEN_COLLECTION: 'wx_tokens', WX_TRIGGER_API_TOKEN_V0: 't' }).sort()).toEqual(['a', 'r', 's', 't']);
  });
});
