import * as z from 'zod/mini';
import { currentClock, installClock, systemClock } from '../../../shared/core/clock';
import { createHandler } from '../../../shared/handler/createHandler';
import { VirtualClock } from '../../helpers/virtualClock';

// createHandler counts on the clock it is given (the spec's, else the installed one): the
// invocation's start, its deadline and every wait bound to it, and the log's `ms`.

const CALLER_VARS = ['TCB_SOURCE', 'WX_CONTEXT_KEYS', 'TRIGGER_SRC', 'WX_OPENID', 'ALLOWED_SOURCES', 'ADMIN_OPENIDS'];
const saved: Record<string, string | undefined> = {};
let lines: string[];

beforeEach(() => {
  // A console test run: allowed by the default policy, no context keys.
  for (const name of [...CALLER_VARS, 'LOG_LEVEL']) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
  process.env.LOG_LEVEL = 'info';
  lines = [];
  jest.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
  jest.spyOn(console, 'error').mockImplementation((line: unknown) => void lines.push(String(line)));
});

afterEach(() => {
  jest.restoreAllMocks();
  installClock(systemClock);
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const logged = (event: string) => lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((record) => record.event === event);

describe('createHandler on the clock it is given', () => {
  it('starts the deadline at the clock\'s now, and logs the time the clock says passed', async () => {
    const clock = new VirtualClock(1_000_000);
    let remainingAtStart = -1;
    const main = createHandler({
      name: 'clocked',
      eventSchema: z.object({}),
      clock,
      async run(_event, invocation) {
        remainingAtStart = invocation.deadline.remaining();
        await invocation.deadline.clock.sleep(1234);
        return { at: invocation.deadline.clock.now() };
      },
    });
    const answer = await clock.drive(main({}, { time_limit_in_ms: 10_000 }), () => ({ open: 0, held: 0, events: 0 }));
    // 10 s limit less its 1 s margin, counted from the clock's now, not the machine's.
    expect(remainingAtStart).toBe(9000);
    expect(answer).toMatchObject({ errCode: 0, at: 1_001_234 });
    expect(logged('done')).toMatchObject({ ms: 1234 });
  });

  it('a wait bound to the deadline ends when the clock reaches it, with a clean error and the clock\'s ms', async () => {
    const clock = new VirtualClock(5_000);
    const main = createHandler({
      name: 'bounded',
      eventSchema: z.object({}),
      clock,
      run: (_event, invocation) =>
        new Promise<object>((_resolve, reject) => {
          invocation.deadline.clock.after(invocation.deadline.remaining(), () => reject(new Error('out of time')));
        }),
    });
    const pending = main({}, { time_limit_in_ms: 3000 });
    // Nothing has happened until the clock moves: the machine's own time does not end it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(clock.timers()).toBe(1);
    expect(clock.advanceToNext()).toBe(true);
    const answer = await pending;
    expect(answer).toMatchObject({ errCode: expect.any(Number) });
    expect(answer.errCode).not.toBe(0);
    expect(clock.now()).toBe(5_000 + 2700); // 3 s less the 300 ms margin
    expect(logged('failed')).toMatchObject({ ms: 2700 });
  });

  it('without a clock in the spec, the installed one is used (how the integration harness runs a function)', async () => {
    const clock = new VirtualClock(42_000);
    installClock(clock);
    expect(currentClock()).toBe(clock);
    const main = createHandler({ name: 'installed', eventSchema: z.object({}), run: async (_event, invocation) => ({ remaining: invocation.deadline.remaining(), now: invocation.deadline.clock.now() }) });
    expect(await main({}, { time_limit_in_ms: 5000 })).toMatchObject({ errCode: 0, remaining: 4500, now: 42_000 });
  });
});
