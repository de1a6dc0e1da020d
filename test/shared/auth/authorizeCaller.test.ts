import { authorizeCaller } from '../../../shared/auth/authorizeCaller';
import { callerPolicyFromEnv } from '../../../shared/auth/callerPolicy';
import { WxError } from '../../../shared/errors';

const policy = callerPolicyFromEnv({ ADMIN_OPENIDS: ' oAdmin1, oAdmin2 ,' });

function refusal(run: () => unknown): WxError {
  try {
    run();
  } catch (error) {
    return error as WxError;
  }
  throw new Error('expected a refusal');
}

describe('authorizeCaller', () => {
  it('allows a Mini Program user only when their OPENID is in ADMIN_OPENIDS', () => {
    expect(authorizeCaller({ SOURCE: 'wx_client', OPENID: 'oAdmin2' }, policy, 'f')).toEqual({ source: 'wx_client', openid: 'oAdmin2' });
    const error = refusal(() => authorizeCaller({ SOURCE: 'wx_client', OPENID: 'oSomeone' }, policy, 'f'));
    expect(error.code).toBe(-910002);
    expect(error.body.detail).toContain('oSomeone');
    expect(error.body.hint.en).toContain('ADMIN_OPENIDS');
    expect(refusal(() => authorizeCaller({ SOURCE: 'wx_client' }, policy, 'f')).code).toBe(-910002);
  });

  it('judges a chain by the source that started it', () => {
    expect(refusal(() => authorizeCaller({ SOURCE: 'wx_client,scf', OPENID: 'oSomeone' }, policy, 'f')).code).toBe(-910002);
    expect(authorizeCaller({ SOURCE: 'wx_client,scf', OPENID: 'oAdmin1' }, policy, 'f').source).toBe('wx_client');
  });

  it('by default allows DevTools, timers, local debugging and console runs, and refuses HTTP, scf and unknown sources', () => {
    for (const SOURCE of ['wx_devtools', 'wx_trigger', 'wx_localdebug']) expect(authorizeCaller({ SOURCE }, policy, 'f').source).toBe(SOURCE);
    expect(authorizeCaller({}, policy, 'f').source).toBe('console');
    for (const SOURCE of ['wx_http', 'scf', 'wx_unknown']) expect(refusal(() => authorizeCaller({ SOURCE }, policy, 'f')).body.detail).toContain(SOURCE);
  });

  it('follows ALLOWED_SOURCES when set, and an empty ADMIN_OPENIDS admits no Mini Program user', () => {
    const strict = callerPolicyFromEnv({ ALLOWED_SOURCES: 'wx_trigger' });
    expect(refusal(() => authorizeCaller({ SOURCE: 'wx_devtools' }, strict, 'f')).code).toBe(-910002);
    expect(refusal(() => authorizeCaller({}, strict, 'f')).code).toBe(-910002);
    expect(authorizeCaller({ SOURCE: 'wx_trigger' }, strict, 'f').source).toBe('wx_trigger');
    expect(refusal(() => authorizeCaller({ SOURCE: 'wx_client', OPENID: 'oAdmin1' }, strict, 'f')).code).toBe(-910002);
  });

  it('is a console run only when nothing says otherwise, and refuses what cannot be identified', () => {
    expect(authorizeCaller({ SOURCE: '' }, policy, 'f').source).toBe('console');
    expect(refusal(() => authorizeCaller({ OPENID: 'oAdmin1' }, policy, 'f')).body.detail).toMatch(/no call source/);
    expect(refusal(() => authorizeCaller({ SOURCE: ',scf' }, policy, 'f')).body.detail).toMatch(/does not say what started/);
    expect(refusal(() => authorizeCaller({}, callerPolicyFromEnv({ ALLOWED_SOURCES: 'wx_trigger' }), 'f')).body.detail).toMatch(/Console test runs are not allowed/);
  });
});

