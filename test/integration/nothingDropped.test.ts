import { context, useHarness } from './helpers/harness';

/**
 * Unknown fields named like object built-ins, and keys that camelCase alike, in a real HTTPS
 * answer (docs/errors.md, "What always holds": nothing dropped): every value arrives in the
 * envelope, as JSON the caller receives.
 */
const PATH = '/wxaapi/wxaembedded/get_own_list';
const h = useHarness({ embeddedCount: 10, applicantCount: 10 }, (harness) => {
  harness.asCaller('admin');
  harness.configure(harness.componentVars());
});

const BODY_TEXT = `{
  "errcode": 0, "errmsg": "ok", "embedded_flag": 1,
  "constructor": "top-constructor", "toString": "top-toString", "__proto__": { "top": "proto" }, "hasOwnProperty": 7,
  "page_token": "p1", "pageToken": "p2",
  "wxa_embedded_list": [
    { "appid": "wx0000000000000001", "status": 1, "create_time": 1608226176, "createTime": 1700000000,
      "constructor": "item-constructor", "toString": "item-toString", "__proto__": { "item": "proto" }, "valueOf": 0,
      "foo_bar": "snake", "fooBar": "camel" }
  ]
}`;

it('keeps built-in-named fields at the top level and on items, and both values of a case collision', async () => {
  h.emu.inject({ api: PATH, body: JSON.parse(BODY_TEXT), times: 1 });
  const result = await h.loadFunction('getOwnList')({ num: 10 }, context());
  expect(result.errCode).toBe(0);
  // What the caller receives: the envelope as JSON.
  const received = JSON.parse(JSON.stringify(result));
  expect(received.extra).toEqual(JSON.parse('{"constructor":"top-constructor","toString":"top-toString","__proto__":{"top":"proto"},"hasOwnProperty":7,"page_token":"p1","pageToken":"p2"}'));
  const [item] = received.authorizations;
  expect(item).toEqual(
    JSON.parse(`{"appid":"wx0000000000000001","status":1,"statusLabel":"pending","create_time":1608226176,"createTime":1700000000,
      "constructor":"item-constructor","toString":"item-toString","__proto__":{"item":"proto"},"valueOf":0,"foo_bar":"snake","fooBar":"camel"}`),
  );
  // The envelope's own shape is unchanged, and no prototype was touched.
  expect(Object.getPrototypeOf(result.extra)).toBe(Object.prototype);
  expect(Object.getPrototypeOf(result.authorizations[0])).toBe(Object.prototype);
  expect(({} as Record<string, unknown>).top).toBeUndefined();
  expect(Object.keys(result)).toEqual(['errCode', 'errMsg', 'requestId', 'via', 'tokenProvider', 'authorizerAppid', 'paging', 'embeddedFlag', 'embeddedFlagLabel', 'authorizations', 'extra']);
});

// On the cloud path wx-server-sdk parses the body with json-bigint, which refuses `constructor`
// and `__proto__` keys itself (its constructorAction/protoAction default to "error"); the
// unmodified SDK is not ours to change. Over HTTPS (the console's fallback) the body is ours.
it('the plugin list keeps them too, over its HTTPS fallback', async () => {
  h.configure({ APPID: h.emu.accounts.app.appid, APPSECRET: h.emu.accounts.app.secret });
  h.asCaller('console');
  h.emu.inject({
    api: '/wxa/devplugin',
    body: JSON.parse('{"errcode":0,"errmsg":"ok","constructor":"c","apply_list":[{"appid":"wx1","status":1,"create_time":"1536305096","createTime":"7","toString":"t","__proto__":{"x":1},"categories":[{"first":"a","constructor":"cat"}]}]}'),
    times: 1,
  });
  const result = await h.loadFunction('getPluginDevApplyList')({ page: 1, num: 10 }, context());
  expect(result).toMatchObject({ errCode: 0, via: 'https' });
  const received = JSON.parse(JSON.stringify(result));
  expect(received.extra).toEqual({ constructor: 'c' });
  expect(received.applicants[0]).toEqual(
    JSON.parse('{"appid":"wx1","status":1,"statusLabel":"pending","create_time":"1536305096","createTime":7,"toString":"t","__proto__":{"x":1},"categories":[{"first":"a","constructor":"cat"}]}'),
  );
});
