import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readFunctionsConfig } from '../../tools/functionsConfig';
import type { CloudApiCall } from './helpers/cloudApiStub';
import { ENV_ID, REPO, startDeployProject, TRIGGER, type DeployProject } from './helpers/deployProject';

// `npm run deploy` end to end with the REAL CloudBase CLI (@cloudbase/cli), offline: its network
// layer is replaced by helpers/offlineNetwork.js, which sends every request to a local stub of
// Tencent Cloud API. What the stub receives is what the CLI would send to the cloud.
//
// Each start of the CLI costs about 3 s of CPU and 4 s, so it runs for real in the deploy a user
// meets first (an API key, every function created); the other cases (a saved login with a
// function refused, a refused key, no login at all) run the same deploy against what the real
// CLI printed in those cases, recorded by helpers/recordCli.ts and replayed by
// helpers/replayCli.js: every step of the deploy runs, the CLI's answers are its own.

const SECRET_KEY = 'tencent-secret-key-deploy-test';
const APPSECRET = 'appsecret-from-deploy-env-test';

const actions = (calls: CloudApiCall[], action: string) => calls.filter((c) => c.action === action);

/** The stub answering normally, nothing recorded, and the project's deploy.env. */
function writeDeployEnv(project: DeployProject): void {
  project.stub.calls.length = 0;
  project.stub.failCreateFunction.clear();
  project.stub.rejectKeys = false;
  writeFileSync(path.join(project.root, 'deploy.env'), [`ENV_ID=${ENV_ID}`, 'ADMIN_OPENIDS=oFromFile', `APPSECRET="${APPSECRET}"`, 'LOG_LEVEL=debug', ''].join('\n'));
}

