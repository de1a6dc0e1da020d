import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, useHarness } from './helpers/harness';
import { ECHO_SHAPES, useEchoServer, type EchoShape } from './helpers/echoServer';

/**
 * TOKEN_SERVICE_URL with a credential in its query or userinfo, and a token service whose error
 * answers repeat the request path (docs/errors.md, "What always holds": no secret): nothing of the
 * credential may reach the envelope or a log line, in any of the three shapes such an echo takes.
 */
const QUERY_SECRET = 'svc-query-key-9f8e7d6c5b4a';
const USER_SECRET = 'svc-basic-pass-1a2b3c4d';
const h = useHarness({ embeddedCount: 10, applicantCount: 10 }, (harness) => harness.asCaller('admin'));

const echo = useEchoServer({ notFound: 'Cannot GET', okPage: 'No route for', errcode: 40013, errmsg: 'unknown caller for' });

describe.each<EchoShape>([...ECHO_SHAPES])('a token service that echoes the request (%s)', (current) => {
  it.each([
    ['query', () => `http://${echo.base()}/token?app=demo&key=${QUERY_SECRET}`, [QUERY_SECRET]],
    ['encoded query', () => `http://${echo.base()}/token?key=${encodeURIComponent(`${QUERY_SECRET}/+=`)}`, [QUERY_SECRET]],
    ['userinfo', () => `http://svc-user:${USER_SECRET}@${echo.base()}/token`, [USER_SECRET]],
  ])('never shows the credential in the %s', async (_name, url, secrets) => {
    echo.shape = current;
    h.configure({ TOKEN_SERVICE_URL: url(), LOG_LEVEL: 'debug' });
    const lines: string[] = [];
    const spies = (['log', 'error', 'warn', 'info'] as const).map((method) =>
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(' '));
      }),
    );
    try {
      const result = await h.loadFunction('getOwnList')({}, context());
      expect(result.errCode).not.toBe(0);
      expect(result.error.name).toBe('TOKEN_PROVIDER_FAILED');
      const everything = `${JSON.stringify(result)}\n${lines.join('\n')}`;
      expect(everything).toMatch(/\/token/); // the echo did come back
      for (const secret of secrets) expect(everything).not.toContain(secret);
      expect(everything).not.toContain(Buffer.from(`svc-user:${USER_SECRET}`).toString('base64'));
      expect(everything).not.toContain(encodeURIComponent(QUERY_SECRET + '/'));
      expect(result.error.detail).toContain(`http://${echo.base()}/token)`); // named by origin and path only
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});

/**
 * A token service that answers 200 with its token in a body that is not JSON (a form, plain
 * text), at a URL whose key is a path segment: the body is described, never echoed, and the key
 * in the path is masked as one in the query is.
 */
describe('a token service answering a live token in a body that is not JSON', () => {
  const LIVE = 'LIVE-token-0a1b2c3d4e5f6a7b8c9d';
  const PATH_KEY = 'pathkey7f6e5d4c3b2a';
  let server: Server;
  let base = '';
  let requests = 0;
  let answer = { type: 'application/x-www-form-urlencoded', body: '' };
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests += 1;
      req.resume();
      res.writeHead(200, { 'content-type': answer.type }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([
    ['a form', 'application/x-www-form-urlencoded', `access_token=${LIVE}&expires_in=7200`, /a form-encoded body of \d+ bytes \(fields access_token, expires_in\)/],
    ['plain text', 'text/plain', `token: ${LIVE}\nexpires: 7200`, /plain text of \d+ bytes/],
    ['a bare token', 'text/plain', LIVE, /plain text of \d+ bytes/],
  ])('as %s: described by kind and size, the token and the path key nowhere', async (_name, type, body, described) => {
    answer = { type, body };
    requests = 0;
    h.configure({ TOKEN_SERVICE_URL: `http://${base}/tokensvc/${PATH_KEY}/token`, LOG_LEVEL: 'debug' });
    const lines: string[] = [];
    const spies = (['log', 'error', 'warn', 'info'] as const).map((method) =>
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(' '));
      }),
    );
    try {
      const result = await h.loadFunction('getOwnList')({}, context());
      expect(result.error.name).toBe('TOKEN_PROVIDER_FAILED');
      expect(result.error.cause).toMatchObject({ name: 'UPSTREAM_NOT_JSON' });
      expect(result.error.cause.detail).toMatch(described);
      expect(result.error.cause.detail).toMatch(/^Not JSON from \/tokensvc\/\*\*\*\/token: /);
      expect(requests).toBeGreaterThan(0);
      const everything = `${JSON.stringify(result)}\n${lines.join('\n')}`;
      expect(everything).toMatch(/"event":"failed"/);
      expect(everything).not.toContain(LIVE);
      expect(everything).not.toContain(LIVE.slice(0, 12));
      expect(everything).not.toContain(PATH_KEY);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
