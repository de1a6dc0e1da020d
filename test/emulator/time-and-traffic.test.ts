import { startEmulator, type Emulator } from '../../emulator';
import { VirtualClock } from '../helpers/virtualClock';
import { stableToken, wechatUrl } from './helpers/wechat-http';

// What a test on virtual time needs from the emulator: its waits on the time source it is
// given, the requests it holds counted, reset() ending them, and reset() restoring the seed
// however the lists were changed.

const until = async (what: () => boolean) => {
  while (!what()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('the emulator on a time source of its own', () => {
  let clock: VirtualClock;
  let emu: Emulator;
  beforeAll(async () => {
    clock = new VirtualClock(1_700_000_000_000);
    emu = await startEmulator({ applicantCount: 5, embeddedCount: 5, time: clock });
  });
  afterAll(async () => {
    await emu.close();
  });
  beforeEach(() => emu.reset());

  it('tells time by it (plus the offset tests move), and answers a slow request only when it has passed', async () => {
    expect(emu.clock.now()).toBe(1_700_000_000);
    emu.inject({ api: '/cgi-bin/stable_token', latencyMs: 5000 });
    let answered = false;
    const slow = stableToken(emu).then((token) => {
      answered = true;
      return token;
    });
    await until(() => emu.traffic().held === 1);
    expect(emu.traffic()).toMatchObject({ open: 1, held: 1 });
    await new Promise((resolve) => setTimeout(resolve, 100)); // real time passing changes nothing
    expect(answered).toBe(false);
    await clock.advance(5000);
    expect(await slow).toEqual(expect.any(String));
    expect(emu.calls[0]?.at).toBe(1_700_000_000_000);
    await until(() => emu.traffic().open === 0);
    expect(emu.traffic()).toMatchObject({ open: 0, held: 0 });
  });

  it('counts a stalled request as held until reset() ends it, which the client sees as a dropped connection', async () => {
    emu.inject({ api: '/cgi-bin/stable_token', stall: true });
    const before = emu.traffic().events;
    const stalled = fetch(wechatUrl(emu, '/cgi-bin/stable_token'), { method: 'POST', body: '{}' });
    await until(() => emu.traffic().held === 1);
    expect(emu.traffic().events).toBeGreaterThan(before);
    emu.reset();
    await expect(stalled).rejects.toThrow();
    await until(() => emu.traffic().open === 0);
    expect(emu.traffic()).toMatchObject({ open: 0, held: 0 });
  });

  it('counts a request a test holds (a `hold` promise) as open, not held: time does not move for it; reset() ends it', async () => {
    let release: () => void = () => undefined;
    emu.inject({ api: '/cgi-bin/stable_token', hold: new Promise<void>((resolve) => (release = resolve)), times: 1 });
    const released = stableToken(emu);
    await until(() => emu.calls.length === 1 && emu.traffic().open === 1);
    expect(emu.traffic()).toMatchObject({ open: 1, held: 0 });
    release();
    expect(await released).toEqual(expect.any(String));
    emu.inject({ api: '/cgi-bin/stable_token', hold: new Promise<void>(() => undefined), times: 1 });
    const dropped = fetch(wechatUrl(emu, '/cgi-bin/stable_token'), { method: 'POST', body: '{}' });
    await until(() => emu.calls.length === 2 && emu.traffic().open === 1);
    emu.reset();
    await expect(dropped).rejects.toThrow();
    await until(() => emu.traffic().open === 0);
    expect(emu.tokens.issued()).toBe(0);
  });

  it('signs a push with the time source\'s now, which clock.advance (WeChat\'s own clock running ahead) does not move', async () => {
    emu.clock.advance(3600);
    const sealed = emu.openPlatform.seal({ AppId: emu.accounts.component.appid, CreateTime: emu.clock.now(), InfoType: 'component_verify_ticket' });
    expect(sealed.query.timestamp).toBe(String(Math.floor(clock.now() / 1000)));
    expect(emu.clock.now()).toBe(Math.floor(clock.now() / 1000) + 3600);
  });

  it('a slow write ended by reset() never acts on the fresh state', async () => {
    emu.inject({ api: '/cgi-bin/stable_token', latencyMs: 1000 });
    const slow = stableToken(emu).catch(() => 'dropped');
    await until(() => emu.traffic().held === 1);
    emu.reset();
    await clock.advance(1000);
    expect(await slow).toBe('dropped');
    expect(emu.tokens.issued()).toBe(0);
  });
});

it('reset() restores the seeded lists however a test changed them, each emulator with its own copy', async () => {
  const a = await startEmulator({ applicantCount: 20, embeddedCount: 20 });
  const b = await startEmulator({ applicantCount: 20, embeddedCount: 20 });
  try {
    const seeded = structuredClone(a.data.applicants);
    expect(b.data.applicants).toEqual(seeded);
    (a.data.applicants[0] as { categories: Array<{ first: string }> }).categories[0]!.first = 'changed';
    a.data.applicants[1]!.status = 99;
    a.data.embedded.splice(0, 5);
    expect(b.data.applicants).toEqual(seeded);
    a.reset();
    expect(a.data.applicants).toEqual(seeded);
    expect(a.data.embedded).toHaveLength(20);
    expect(typeof a.data.applicants[3]!.apply_seq).toBe('bigint');
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});
