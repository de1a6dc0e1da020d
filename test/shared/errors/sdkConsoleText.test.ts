import { toWxError } from '../../../shared/errors';
import { withoutSdkConsoleText } from '../../../shared/errors/sdkConsoleText';

describe('the SDK\'s console text never reaches an error', () => {
  const notice = '[TCB][WARN] Your current request database.getDocument is longer than 3s, it may be due to the network or your query performance | [1a22_1]';

  it('is cut from an SDK error\'s message, keeping what the platform said', () => {
    const error = toWxError({ errCode: -501001, errMsg: `collection.get:fail -501001 resource system error. request timeout ${notice}` });
    expect(error.body.upstreamMessage).toBe('collection.get:fail -501001 resource system error. request timeout');
    expect(JSON.stringify(error.body)).not.toContain('[TCB]');
  });

  it('is cut from a plain error\'s message and from every line it starts', () => {
    const error = toWxError(new Error(`request failed\n[TCB][ERROR] parse context error: x\n${notice}`));
    expect(error.body.detail).toBe('request failed');
    expect(withoutSdkConsoleText('[TCB][RequestTimgings][keepalive:true] spent 3001ms')).toBe('(the SDK gave no message)');
    expect(withoutSdkConsoleText('nothing to cut')).toBe('nothing to cut');
  });
});
