import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, useHarness } from './helpers/harness';

/**
 * TOKEN_SERVICE_URL with a credential in its query or userinfo, and a token service whose error
 * answers repeat the request path (issue 11): nothing of the credential may reach the envelope
 * or a log line, in any of the three shapes such an echo takes.
 */
const QUERY_SECRET = 'svc-query-key-9f8e7d6c5b4a';
const USER_SECRET = 'svc-basic-pass-1a2b3c4d';
const h = useHarness({ embeddedCount: 10, applicantCount: 10 }, (harness) => harness.asCaller('admin'));

type Shape = 'http-error-page' | 'ok-html-page' | 'json-errmsg';
let shape: Shape = 'http-error-page';
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const echoed = `${req.url} (auth: ${req.headers.authorization ?? 'none'})`;
    if (shape === 'http-error-page') res.writeHead(404, { 'content-type': 'text/html' }).end(`<html><body>Cannot GET ${echoed}</body></html>`);
    else if (shape === 'ok-html-page') res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body>No route for ${echoed}</body></html>`);
    else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 40013, errmsg: `unknown caller for ${echoed}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe.each<Shape>(['http-error-page', 'ok-html-page', 'json-errmsg'])('a token service that echoes the request (%s)', (current) => {
  it.each([
    ['query', () => `http://${base}/token?app=demo&key=${QUERY_SECRET}`, [QUERY_SECRET]],
    ['encoded query', () => `http://${base}/token?key=${encodeURIComponent(`${QUERY_SECRET}/+=`)}`, [QUERY_SECRET]],
    ['userinfo', () => `http://svc-user:${USER_SECRET}@${base}/token`, [USER_SECRET]],
  ])('never shows the credential in the %s', async (_name, url, secrets) => {
    shape = current;
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
      expect(result.error.detail).toContain(`http://${base}/token)`); // named by origin and path only
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
