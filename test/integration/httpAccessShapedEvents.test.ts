import { context, FUNCTION_NAMES, type CallerKind } from './helpers/harness';
import { useHarness } from './helpers/harness';

/**
 * What the HTTP access service puts in the context is not documented (and `wx_http` is WeChat's
 * invoke API, something else), so every function but componentEvents refuses an event shaped
 * like an HTTP access request, whatever the source says: before the caller decision, with no
 * database read, no WeChat call and no audit record.
 */
const h = useHarness({ embeddedCount: 5, applicantCount: 5 }, (harness) => {
  harness.asCaller('admin');
  harness.configure({ ...harness.componentVars(), ALLOWED_SOURCES: 'wx_http,console,wx_trigger,wx_devtools,scf' });
});

const shaped = (extra: Record<string, unknown> = {}) => ({
  path: '/anything',
  httpMethod: 'POST',
  headers: { 'content-type': 'application/json' },
  queryStringParameters: {},
  body: '{"action":"dev_agree","appid":"wx0123456789abcdef"}',
  isBase64Encoded: false,
  requestContext: { requestId: 'r', envId: 'e', appId: 'a', uin: '1' },
  ...extra,
});

const served = FUNCTION_NAMES.filter((name) => name !== 'componentEvents');
const sources: CallerKind[] = ['http', 'console', 'admin', 'timer', 'devtools'];

describe('events shaped like an HTTP access request', () => {
  it.each(served.flatMap((name) => sources.map((source) => [name, source] as const)))('%s refuses one from %s, calling nothing', async (name, source) => {
    h.asCaller(source);
    const before = h.emu.calls.length;
    const result = await h.loadFunction(name)(shaped({ action: 'status', page: 1 }), context());
    expect(result).toMatchObject({ errCode: -910025, error: { name: 'HTTP_ACCESS_REFUSED', retryable: false } });
    expect(result.error.detail).toContain(name);
    expect(h.emu.calls.length).toBe(before);
  });

  it('only the three keys together make the shape: an event with `headers` alone is an ordinary (here: invalid) event', async () => {
    const result = await h.loadFunction('getOwnList')({ headers: {} }, context());
    expect(result).toMatchObject({ errCode: -910001, error: { issues: [{ field: 'headers' }] } });
  });

  it('componentEvents still answers the HTTP access service (a bad push: 4xx, nothing stored)', async () => {
    h.configure(h.pushVars());
    h.asCaller('http');
    const answer = await h.loadFunction('componentEvents')(shaped(), context());
    expect(answer).toMatchObject({ statusCode: 400, body: 'encrypt_type=aes expected' });
    expect(h.emu.count({ kind: 'https' })).toBe(0);
  });
});
