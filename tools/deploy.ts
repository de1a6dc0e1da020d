import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildFunctions, describeBuilt } from './buildFunctions';
import { checkLogin } from './deployLogin';
import { readDeployOutcome } from './deployOutcome';
import { deploySecrets, maskSecrets } from './deploySecrets';
import { DeployConfigError, deployVariables } from './deployVariables';
import { readFunctionsConfig } from './functionsConfig';
import { readSettingsFile } from './settingsFile';

/** The deploy-time settings file at the project root: outside dist/, so no build deletes it. */
export const DEPLOY_SETTINGS_FILE = 'deploy.env';

export interface DeployOptions {
  root: string;
  /** Where to build; default <root>/dist. */
  distDir?: string;
  /** The deploying shell's environment (wins over deploy.env). */
  shell: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
}

/**
 * npm run deploy: checks the settings and the CLI's login (with TENCENTCLOUD_SECRETID/SECRETKEY
 * when given, else the CLI's saved `tcb login`; tools/deployLogin.ts), builds, then runs the
 * real CloudBase CLI from dist/: `tcb fn deploy --all --force` (every function, no prompt;
 * docs/platform/deploy-tools.md) with `--deployMode zip` (the ~0.4 MB package goes inline with
 * CreateFunction instead of through a temporary COS bucket) and `-e <envId>`. Returns the exit
 * code: 0 only when every function is reported deployed, since the CLI itself exits 0 on failure.
 */
export async function deploy(options: DeployOptions): Promise<number> {
  const { root, shell, out, err } = options;
  const distDir = options.distDir ?? path.join(root, 'dist');
  const config = readFunctionsConfig(root);
  const fromFile = readSettingsFile(path.join(root, DEPLOY_SETTINGS_FILE));
  let variables;
  try {
    variables = deployVariables(config, fromFile, shell);
  } catch (error) {
    if (!(error instanceof DeployConfigError)) throw error;
    err(`deploy refused, nothing was built or sent:\n${error.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return 2;
  }
  for (const name of variables.unknown) err(`note: ${DEPLOY_SETTINGS_FILE} sets ${name}, which no function reads (config.json envVariables)\n`);

  const cli = cliEntry(root);
  if (!cli) {
    err('the CloudBase CLI is not installed: run npm install (it is a development dependency, @cloudbase/cli)\n');
    return 1;
  }
  const pick = (name: string): string | undefined => (shell[name] ?? fromFile[name]) || undefined;
  const secrets = deploySecrets(pick);
  const mask = (text: string): string => maskSecrets(text, secrets);
  // The CLI fills {{env.NAME}} from its working folder's .env files, then from its environment,
  // which wins: every variable goes in its environment, '' for unset (the CLI's own choice).
  const env: NodeJS.ProcessEnv = { ...shell, ...variables.values, ENV_ID: variables.envId };

  // A login first: without one the CLI would try each function and fail each (tools/deployLogin.ts).
  const login = await checkLogin((args) => run(cli, args, root, env, () => undefined), { secretId: pick('TENCENTCLOUD_SECRETID'), secretKey: pick('TENCENTCLOUD_SECRETKEY') }, DEPLOY_SETTINGS_FILE, mask);
  if (!login.ok) {
    err(`${login.problem}\n`);
    return 1;
  }
  out(`${login.said}\n`);

  for (const fn of await buildFunctions(root, distDir)) out(`${describeBuilt(fn, root)}\n`);

  out(`deploying ${Object.keys(config.functions).join(', ')} to ${variables.envId} (tcb fn deploy --all --force)\n`);
  const result = await run(cli, ['fn', 'deploy', '--all', '--force', '--deployMode', 'zip', '-e', variables.envId], distDir, env, (text) => out(mask(text)));
  const outcome = readDeployOutcome(result.output, Object.keys(config.functions), result.code);
  if (!outcome.ok) {
    err(`deploy failed: ${outcome.notDeployed.length > 0 ? `not deployed: ${outcome.notDeployed.join(', ')}` : 'the CLI reported an error'} (the CLI exited ${result.code})\n`);
    return 1;
  }
  out(`deployed: ${outcome.deployed.join(', ')}\n`);
  out('remember: the CLI does not apply permissions.openapi; upload getPluginDevApplyList once from WeChat DevTools (README, "Deploying")\n');
  return 0;
}

/** The CLI's entry script from the project's node_modules, or undefined when not installed. */
function cliEntry(root: string): string | undefined {
  try {
    return path.join(path.dirname(require.resolve('@cloudbase/cli/package.json', { paths: [root] })), 'bin', 'tcb');
  } catch {
    return undefined;
  }
}

function run(cli: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, echo: (text: string) => void): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // stdin stays the user's: the CLI may ask a question on a terminal; none of its answers is read here.
    const child = spawn(process.execPath, [cli, ...args], { cwd, env, stdio: ['inherit', 'pipe', 'pipe'] });
    let output = '';
    const take = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      output += text;
      echo(text);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