describe('npm run deploy with the real CloudBase CLI (offline)', () => {
  let real: DeployProject;
  let keyed: { code: number; out: string; err: string };
  let keyedCalls: CloudApiCall[];
  // One login and one deploy with the API key; the test reads what they sent and printed.
  beforeAll(async () => {
    real = await startDeployProject();
    writeDeployEnv(real);
    keyed = await real.runDeploy(real.shell({ LOG_LEVEL: 'warn', TENCENTCLOUD_SECRETID: 'AKIDdeploytest', TENCENTCLOUD_SECRETKEY: SECRET_KEY }));
    keyedCalls = [...real.stub.calls];
  }, 180_000);
  afterAll(() => real?.close());

  it('creates every function with its runtime, timeout, memory, variables and trigger', () => {
    const result = keyed;
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const config = readFunctionsConfig(real.root);
    const creates = actions(keyedCalls, 'CreateFunction');
    expect(creates.map((c) => c.body?.FunctionName).sort()).toEqual(Object.keys(config.functions).sort());
    // Each variable checked below by name is read by some function, so its check runs.
    for (const name of ['ADMIN_OPENIDS', 'APPSECRET', 'TOKEN_PROVIDER']) expect(Object.values(config.functions).some((fn) => fn.envVariables.includes(name))).toBe(true);
    for (const call of creates) {
      const name = call.body?.FunctionName as string;
      const fn = config.functions[name]!;
      expect(call.body).toMatchObject({ Namespace: ENV_ID, Handler: 'index.main', Runtime: config.runtime, Timeout: fn.timeout, MemorySize: fn.memorySize, InstallDependency: 'FALSE' });
      // The package travels inline (--deployMode zip): a real zip of the built folder.
      expect(Buffer.from((call.body?.Code as { ZipFile: string }).ZipFile, 'base64').subarray(0, 2).toString()).toBe('PK');
      const sent = Object.fromEntries((call.body?.Environment as { Variables: Array<{ Key: string; Value: string }> }).Variables.map((v) => [v.Key, v.Value]));
      expect(Object.keys(sent).sort()).toEqual([...fn.envVariables].sort());
      // Each function gets the variables it reads (componentEvents, say, has no ADMIN_OPENIDS).
      if (fn.envVariables.includes('ADMIN_OPENIDS')) expect(sent.ADMIN_OPENIDS).toBe('oFromFile'); // from deploy.env
      if (fn.envVariables.includes('APPSECRET')) expect(sent.APPSECRET).toBe(APPSECRET); // quotes in deploy.env taken off
      expect(sent.LOG_LEVEL).toBe('warn'); // the shell wins over deploy.env, as in the CLI
      if (fn.envVariables.includes('TOKEN_PROVIDER')) expect(sent.TOKEN_PROVIDER).toBe(''); // unset: sent empty, which the functions read as unset
    }
    // One trigger request per function that has a trigger in config.json, carrying exactly it.
    const triggers = actions(keyedCalls, 'BatchCreateTrigger');
    const withTriggers = Object.entries(config.functions).filter(([, fn]) => fn.triggers.length > 0);
    expect(triggers.map((t) => t.body?.FunctionName).sort()).toEqual(withTriggers.map(([name]) => name).sort());
    for (const [name, fn] of withTriggers) {
      const sentTriggers = triggers.find((t) => t.body?.FunctionName === name)?.body?.Triggers as string;
      expect(JSON.parse(sentTriggers)).toEqual(fn.triggers.map((t) => ({ TriggerName: t.name, Type: 'timer', TriggerDesc: t.config })));
    }
    expect(JSON.parse(triggers.find((t) => t.body?.FunctionName === 'getOwnList')?.body?.Triggers as string)).toEqual([{ TriggerName: TRIGGER.name, Type: 'timer', TriggerDesc: TRIGGER.config }]);
    // Nothing went anywhere but the stub, and the secrets were never printed.
    expect(keyedCalls.every((c) => c.target.startsWith('https://'))).toBe(true);
    expect(`${result.out}${result.err}`).not.toContain(SECRET_KEY);
    expect(`${result.out}${result.err}`).not.toContain(APPSECRET);
    expect(result.out).toContain('logged in to CloudBase with TENCENTCLOUD_SECRETID/TENCENTCLOUD_SECRETKEY');
    expect(result.out).toContain('deployed: ');
    // The build replaced dist/ but the deploy-time settings live outside it.
    expect(existsSync(path.join(real.root, 'deploy.env'))).toBe(true);
    expect(readdirSync(path.join(real.root, 'dist')).filter((f) => f.startsWith('.env'))).toEqual([]);
  });
});

