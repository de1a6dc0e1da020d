import { readCallerContext, readWxContext } from '../../../shared/auth/wxContext';

/**
 * readWxContext re-implements cloud.getWXContext() so that HTTPS-only calls need not load the
 * SDK; this holds the two equal, for every call source, against the real wx-server-sdk.
 */
describe('readWxContext', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  const cases: Record<string, Record<string, string>> = {
    'Mini Program': { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP', WX_OPENID: 'oUser1', WX_APPID: 'wxapp', WX_UNIONID: 'u1', WX_CLIENTIP: '10.0.0.1', TCB_ENV: 'env-1', TCB_SOURCE: 'wx_client' },
    'digits become numbers': { WX_CONTEXT_KEYS: 'WX_OPENID,WX_CLIENTIP', WX_OPENID: '12345', WX_CLIENTIP: '-7', SCF_NAMESPACE: 'ns', TCB_SOURCE: 'wx_client,scf' },
    'API tokens are skipped': { WX_CONTEXT_KEYS: 'WX_API_TOKEN,WX_TRIGGER_API_TOKEN_V0,WX_APPID', WX_API_TOKEN: 'secret-api-token', WX_TRIGGER_API_TOKEN_V0: 'secret2', WX_APPID: 'wxapp', TCB_SOURCE: 'wx_trigger' },
    'console run (no keys)': { TCB_ENV: 'env-1', TCB_SOURCE: 'wx_devtools' },
    'empty keys': { WX_CONTEXT_KEYS: '', WX_OPENID: 'oUser1', TCB_ENV: 'env-1', TCB_SOURCE: 'wx_http' },
    'timer': { WX_CONTEXT_KEYS: 'WX_APPID', WX_APPID: 'wxapp', TCB_ENV: 'env-1', TCB_SOURCE: 'wx_trigger' },
  };

  it.each(Object.entries(cases))('equals cloud.getWXContext() for %s', (_name, env) => {
    for (const key of ['WX_CONTEXT_KEYS', 'WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'TCB_ENV', 'SCF_NAMESPACE', 'TCB_SOURCE']) delete process.env[key];
    Object.assign(process.env, env);
    let sdkContext: unknown;
    jest.isolateModules(() => {
      // Required inside isolateModules: a fresh SDK that reads the variables just set.
      sdkContext = require('wx-server-sdk').getWXContext();
    });
    expect(readWxContext(process.env)).toEqual(sdkContext);
  });

  it('the caller context reads SOURCE from TCB_SOURCE even where the SDK shows nothing; OPENID only as the SDK does', () => {
    expect(readWxContext({ TCB_SOURCE: 'wx_http', WX_OPENID: 'oUser1' })).toEqual({});
    expect(readCallerContext({ TCB_SOURCE: 'wx_http', WX_OPENID: 'oUser1' })).toEqual({ SOURCE: 'wx_http' });
    expect(readCallerContext({ WX_CONTEXT_KEYS: '', TCB_SOURCE: ' scf ' })).toEqual({ SOURCE: 'scf' });
    expect(readCallerContext({ WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'oUser1', TCB_SOURCE: 'wx_client' })).toMatchObject({ SOURCE: 'wx_client', OPENID: 'oUser1' });
    expect(readCallerContext({ WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'oUser1', TCB_SOURCE: '' })).toEqual({ OPENID: 'oUser1', ENV: undefined });
  });
});
