import { fromEjson, parseEjsonText, toEjsonText } from '../../emulator/database/ejson';
import { toJsonText } from '../../emulator/json-text';
import { decodeCommApiData, encodeCommOpenApiResp } from '../../emulator/wire/openapi-messages';
import { readFields } from '../../emulator/wire/protobuf';
import { boundaryOf, parseMultipart } from '../../emulator/wire/multipart';

// The hand-written codecs the emulator speaks, checked against bytes the SDK really sent.

describe('protobuf', () => {
  // requestData of getPluginDevApplyList({action:'dev_apply_list', page:1, num:10}) as captured from wx-server-sdk 4.0.2.
  const captured = Buffer.from(
    '0800' + '1232' + '0a1a' + '0a06' + Buffer.from('action').toString('hex') + '1210' + Buffer.from('"dev_apply_list"').toString('hex') +
      '0a09' + '0a04' + Buffer.from('page').toString('hex') + '1201' + Buffer.from('1').toString('hex') +
      '0a09' + '0a03' + Buffer.from('num').toString('hex') + '1202' + Buffer.from('10').toString('hex'),
    'hex',
  );

  test('decodes CommApiData as the SDK encodes it', () => {
    const message = decodeCommApiData(captured);
    expect(message.apiType).toBe(0);
    expect(message.pairs.map((pair) => [pair.key, pair.value.toString()])).toEqual([
      ['action', '"dev_apply_list"'],
      ['page', '1'],
      ['num', '10'],
    ]);
  });

  test('encodes CommOpenApiResp, negative errorCode as a ten-byte varint', () => {
    const bytes = encodeCommOpenApiResp({ errorCode: -604101, httpCode: 200 });
    const fields = readFields(bytes);
    expect(fields.map((field) => field.fieldNumber)).toEqual([3, 4]);
    expect(BigInt.asIntN(64, fields[0]?.varint ?? 0n)).toBe(-604101n);
    expect(bytes.length).toBe(1 + 10 + 1 + 2);
  });

  test('rejects truncated input', () => {
    expect(() => readFields(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]))).toThrow();
  });
});

describe('multipart', () => {
  test('keeps a binary part byte for byte', () => {
    const binary = Buffer.from([0x08, 0x00, 0x12, 0xff, 0xfe, 0x0d, 0x0a, 0x2d, 0x2d]);
    const boundary = '--------------------------123456';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="action"\r\n\r\nwx.openApi\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="requestData"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      binary,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    expect(boundaryOf(`multipart/form-data; boundary=${boundary}`)).toBe(boundary);
    const fields = parseMultipart(body, boundary);
    expect(fields.get('action')?.toString()).toBe('wx.openApi');
    expect(fields.get('requestData')).toEqual(binary);
  });
});

describe('EJSON', () => {
  test('reads what the SDK writes and writes canonical form back', () => {
    const text = '{"n":{"$numberInt":"1"},"f":{"$numberDouble":"1.5"},"l":{"$numberLong":"1099511627776"},"d":{"$date":{"$numberLong":"1700000000000"}}}';
    const value = parseEjsonText(text);
    expect(value).toEqual({ n: 1, f: 1.5, l: 1099511627776, d: new Date(1700000000000) });
    expect(toEjsonText(value)).toBe(text);
    expect(toEjsonText({ d: 2 })).toBe('{"d":{"$numberInt":"2"}}');
    expect(fromEjson({ $numberLong: '9007199254740993' })).toBe(9007199254740993n);
  });
});

describe('JSON text', () => {
  test('writes bigint as a bare literal and the rest like JSON.stringify', () => {
    expect(toJsonText({ a: 9007199254740993n, b: '名称', c: [1, null], d: undefined })).toBe('{"a":9007199254740993,"b":"名称","c":[1,null]}');
  });
});
