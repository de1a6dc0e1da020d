import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deploy } from '../../tools/deploy';
import { readFunctionsConfig } from '../../tools/functionsConfig';
import { startCloudApiStub, type CloudApiCall, type CloudApiStub } from './helpers/cloudApiStub';

// `npm run deploy` end to end with the REAL CloudBase CLI (@cloudbase/cli), offline: its network
// layer is replaced by helpers/offlineNetwork.js, which sends every request to a local stub of
// Tencent Cloud API. What the stub receives is what the CLI would send to the cloud.

const REPO = path.resolve(__dirname, '..', '..');
const PRELOAD = path.join(__dirname, 'helpers', 'offlineNetwork.js');
const ENV_ID = 'env-deploy-test';
const SECRET_KEY = 'tencent-secret-key-deploy-test';
const APPSECRET = 'appsecret-from-deploy-env-test';
const TRIGGER = { name: 'daily', type: 'timer', config: '0 0 2 * * * *' };

let work: string;
let root: string;
let stub: CloudApiStub;

/** A project root that is this repository with a timer trigger added to getOwnList. */
function makeRoot(): string {
  const dir = path.join(work, 'project');
  mkdirSync(dir);
  const config = JSON.parse(readFileSync(path.join(REPO, 'config.json'), 'utf8'));
  config.functions.getOwnList.triggers = [TRIGGER];
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));
  writeFileSync(path.join(dir, 'package.json'), readFileSync(path.join(REPO, 'package.json')));
  for (const name of ['cloudfunctions', 'miniprogram', 'node_modules']) symlinkSync(path.join(REPO, name), path.join(dir, name), 'dir');
  return dir;
}

function shell(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: path.join(work, 'home'),
    LANG: 'C.UTF-8',
    CI: 'true',
    NODE_OPTIONS: `--require ${PRELOAD}`,
    CLOUD_API_STUB_PORT: String(stub.port),
    ...extra,
  };
}

async function runDeploy(env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await deploy({ root, shell: env, out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const actions = (calls: CloudApiCall[], action: string) => calls.filter((c) => c.action === action);

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'deploy-test-'));
  mkdirSync(path.join(work, 'home'));
  root = makeRoot();
  stub = await startCloudApiStub(ENV_ID);
});

afterAll(async () => {
  await stub?.close();
  rmSync(work, { recursive: true, force: true });
});

/** The stub answering normally, nothing recorded, and the project's deploy.env. */
function writeDeployEnv(): void {
  stub.calls.length = 0;
  stub.failCreateFunction.clear();
  stub.rejectKeys = false;
  writeFileSync(path.join(root, 'deploy.env'), [`ENV_ID=${ENV_ID}`, 'ADMIN_OPENIDS=oFromFile', `APPSECRET="${APPSECRET}"`, 'LOG_LEVEL=debug', ''].join('\n'));
}

beforeEach(writeDeployEnv);

describe('npm run deploy with the real CloudBase CLI (offline)', () => {
  // One login and one deploy with the API key, asserted on by the first test; the second deploys
  // again on the login the first saved (the CLI's own `tcb login`), which spares a start of the
  // CLI and is what a user without the key variables does. Each start of the CLI costs about 3 s
  // of CPU: a successful deploy on the saved login is these two tests' parts (the login path is
  // the second's, the outcome of a clean deploy the first's), not a third deploy.
  let keyed: { code: number; out: string; err: string };
  let keyedCalls: CloudApiCall[];
  beforeAll(async () => {
    writeDeployEnv();
    keyed = await runDeploy(shell({ LOG_LEVEL: 'warn', TENCENTCLOUD_SECRETID: 'AKIDdeploytest', TENCENTCLOUD_SECRETKEY: SECRET_KEY }));
    keyedCalls = [...stub.calls];
  }, 180_000);

  it('creates every function with its runtime, timeout, memory, variables and trigger', () => {
    const result = keyed;
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const config = readFunctionsConfig(root);
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
    expect(existsSync(path.join(root, 'deploy.env'))).toBe(true);
    expect(readdirSync(path.join(root, 'dist')).filter((f) => f.startsWith('.env'))).toEqual([]);
  });

  it('deploys again on the saved login without the key variables, and exits non-zero when the CLI reports a function it could not deploy (the CLI itself exits 0)', async () => {
    // The first test logged in with a key in this HOME: the CLI kept that login.
    stub.failCreateFunction.add('getOwnList');
    const result = await runDeploy(shell());
    expect(result.out).not.toContain('logged in to CloudBase');
    expect(result.out).toContain("using the CloudBase CLI's saved login");
    expect(result.code).toBe(1);
    expect(result.err).toContain('not deployed: getOwnList');
    // Every function was still tried: one failure does not stop the others.
    expect(actions(stub.calls, 'CreateFunction')).toHaveLength(Object.keys(readFunctionsConfig(root).functions).length);
  }, 180_000);

  it('stops before deploying when the API key is refused', async () => {
    stub.rejectKeys = true;
    const result = await runDeploy(shell({ TENCENTCLOUD_SECRETID: 'AKIDwrong', TENCENTCLOUD_SECRETKEY: SECRET_KEY }));
    expect(result.code).toBe(1);
    expect(result.err).toContain('tcb login with TENCENTCLOUD_SECRETID/TENCENTCLOUD_SECRETKEY failed');
    expect(result.err).not.toContain(SECRET_KEY);
    expect(actions(stub.calls, 'CreateFunction')).toEqual([]);
  }, 180_000);

  it('with no login and no API key, stops before building and names the next step (the CLI would fail every function)', async () => {
    rmSync(path.join(root, 'dist'), { recursive: true, force: true });
    const freshHome = path.join(work, 'home-without-login');
    mkdirSync(freshHome, { recursive: true });
    const result = await runDeploy(shell({ HOME: freshHome }));
    expect(result.code).toBe(1);
    expect(result.err).toContain('not logged in');
    expect(result.err).toContain('npx tcb login');
    expect(result.err).toMatch(/TENCENTCLOUD_SECRETID=\.\.\. and TENCENTCLOUD_SECRETKEY=\.\.\./);
    expect(result.err).toContain('deploy.env');
    expect(actions(stub.calls, 'CreateFunction')).toEqual([]);
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
  }, 180_000);

  it('refuses a value with " or \\ before building or sending anything, naming the variable', async () => {
    rmSync(path.join(root, 'dist'), { recursive: true, force: true });
    const quoted = await runDeploy(shell({ TOKEN_SERVICE_AUTH: 'Bearer "abc"' }));
    expect(quoted.code).toBe(2);
    expect(quoted.err).toMatch(/TOKEN_SERVICE_AUTH holds a double quote/);
    writeFileSync(path.join(root, 'deploy.env'), `ENV_ID=${ENV_ID}\nTOKEN_SERVICE_URL=http://a\\b\n`);
    const backslash = await runDeploy(shell());
    expect(backslash.code).toBe(2);
    expect(backslash.err).toMatch(/TOKEN_SERVICE_URL holds a backslash/);
    expect(stub.calls).toEqual([]);
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
  });

  it('refuses to deploy to the placeholder environment', async () => {
    writeFileSync(path.join(root, 'deploy.env'), 'ADMIN_OPENIDS=oX\n');
    const result = await runDeploy(shell());
    expect(result.code).toBe(2);
    expect(result.err).toContain('ENV_ID');
    expect(stub.calls).toEqual([]);
  });
});
