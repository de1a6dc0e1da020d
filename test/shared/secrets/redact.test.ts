import { mayNeedRedaction, redact, redactDeep, registerSecret } from '../../../shared/secrets/redact';

describe('redact', () => {
  it('masks registered values wherever they appear, longest first', () => {
    registerSecret('tok_ABCDEFGH');
    registerSecret('tok_ABCDEFGH_LONGER');
    expect(redact('a tok_ABCDEFGH_LONGER b tok_ABCDEFGH')).toBe('a *** b ***');
  });

  it('masks access_token query values and secret JSON fields even when unregistered', () => {
    expect(redact('https://h/x?access_token=zzz&start=0')).toBe('https://h/x?access_token=***&start=0');
    expect(redact('{"secret":"s\\"x","appid":"wx1","authorizer_refresh_token":"r"}')).toBe('{"secret":"***","appid":"wx1","authorizer_refresh_token":"***"}');
  });

  it('ignores values too short to be credentials', () => {
    registerSecret('abc');
    expect(redact('abc')).toBe('abc');
  });

  it('redacts deep structures', () => {
    registerSecret('deep-secret-value');
    expect(redactDeep({ a: ['x deep-secret-value'], n: 1 })).toEqual({ a: ['x ***'], n: 1 });
  });
});

describe('mayNeedRedaction', () => {
  it('is true exactly when redact would change something', () => {
    registerSecret('quick-check-secret-value');
    for (const text of ['{"a":"plain data 名称"}', '{"a":"x quick-check-secret-value"}', 'https://h/x?access_token=abc', '{"secret":"s"}', 'a token word']) {
      const changes = redact(text) !== text;
      if (changes) expect(mayNeedRedaction(text)).toBe(true);
    }
    expect(mayNeedRedaction('{"a":"plain data 名称"}')).toBe(false);
  });
});

describe('redactDeep on values nested past any real data', () => {
  it('cuts at its depth limit, marked, instead of overflowing the stack', () => {
    let value: unknown = 'leaf';
    for (let i = 0; i < 20_000; i++) value = { a: value };
    const out = JSON.stringify(redactDeep(value));
    expect(out).toContain('[nested too deeply: not shown]');
  });
});
