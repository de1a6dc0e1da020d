import { cliFailures } from './deployOutcome';

/** Runs the CloudBase CLI with these arguments, to its end; `output` is stdout and stderr as printed. */
export type RunCli = (args: string[]) => Promise<{ code: number | null; output: string }>;

export type LoginCheck = { ok: true; said: string } | { ok: false; problem: string };

/**
 * What the CLI says, in English or Chinese, when it has no login (docs/platform/deploy-tools.md):
 * `fn deploy` then prints it once per function after a login attempt of its own, and ends with
 * every function "not deployed".
 */
const NO_LOGIN = /No valid identity information|无有效身份信息/;

/**
 * The deploy's first step with the CLI, before anything is built: a login it can use. With
 * TENCENTCLOUD_SECRETID/SECRETKEY (shell or deploy.env) it logs in with that API key; without
 * them it asks the CLI to list the environments, which needs the login `npx tcb login` saved,
 * and stops with the next step when there is none. Either way the CLI's failures are the
 * lines it marks ✖ (tools/deployOutcome.ts reads them); it may exit 0 on failure.
 */
export async function checkLogin(runCli: RunCli, apiKey: { secretId?: string; secretKey?: string }, settingsFile: string, mask: (text: string) => string): Promise<LoginCheck> {
  if (apiKey.secretId && apiKey.secretKey) {
    const login = await runCli(['login', '--apiKeyId', apiKey.secretId, '--apiKey', apiKey.secretKey]);
    if (login.code !== 0 || cliFailures(login.output).length > 0) {
      return { ok: false, problem: `tcb login with TENCENTCLOUD_SECRETID/TENCENTCLOUD_SECRETKEY failed:\n${mask(login.output)}\ncheck the key pair in ${settingsFile} (or the shell); nothing was built or deployed` };
    }
    return { ok: true, said: 'logged in to CloudBase with TENCENTCLOUD_SECRETID/TENCENTCLOUD_SECRETKEY' };
  }
  const check = await runCli(['env', 'list']);
  if (cliFailures(check.output).some((line) => NO_LOGIN.test(line))) {
    return {
      ok: false,
      problem: [
        'deploy stopped before building: the CloudBase CLI is not logged in on this machine.',
        'Next step, either of:',
        '  - log in once in a browser: npx tcb login   (the login is kept for later deploys)',
        `  - or put an API key in ${settingsFile}: TENCENTCLOUD_SECRETID=... and TENCENTCLOUD_SECRETKEY=...`,
        '    (Tencent Cloud console, Access management > API keys)',
        'then run npm run deploy again.',
      ].join('\n'),
    };
  }
  // Any other failure of the listing (a key without permission to list environments, say) is
  // not a missing login: the deploy goes on and reports what the CLI says.
  return { ok: true, said: 'using the CloudBase CLI\'s saved login (npx tcb login)' };
}
