import { context, useHarness } from './helpers/harness';
import { ECHO_SHAPES, useEchoServer, type EchoShape } from './helpers/echoServer';

/**
 * WECOM_WEBHOOK_URL carries the robot's key in its query, which is registered as a secret like
 * TOKEN_SERVICE_URL's (docs/errors.md, "What always holds": no secret). A robot endpoint (or a
 * proxy in front of it) whose error answers repeat the request path must not bring the key into
 * syncLists' answer, a log line, or anything stored in the database, in any of the shapes such an
 * echo takes.
 */
const ROBOT_KEY = 'robot-key-5e6f7a8b9c0d1e2f';
const USER_SECRET = 'robot-basic-pass-0a1b2c3d';
const h = useHarness({ embeddedCount: 20, applicantCount: 20 }, (harness) => harness.asCaller('timer'));

const echo = useEchoServer({ notFound: 'Cannot POST', okPage: 'No robot at', errcode: 93000, errmsg: 'invalid webhook url' });

describe.each<EchoShape>([...ECHO_SHAPES])('a robot endpoint that echoes the request (%s)', (current) => {
  it.each([
    ['query', () => `http://${echo.base()}/cgi-bin/webhook/send?key=${ROBOT_KEY}`, ROBOT_KEY],
    ['encoded query', () => `http://${echo.base()}/cgi-bin/webhook/send?key=${encodeURIComponent(`${ROBOT_KEY}/+=`)}`, ROBOT_KEY],
    ['userinfo', () => `http://robot:${USER_SECRET}@${echo.base()}/cgi-bin/webhook/send?key=${ROBOT_KEY}`, USER_SECRET],
  ])('never shows the credential in the %s', async (_name, url, secret) => {
    echo.shape = current;
    h.configure({ ...h.componentVars(), WECOM_WEBHOOK_URL: url(), LOG_LEVEL: 'debug' });
    const lines: string[] = [];
    const spies = (['log', 'error', 'warn', 'info'] as const).map((method) =>
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(args.map(String).join(' '));
      }),
    );
    try {
      const sync = h.loadFunction('syncLists');
      const baseline = await sync({}, context(20_000));
      h.emu.evolve.step();
      const before = echo.requests();
      const second = await sync({}, context(20_000));
      expect(echo.requests()).toBeGreaterThan(before); // the robot was called, and echoed
      const stored = ['notifications', 'sync_state', 'list_changes'].map((name) => [...h.emu.db.collection(name).values()]);
      const everything = [JSON.stringify(baseline), JSON.stringify(second), JSON.stringify(stored), ...lines].join('\n');
      expect(everything).toMatch(/cgi-bin\/webhook\/send/); // the echo did come back
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(encodeURIComponent(`${ROBOT_KEY}/`));
      expect(everything).not.toContain(Buffer.from(`robot:${USER_SECRET}`).toString('base64'));
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  }, 60_000);
});