describe('npm run deploy on what the CLI printed (its recorded output)', () => {
  let replayed: DeployProject;
  const recording = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'cloudbase-cli.json'), 'utf8')) as { cli: string; runs: Record<string, { args: string[] }> };
  beforeAll(async () => {
    replayed = await startDeployProject({ cli: 'replayed' });
  });
  afterAll(() => replayed?.close());
  beforeEach(() => {
    writeDeployEnv(replayed);
    replayed.cliCommands();
  });

  it('replays the CLI installed here (after changing its version: node scripts/run.js test/tools/helpers/recordCli.ts)', () => {
    const installed = JSON.parse(readFileSync(path.join(REPO, 'node_modules', '@cloudbase', 'cli', 'package.json'), 'utf8')) as { version: string };
    expect(`@cloudbase/cli ${recording.cli}`).toBe(`@cloudbase/cli ${installed.version}`);
  });

  it('deploys on the saved login without the key variables, and exits non-zero when the CLI reports a function it could not deploy (the CLI itself exits 0)', async () => {
    // Recorded after a `tcb login`, with the platform refusing getOwnList's CreateFunction.
    const result = await replayed.runDeploy(replayed.shell({ CLI_REPLAY: 'envListWithSavedLogin,deployOneRefused' }));
    expect(result.out).not.toContain('logged in to CloudBase');
    expect(result.out).toContain("using the CloudBase CLI's saved login");
    expect(result.code).toBe(1);
    // (A function added to config.json since the recording shows up here as not deployed: record again.)
    expect(result.err).toBe('deploy failed: not deployed: getOwnList (the CLI exited 0)\n');
    // Every other function was still deployed: one failure does not stop the others.
    for (const name of Object.keys(readFunctionsConfig(replayed.root).functions).filter((n) => n !== 'getOwnList')) expect(result.out).toContain(`[${name}] Cloud function deployed successfully`);
    expect(replayed.cliCommands()).toEqual([recording.runs.envListWithSavedLogin!.args, recording.runs.deployOneRefused!.args]);
    expect(existsSync(path.join(replayed.root, 'dist', 'cloudbaserc.json'))).toBe(true);
  });

  it('stops before building when the API key is refused, and never prints the key', async () => {
    const args = recording.runs.loginRefused!.args; // login --apiKeyId <id> --apiKey <key>
    rmSync(path.join(replayed.root, 'dist'), { recursive: true, force: true });
    const result = await replayed.runDeploy(replayed.shell({ CLI_REPLAY: 'loginRefused', TENCENTCLOUD_SECRETID: args[2]!, TENCENTCLOUD_SECRETKEY: args[4]! }));
    expect(result.code).toBe(1);
    expect(result.err).toContain('tcb login with TENCENTCLOUD_SECRETID/TENCENTCLOUD_SECRETKEY failed');
    expect(result.err).toContain('The SecretId is not found'); // what the cloud said, passed on
    expect(`${result.out}${result.err}`).not.toContain(args[4]!);
    expect(replayed.cliCommands()).toEqual([args]);
    expect(existsSync(path.join(replayed.root, 'dist'))).toBe(false);
  });

  it('with no login and no API key, stops before building and names the next step (the CLI would fail every function)', async () => {
    rmSync(path.join(replayed.root, 'dist'), { recursive: true, force: true });
    const result = await replayed.runDeploy(replayed.shell({ CLI_REPLAY: 'envListWithoutLogin' }));
    expect(result.code).toBe(1);
    expect(result.err).toContain('not logged in');
    expect(result.err).toContain('npx tcb login');
    expect(result.err).toMatch(/TENCENTCLOUD_SECRETID=\.\.\. and TENCENTCLOUD_SECRETKEY=\.\.\./);
    expect(result.err).toContain('deploy.env');
    expect(replayed.cliCommands()).toEqual([recording.runs.envListWithoutLogin!.args]);
    expect(existsSync(path.join(replayed.root, 'dist'))).toBe(false);
  });

  it('refuses a value with " or \\ before building or sending anything, naming the variable', async () => {
    rmSync(path.join(replayed.root, 'dist'), { recursive: true, force: true });
    const quoted = await replayed.runDeploy(replayed.shell({ TOKEN_SERVICE_AUTH: 'Bearer "abc"' }));
    expect(quoted.code).toBe(2);
    expect(quoted.err).toMatch(/TOKEN_SERVICE_AUTH holds a double quote/);
    writeFileSync(path.join(replayed.root, 'deploy.env'), `ENV_ID=${ENV_ID}\nTOKEN_SERVICE_URL=http://a\\b\n`);
    const backslash = await replayed.runDeploy(replayed.shell());
    expect(backslash.code).toBe(2);
    expect(backslash.err).toMatch(/TOKEN_SERVICE_URL holds a backslash/);
    expect(replayed.stub.calls).toEqual([]);
    expect(replayed.cliCommands()).toEqual([]);
    expect(existsSync(path.join(replayed.root, 'dist'))).toBe(false);
  });

  it('refuses to deploy to the placeholder environment', async () => {
    writeFileSync(path.join(replayed.root, 'deploy.env'), 'ADMIN_OPENIDS=oX\n');
    const result = await replayed.runDeploy(replayed.shell());
    expect(result.code).toBe(2);
    expect(result.err).toContain('ENV_ID');
    expect(replayed.stub.calls).toEqual([]);
    expect(replayed.cliCommands()).toEqual([]);
  });
});
