import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildFunctions } from '../../../tools/buildFunctions';
import { readFunctionsConfig } from '../../../tools/functionsConfig';
import { ENV_ID, REPO, startDeployProject } from './deployProject';

/**
 * Records what the real CloudBase CLI prints in the cases the deploy's units are tested on
 * (test/tools/deployRecordedCli.test.ts), into test/tools/fixtures/cloudbase-cli.json: the
 * commands npm run deploy runs (tools/deployLogin.ts, tools/deploy.ts), each against the
 * offline stub of Tencent Cloud API, as the deploy test runs the CLI. Run it again when
 * @cloudbase/cli changes version (that test says so):
 *
 *   node scripts/run.js test/tools/helpers/recordCli.ts
 */
export const FIXTURE = path.join(REPO, 'test', 'tools', 'fixtures', 'cloudbase-cli.json');
export const KEY_ID = 'AKIDrecorded';
export const SECRET_KEY = 'tencent-secret-key-recorded';

export interface RecordedRun {
  args: string[];
  code: number | null;
  output: string;
}

async function main(): Promise<void> {
  const project = await startDeployProject();
  const cli = path.join(path.dirname(require.resolve('@cloudbase/cli/package.json', { paths: [REPO] })), 'bin', 'tcb');
  const version = (require(require.resolve('@cloudbase/cli/package.json', { paths: [REPO] })) as { version: string }).version;
  /** As tools/deploy.ts runs it: node <cli> <args>, stdout and stderr as one text. */
  const run = (args: string[], env: NodeJS.ProcessEnv, cwd = project.root): Promise<RecordedRun> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [cli, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ args, code, output }));
    });
  try {
    const runs: Record<string, RecordedRun> = {};
    // No login on this machine yet (a HOME of its own): the deploy's first step asks for the environments.
    runs.envListWithoutLogin = await run(['env', 'list'], project.shell({ HOME: path.join(project.work, 'home-without-login') }));
    // An API key Tencent Cloud refuses.
    project.stub.rejectKeys = true;
    runs.loginRefused = await run(['login', '--apiKeyId', 'AKIDwrong', '--apiKey', SECRET_KEY], project.shell());
    project.stub.rejectKeys = false;
    // The login `npx tcb login` (here with a key) saves, then what the next deploy sees of it.
    runs.login = await run(['login', '--apiKeyId', KEY_ID, '--apiKey', SECRET_KEY], project.shell());
    runs.envListWithSavedLogin = await run(['env', 'list'], project.shell());
    // Every function deployed on that login, one of them refused by the platform.
    const distDir = path.join(project.root, 'dist');
    await buildFunctions(project.root, distDir);
    project.stub.failCreateFunction.add('getOwnList');
    const variables = Object.fromEntries(Object.values(readFunctionsConfig(project.root).functions).flatMap((fn) => fn.envVariables).map((name) => [name, '']));
    runs.deployOneRefused = await run(['fn', 'deploy', '--all', '--force', '--deployMode', 'zip', '-e', ENV_ID], { ...project.shell(), ...variables, ENV_ID }, distDir);
    // Nothing of this machine or this run in the file: the checkout's and the temporary folder's
    // paths (in the CLI's stack traces), the stub's port.
    const scrub = (text: string) => text.split(project.work).join('<work>').split(REPO).join('<repo>').split(String(project.stub.port)).join('<port>');
    const recorded = { cli: version, recordedBy: 'test/tools/helpers/recordCli.ts', runs: Object.fromEntries(Object.entries(runs).map(([name, r]) => [name, { ...r, output: scrub(r.output) }])) };
    mkdirSync(path.dirname(FIXTURE), { recursive: true });
    writeFileSync(FIXTURE, `${JSON.stringify(recorded, null, 2)}\n`);
    console.log(`recorded ${Object.keys(runs).length} runs of @cloudbase/cli ${version} into ${path.relative(REPO, FIXTURE)}`);
  } finally {
    await project.close();
  }
}

if (require.main === module || process.argv[1]?.endsWith('recordCli.js')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
