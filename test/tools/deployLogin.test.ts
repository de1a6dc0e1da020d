import { checkLogin, type RunCli } from '../../tools/deployLogin';

// The login step's decisions from what the CLI printed (the real CLI runs in deploy.test.ts).
const answering = (output: string, code = 0): RunCli & { calls: string[][] } => {
  const calls: string[][] = [];
  const run = async (args: string[]) => {
    calls.push(args);
    return { code, output };
  };
  return Object.assign(run, { calls });
};
const mask = (text: string) => text.split('the-secret-key').join('***');

describe('the deploy\'s login step', () => {
  it('without an API key, lists the environments; the CLI\'s no-login line (either language) stops with the next step', async () => {
    for (const line of ['✖ No valid identity information, please use cloudbase login to login', '\u001b[31m✖\u001b[39m 无有效身份信息，请使用 cloudbase login 登录']) {
      const run = answering(`CloudBase CLI 2.12.10\n${line}\n`, 1);
      const check = await checkLogin(run, {}, 'deploy.env', mask);
      expect(run.calls).toEqual([['env', 'list']]);
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.problem).toMatch(/npx tcb login[\s\S]*TENCENTCLOUD_SECRETID=\.\.\. and TENCENTCLOUD_SECRETKEY=\.\.\./);
    }
  });

  it('another failure of the listing is not taken for a missing login: the deploy goes on', async () => {
    const check = await checkLogin(answering('✖ You do not have permission to perform this operation\n', 1), {}, 'deploy.env', mask);
    expect(check).toEqual({ ok: true, said: expect.stringContaining('saved login') });
  });

  it('with an API key, logs in with it; a ✖ line fails it even when the CLI exits 0, masked', async () => {
    const run = answering('✖ Tencent Cloud Key verification failed for the-secret-key\n', 0);
    const check = await checkLogin(run, { secretId: 'AKIDx', secretKey: 'the-secret-key' }, 'deploy.env', mask);
    expect(run.calls).toEqual([['login', '--apiKeyId', 'AKIDx', '--apiKey', 'the-secret-key']]);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.problem).toContain('tcb login with TENCENTCLOUD_SECRETID/TENCENTCLOUD_SECRETKEY failed');
      expect(check.problem).not.toContain('the-secret-key');
    }
    expect(await checkLogin(answering('✔ login succeeded.\n'), { secretId: 'AKIDx', secretKey: 'k' }, 'deploy.env', mask)).toMatchObject({ ok: true });
  });
});
