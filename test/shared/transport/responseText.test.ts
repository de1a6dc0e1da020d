import { gzipSync } from 'node:zlib';
import { responseText } from '../../../shared/transport/responseText';

describe('responseText', () => {
  it('reads UTF-8 text, including a literal replacement character', () => {
    expect(responseText(Buffer.from('{"a":"中文 \uFFFD"}'))).toEqual({ readable: true, text: '{"a":"中文 \uFFFD"}' });
    expect(responseText(Buffer.from('{}'), 'identity')).toEqual({ readable: true, text: '{}' });
  });

  it('refuses, without any of the bytes, a body compressed unasked, gzip without a header, binary and non-UTF-8 data', () => {
    const gz = gzipSync(Buffer.from('{"errcode":0}'));
    expect(responseText(gz, 'gzip')).toEqual({ readable: false, why: `a gzip-encoded body of ${gz.length} bytes, which this client did not ask for` });
    expect(responseText(gz)).toMatchObject({ readable: false, why: expect.stringContaining('gzip data') });
    expect(responseText(Buffer.from([0x7b, 0x00, 0x7d]))).toMatchObject({ readable: false, why: '3 bytes of binary data' });
    expect(responseText(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))).toMatchObject({ readable: false, why: '4 bytes that are not UTF-8 text' });
  });
});
