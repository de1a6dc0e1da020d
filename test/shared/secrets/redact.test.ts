import { mayNeedRedaction, redact, redactDeep, registerApiOrigin, registerSecret } from '../../../shared/secrets/redact';

describe('redact', () => {
  it('masks registered values wherever they appear, longest first', () => {
    registerSecret('tok_ABCDEFGH');
    registerSecret('tok_ABCDEFGH_LONGER');
    expect(redact('a tok_ABCDEFGH_LONGER b tok_ABCDEFGH')).toBe('a *** b ***');
  });

  it("masks credential parameters in the API's own URLs and secret JSON fields even when unregistered", () => {
    expect(redact('see https://api.weixin.qq.com/cgi-bin/x?access_token=zzz&start=0 now')).toBe('see https://api.weixin.qq.com/cgi-bin/x?access_token=***&start=0 now');
    registerApiOrigin('http://127.0.0.1:9911');
    expect(redact('GET http://127.0.0.1:9911/cgi-bin/component/api_authorizer_token?component_access_token=c0mp&x=1')).toBe(
      'GET http://127.0.0.1:9911/cgi-bin/component/api_authorizer_token?component_access_token=***&x=1',
    );
    expect(redact('{"secret":"s\\"x","appid":"wx1","authorizer_refresh_token":"r"}')).toBe('{"secret":"***","appid":"wx1","authorizer_refresh_token":"***"}');
  });

  it('keeps a parameter merely named like a credential elsewhere: a CDN image, free text', () => {
    const headimg = 'https://wx.qlogo.cn/mmhead/Q3auHgzwzM4/0?token=cdnT0ken123&access_token=cdnAccess456';
    expect(redact(headimg)).toBe(headimg);
    expect(redact('reason: please send token=abc12345 again')).toBe('reason: please send token=abc12345 again');
    expect(redact('{"token":"an-ordinary-field-value"}')).toBe('{"token":"an-ordinary-field-value"}');
  });

  it('still masks a registered secret inside such a URL', () => {
    registerSecret('registered-in-cdn-url-0001');
    expect(redact('https://cdn.example.com/a.png?token=registered-in-cdn-url-0001')).toBe('https://cdn.example.com/a.png?token=***');
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

describe('many registered secrets (a platform acting for thousands of accounts)', () => {
  // Deterministic secrets of varied lengths; some share their first characters (one bucket of the
  // index), one contains another, one is a prefix of another.
  const secrets = Array.from({ length: 3000 }, (_, i) => `rt_${(i * 2654435761 % 4294967296).toString(36).padStart(7, '0')}${'x'.repeat(i % 23)}`);
  const sameStart = ['shared-start-AAAA-1', 'shared-start-AAAA-22', 'shared-start-AAAA-333'];
  beforeAll(() => {
    for (const secret of [...secrets, ...sameStart, 'outer-secret-contains-inner-secret-01', 'inner-secret-01']) registerSecret(secret);
  });

  it('masks each one wherever it stands: at the start, in the middle, at the very end, next to another', () => {
    for (const i of [0, 1, 17, 999, 2998, 2999]) {
      const secret = secrets[i]!;
      expect(redact(secret)).toBe('***');
      expect(redact(`${secret} tail`)).toBe('*** tail');
      expect(redact(`head ${secret}`)).toBe('head ***');
      expect(redact(`a${secret}${secrets[(i + 1) % secrets.length]}b`)).toBe('a******b');
    }
  });

  it('tells apart secrets that begin alike, and masks one that contains another whole', () => {
    expect(redact(`x ${sameStart[1]} y ${sameStart[0]} z ${sameStart[2]}`)).toBe('x *** y *** z ***');
    expect(redact('[outer-secret-contains-inner-secret-01] [inner-secret-01]')).toBe('[***] [***]');
  });

  it('leaves text that holds none alone, and says so without a false yes', () => {
    const plain = `wx1234567890abcdef 名称 rt_ ${secrets[5]!.slice(0, 7)} ${secrets[6]!.slice(1)}`;
    expect(redact(plain)).toBe(plain);
    expect(mayNeedRedaction(plain)).toBe(false);
    expect(mayNeedRedaction(`…${secrets[2500]}…`)).toBe(true);
    expect(mayNeedRedaction('short')).toBe(false);
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

describe('redact: a bare path is one of ours', () => {
  it('masks a credential parameter in an echoed request line', () => {
    expect(redact('GET /x?access_token=ACCESS_TOKEN_VALUE_9 failed')).toBe('GET /x?access_token=*** failed');
    expect(redact('"/cgi-bin/stable_token?appsecret=s3cr3t-value"')).toBe('"/cgi-bin/stable_token?appsecret=***"');
  });
});
