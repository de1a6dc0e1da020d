import { context, useHarness } from './helpers/harness';
import { ECHO_SHAPES, useEchoServer, type EchoShape } from './helpers/echoServer';

/**
 * TOKEN_SERVICE_URL with a credential in its query or userinfo, and a token service whose error
 * answers repeat the request path (issue 11): nothing of the credential may reach the envelope
 * or a log line, in any of the three shapes such an echo takes.
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
