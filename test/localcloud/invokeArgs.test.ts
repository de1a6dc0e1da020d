import { parseInvokeArgs, UsageError } from '../../localcloud/cli/invokeArgs';

describe('npm run invoke arguments', () => {
  test('function and event; the default caller is an admin', () => {
    expect(parseInvokeArgs(['getOwnList', '{"start":0,"num":3}'])).toEqual({ functionName: 'getOwnList', event: { start: 0, num: 3 }, caller: { kind: 'admin' }, env: {} });
  });

  test('without an event the example is used (event left out)', () => {
    expect(parseInvokeArgs(['getOwnList'])).toEqual({ functionName: 'getOwnList', caller: { kind: 'admin' }, env: {} });
  });

  test('--openid makes a Mini Program user; --source picks the call source', () => {
    expect(parseInvokeArgs(['f', '{}', '--openid', 'oAbc']).caller).toEqual({ kind: 'user', openid: 'oAbc' });
    expect(parseInvokeArgs(['f', '--source', 'console']).caller).toEqual({ kind: 'console' });
    expect(parseInvokeArgs(['f', '--source', 'wx_trigger']).caller).toEqual({ kind: 'timer' });
    expect(parseInvokeArgs(['f', '--source', 'wx_devtools']).caller).toEqual({ kind: 'devtools' });
    expect(parseInvokeArgs(['f', '--source', 'wx_client']).caller).toEqual({ kind: 'admin' });
    expect(parseInvokeArgs(['f', '--source', 'wx_client,scf', '--openid', 'oX']).caller).toEqual({ kind: 'source', source: 'wx_client,scf', openid: 'oX' });
  });

  test('--source takes only a source the platform sets (or a chain of them), naming the one it does not know', () => {
    expect(parseInvokeArgs(['f', '--source', 'wx_http']).caller).toEqual({ kind: 'source', source: 'wx_http' });
    expect(() => parseInvokeArgs(['f', '--source', 'nope'])).toThrow(/"nope" is not a call source; use one of wx_client, .*scf/);
    expect(() => parseInvokeArgs(['f', '--source', 'wx_client,nope'])).toThrow(/"nope" is not a call source/);
  });

  test('says whether the caller was chosen (componentEvents defaults to wx_http only when it was not)', () => {
    expect(parseInvokeArgs(['componentEvents']).callerGiven).toBeUndefined();
    expect(parseInvokeArgs(['componentEvents', '--source', 'wx_client']).callerGiven).toBe(true);
    expect(parseInvokeArgs(['componentEvents', '--openid', 'oX']).callerGiven).toBe(true);
  });

  test('--env NAME=VALUE sets variables, later wins; an empty value is kept', () => {
    expect(parseInvokeArgs(['f', '--env', 'A=1', '--env=B=x=y', '--env', 'A=2', '--env', 'C=']).env).toEqual({ A: '2', B: 'x=y', C: '' });
  });

  test.each([[['f', '--env', 'nope']], [['f', '--env']], [[]], [['f', '{bad']], [['f', '--source']], [['f', '--nope']], [['f', '{}', 'extra']], [['f', '--source', 'Not A Source']], [['f', '--source', 'nope']], [['f', '--source', 'wx_client,nope']]])(
    'usage error: %j',
    (argv) => {
      expect(() => parseInvokeArgs(argv)).toThrow(UsageError);
    },
  );
});
