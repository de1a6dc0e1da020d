import { describeEmulator, parseCliArgs, runCli } from '../../emulator/cli';
import { DEFAULT_ACCOUNTS, startEmulator } from '../../emulator';
import { stableToken, wechatUrl } from './helpers/wechat-http';

// Start-up, reset and close of the emulator, and the CLI entry.

test('close() is prompt with a stalled request and kept-alive sockets', async () => {
  const emu = await startEmulator({ applicantCount: 1, embeddedCount: 1 });
  await stableToken(emu); // leaves an idle keep-alive socket
  emu.inject({ stall: true });
  const stalled = fetch(wechatUrl(emu, '/cgi-bin/stable_token'), { method: 'POST', body: '{}' });
  while (emu.count() < 2) await new Promise((resolve) => setTimeout(resolve, 5));
  await emu.close();
  await expect(stalled).rejects.toThrow();
});

test('urls, default accounts, and reset()', async () => {
  const emu = await startEmulator({ applicantCount: 1, embeddedCount: 1 });
  try {
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.cloudUrl).toBe(`${emu.url}/admin`);
    expect(emu.wechatBaseUrl).toBe(emu.url);
    expect(emu.accounts).toEqual(DEFAULT_ACCOUNTS);
    const token = await stableToken(emu);
    emu.clock.advance(100);
    emu.db.collection('x').set('a', { _id: 'a' });
    emu.inject({ errcode: 1 });
    emu.reset();
    expect(emu.calls).toEqual([]);
    expect(emu.tokens.issued()).toBe(0);
    expect(emu.db.collections()).toEqual([]);
    expect(Math.abs(emu.clock.now() - Math.floor(Date.now() / 1000))).toBeLessThanOrEqual(2);
    const after = await stableToken(emu); // the injected fault was cleared too
    expect(after).not.toBe(token);
  } finally {
    await emu.close();
  }
});

test('sdkEnv: a Mini Program call carries WX_API_TOKEN; null models a console/timer call', async () => {
  const emu = await startEmulator({ applicantCount: 1, embeddedCount: 1 });
  try {
    const fromClient = emu.sdkEnv();
    expect(JSON.parse(fromClient.TCB_CONTEXT_CNFG ?? '{}')).toEqual({ URL: emu.cloudUrl });
    expect(fromClient.WX_API_TOKEN).not.toBe('');
    expect(fromClient.WX_CONTEXT_KEYS).toContain('WX_API_TOKEN');
    const fromTimer = emu.sdkEnv({ wxApiToken: null, envId: 'env-2' });
    expect(fromTimer.WX_API_TOKEN).toBe('');
    expect(fromTimer.TCB_ENV).toBe('env-2');
    expect(Object.keys(fromTimer).sort()).toEqual(Object.keys(fromClient).sort());
    expect(emu.sdkEnv({ wxApiToken: 'custom' }).WX_API_TOKEN).toBe('custom');
  } finally {
    await emu.close();
  }
});

describe('cli', () => {
  test('parses its flags', () => {
    expect(parseCliArgs([])).toEqual({ port: 0 });
    expect(parseCliArgs(['--port', '8123', '--seed', '5', '--applicants', '10', '--embedded', '20'])).toEqual({
      port: 8123,
      seed: 5,
      applicantCount: 10,
      embeddedCount: 20,
    });
    expect(() => parseCliArgs(['--port', 'x'])).toThrow();
    expect(() => parseCliArgs(['--nope'])).toThrow();
  });

  test('runCli starts the emulator and prints urls, env lines and credentials', async () => {
    const lines: string[] = [];
    const emu = await runCli(['--applicants', '3', '--embedded', '3'], (line) => lines.push(line));
    try {
      expect(lines).toContain(`TCB_CONTEXT_CNFG=${JSON.stringify({ URL: emu.cloudUrl })}`);
      expect(lines).toContain(`WECHAT_API_BASE_URL=${emu.wechatBaseUrl}`);
      expect(lines.join('\n')).toContain(emu.accounts.app.secret);
      expect(describeEmulator(emu)[0]).toBe(`emulator listening on ${emu.url}`);
    } finally {
      await emu.close();
    }
  });
});
