import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deploy } from '../../../tools/deploy';
import { findRoot } from '../../../tools/functionsConfig';
import { startCloudApiStub, type CloudApiStub } from './cloudApiStub';

/**
 * A project to run `npm run deploy` in with the REAL CloudBase CLI (@cloudbase/cli), offline: its
 * network layer is replaced by offlineNetwork.js (preloaded through NODE_OPTIONS), which sends
 * every request to a local stub of Tencent Cloud API (cloudApiStub.ts). Used by the deploy test
 * and by recordCli.ts, which records the CLI's output for the cases the test replays.
 *
 * With `cli: 'replayed'` the project's @cloudbase/cli is replayCli.js instead, which answers
 * each command with the real CLI's recorded output (CLI_REPLAY in the shell names the runs);
 * every other package is the checkout's.
 */
// Found upwards: recordCli.ts runs bundled into .build/scripts/.
export const REPO = findRoot(__dirname);
const PRELOAD = path.join(REPO, 'test', 'tools', 'helpers', 'offlineNetwork.js');
export const ENV_ID = 'env-deploy-test';
export const TRIGGER = { name: 'daily', type: 'timer', config: '0 0 2 * * * *' };

export interface DeployProjectOptions {
  cli?: 'real' | 'replayed';
}

export interface DeployProject {
  /** A temporary folder holding the project and the CLI's HOME. */
  work: string;
  /** The project root: this repository with a timer trigger added to getOwnList. */
  root: string;
  stub: CloudApiStub;
  /** The deploying shell's environment: the CLI's HOME in `work`, its network sent to the stub. */
  shell(extra?: Record<string, string>): NodeJS.ProcessEnv;
  runDeploy(env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }>;
  /** With the replayed CLI: the commands it was asked since the last call, in order. */
  cliCommands(): string[][];
  close(): Promise<void>;
}

export async function startDeployProject(options: DeployProjectOptions = {}): Promise<DeployProject> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'deploy-test-'));
  mkdirSync(path.join(work, 'home'));
  const root = path.join(work, 'project');
  mkdirSync(root);
  const config = JSON.parse(readFileSync(path.join(REPO, 'config.json'), 'utf8'));
  config.functions.getOwnList.triggers = [TRIGGER];
  writeFileSync(path.join(root, 'config.json'), JSON.stringify(config));
  writeFileSync(path.join(root, 'package.json'), readFileSync(path.join(REPO, 'package.json')));
  for (const name of ['cloudfunctions', 'miniprogram']) symlinkSync(path.join(REPO, name), path.join(root, name), 'dir');
  if (options.cli === 'replayed') replayedCli(root);
  else symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const cliLog = path.join(work, 'cli-commands.log');
  const stub = await startCloudApiStub(ENV_ID);
  const shell = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH ?? '',
    HOME: path.join(work, 'home'),
    LANG: 'C.UTF-8',
    CI: 'true',
    NODE_OPTIONS: `--require ${PRELOAD}`,
    CLOUD_API_STUB_PORT: String(stub.port),
    CLI_REPLAY_LOG: cliLog,
    ...extra,
  });
  const runDeploy = async (env: NodeJS.ProcessEnv) => {
    let out = '';
    let err = '';
    const code = await deploy({ root, shell: env, out: (t) => void (out += t), err: (t) => void (err += t) });
    return { code, out, err };
  };
  const cliCommands = (): string[][] => {
    let text = '';
    try {
      text = readFileSync(cliLog, 'utf8');
    } catch {
      return [];
    }
    rmSync(cliLog, { force: true });
    return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as string[]);
  };
  const close = async () => {
    await stub.close();
    rmSync(work, { recursive: true, force: true });
  };
  return { work, root, stub, shell, runDeploy, cliCommands, close };
}

/** node_modules of the checkout, but @cloudbase/cli is replayCli.js. */
function replayedCli(root: string): void {
  const modules = path.join(root, 'node_modules');
  mkdirSync(path.join(modules, '@cloudbase', 'cli', 'bin'), { recursive: true });
  for (const name of readdirSync(path.join(REPO, 'node_modules'))) {
    if (name !== '@cloudbase') symlinkSync(path.join(REPO, 'node_modules', name), path.join(modules, name));
  }
  for (const name of readdirSync(path.join(REPO, 'node_modules', '@cloudbase'))) {
    if (name !== 'cli') symlinkSync(path.join(REPO, 'node_modules', '@cloudbase', name), path.join(modules, '@cloudbase', name));
  }
  const real = JSON.parse(readFileSync(path.join(REPO, 'node_modules', '@cloudbase', 'cli', 'package.json'), 'utf8')) as { version: string };
  writeFileSync(path.join(modules, '@cloudbase', 'cli', 'package.json'), JSON.stringify({ name: '@cloudbase/cli', version: real.version, bin: { tcb: 'bin/tcb' } }));
  writeFileSync(path.join(modules, '@cloudbase', 'cli', 'bin', 'tcb'), `require(${JSON.stringify(path.join(REPO, 'test', 'tools', 'helpers', 'replayCli.js'))});\n`);
}
