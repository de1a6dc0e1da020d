import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, useHarness } from './helpers/harness';

/**
 * Events and answers far past anything real (docs/retries-and-deadlines.md): a key 2 MB long,
 * thousands of unknown keys, nesting 20,000 levels deep. Each is refused by name, with an
 * envelope and log lines a few kilobytes long, no upstream call for a bad event, and no stack
 * overflow anywhere.
 */
const h = useHarness({ embeddedCount: 10, applicantCount: 10 }, (harness) => {
  harness.asCaller('admin');
  harness.configure({ ...harness.componentVars(), LOG_LEVEL: 'debug' });
});

/** Runs `call` with console captured (not printed); returns what was logged. */
async function logged<T>(call: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const spies = (['log', 'error', 'warn', 'info', 'debug'] as const).map((method) =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    }),
  );
  try {
    return { result: await call(), lines };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

describe('an event far over any size', () => {
  it.each([1, 2])('%i unknown key(s) 2 MB long: a -910001 envelope of a few kB with a marked excerpt of each key', async (keys) => {
    const event: Record<string, unknown> = { num: 5 };
    for (let k = 0; k < keys; k++) event[String(k).repeat(2_000_000)] = 1;
    const { result, lines } = await logged(() => h.loadFunction('getOwnList')(event, context()));
    expect(result).toMatchObject({ errCode: -910001, error: { name: 'INVALID_EVENT' } });
    expect(result.error.issues).toHaveLength(keys);
    for (const issue of result.error.issues) {
      expect(issue.field).toMatch(/^(\d)\1{119}… \(2,000,000 characters, cut\)$/);
      expect(issue.expected).toBe('no such field (remove it)');
    }
    expect(bytes(result)).toBeLessThan(8_000);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(8_000);
    expect(h.emu.calls).toHaveLength(0);
  });

  it('10,000 unknown keys: 20 issues listed and the rest counted', async () => {
    const event: Record<string, unknown> = {};
    for (let k = 0; k < 10_000; k++) event[`unknown_${k}`] = k;
    const { result, lines } = await logged(() => h.loadFunction('getOwnList')(event, context()));
    expect(result.errCode).toBe(-910001);
    expect(result.error.issues).toHaveLength(21);
    expect(result.error.issues[20]).toEqual({ field: '…', expected: '9980 more issue(s), not listed' });
    expect(bytes(result)).toBeLessThan(12_000);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(12_000);
  });

  it('a known field 2 MB long: the value is shown as a short excerpt', async () => {
    const { result } = await logged(() => h.loadFunction('getOwnList')({ num: '9'.repeat(2_000_000) }, context()));
    expect(result.errCode).toBe(-910001);
    expect(result.error.issues[0]).toMatchObject({ field: 'num' });
    expect(result.error.issues[0].received.length).toBeLessThan(100);
    expect(bytes(result)).toBeLessThan(4_000);
  });
});

describe('an event nested 20,000 levels deep', () => {
  it.each([
    ['an unknown field', () => ({ num: 5, extra: nested(20_000) })],
    ['a known field', () => ({ num: nested(20_000) })],
    ['the list of a write', () => ({ action: 'dev_agree', appids: [nested(20_000)] })],
  ])('in %s is refused by name (-910001, the path and the limit), not a stack overflow', async (_name, event) => {
    const fn = _name === 'the list of a write' ? 'setDevPluginApplyStatus' : 'getOwnList';
    const { result, lines } = await logged(() => h.loadFunction(fn)(event(), context()));
    expect(result).toMatchObject({ errCode: -910001, error: { name: 'INVALID_EVENT' } });
    expect(result.error.issues).toHaveLength(1);
    expect(result.error.issues[0].expected).toBe('at most 64 levels of objects and arrays inside each other');
    expect(result.error.issues[0].field).toMatch(/^(extra|num|appids\[0\])\.a\.a\.a/);
    expect(lines.join('\n')).not.toMatch(/call stack/i);
    expect(h.emu.calls).toHaveLength(0);
  });
});

describe('an answer nested 20,000 levels deep', () => {
  let server: Server;
  let base = '';
  let deepAnswer = '';
  let requests = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests += 1;
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' }).end(deepAnswer);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  const deepText = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

  it("in a list item's field is UPSTREAM_INVALID_BODY naming where, asked once", async () => {
    deepAnswer = `{"errcode":0,"errmsg":"ok","embedded_flag":1,"wxa_embedded_list":[{"appid":"wx0123456789abcdef","nickname":"n","status":2,"extra":${deepText(20_000)}}]}`;
    h.configure({ AUTHORIZER_ACCESS_TOKEN: 'fixed-token-for-deep-answers-01', WECHAT_API_BASE_URL: base, LOG_LEVEL: 'debug' });
    requests = 0;
    const { result, lines } = await logged(() => h.loadFunction('getOwnList')({}, context()));
    expect(result).toMatchObject({ errCode: -910003, error: { name: 'UPSTREAM_INVALID_BODY', retryable: false } });
    expect(result.error.issues[0].field).toMatch(/^body\.wxa_embedded_list\[0\]\.extra\.a\.a/);
    expect(result.error.issues[0].expected).toBe('at most 64 levels of objects and arrays inside each other');
    expect(lines.join('\n')).not.toMatch(/call stack/i);
    expect(requests).toBe(1);
  });

  it("in a token service's answer is a named bad answer, not INTERNAL", async () => {
    deepAnswer = `{"access_token":"svc-token-deep-0003","expires_in":7200,"extra":${deepText(20_000)}}`;
    h.configure({ TOKEN_SERVICE_URL: `${base}/token` });
    const result = await h.loadFunction('getOwnList')({}, context());
    expect(result.error).toMatchObject({ name: 'TOKEN_PROVIDER_FAILED', retryable: false, cause: { name: 'UPSTREAM_INVALID_BODY' } });
  });
});
