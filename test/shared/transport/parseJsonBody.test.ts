import { parseJsonBody } from '../../../shared/transport/parseJsonBody';

describe('parseJsonBody', () => {
  it('parses ordinary JSON unchanged', () => {
    expect(parseJsonBody('{"a":1,"b":[1.5,-2e3],"c":"x"}')).toEqual({ a: 1, b: [1.5, -2000], c: 'x' });
  });

  it('keeps integers beyond 2^53 exact, as decimal strings', () => {
    expect(parseJsonBody('{"id":9007199254740993,"n":[-12345678901234567890],"safe":9007199254740991}')).toEqual({
      id: '9007199254740993', n: ['-12345678901234567890'], safe: 9007199254740991,
    });
  });

  it('leaves digits inside strings (with escapes) alone', () => {
    expect(parseJsonBody('{"s":"9007199254740993 \\" 12345678901234567890","t":1}')).toEqual({ s: '9007199254740993 " 12345678901234567890', t: 1 });
  });

  it('throws on text that is not JSON', () => {
    expect(() => parseJsonBody('<html><body>502 Bad Gateway</body></html>')).toThrow();
  });

  it('drops a leading UTF-8 byte-order mark, and only a leading one', () => {
    expect(parseJsonBody('\uFEFF{"errcode":0,"n":9007199254740993}')).toEqual({ errcode: 0, n: '9007199254740993' });
    expect(() => parseJsonBody('\uFEFF\uFEFF{}')).toThrow();
  });
});

