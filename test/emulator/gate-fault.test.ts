import { startEmulator, type Emulator } from '../../emulator';

/** The `gate` fault tells concurrent requests from sequential ones without timing assertions. */
describe('gate fault', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ applicantCount: 5, embeddedCount: 5 });
  });
  afterAll(() => emu.close());
  beforeEach(() => emu.reset());

  const get = () => fetch(`${emu.wechatBaseUrl}/wxaapi/wxaembedded/get_own_list?start=0&num=1`).then((r) => r.json());
  const gatedOf = () => emu.calls.filter((c) => c.api === '/wxaapi/wxaembedded/get_own_list').map((c) => c.gated);

  it('answers two requests held at once together', async () => {
    emu.inject({ kind: 'https', api: '/wxaapi/wxaembedded/get_own_list', gate: 2, latencyMs: 10_000, times: 2 });
    await Promise.all([get(), get()]);
    expect(gatedOf()).toEqual(['together', 'together']);
  });

  it('answers requests sent one after the other alone, once the wait runs out', async () => {
    emu.inject({ kind: 'https', api: '/wxaapi/wxaembedded/get_own_list', gate: 2, latencyMs: 100, times: 2 });
    await get();
    await get();
    expect(gatedOf()).toEqual(['alone', 'alone']);
  });
});
