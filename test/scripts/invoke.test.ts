import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ACCOUNTS } from '../../emulator/accounts';
import { REPO, runNpm, scriptEnv, tempProject } from './helpers/tempProject';

// `npm run invoke` as a user runs it, in a project folder of its own (its own dist/ and
// local.env). Exit codes are what scripts rely on: 0 errCode 0, 1 an error answer, 2 usage.

const LOCAL_ADMIN = 'oLocalEnvAdmin_000000000000x';
let project: ReturnType<typeof tempProject>;

beforeAll(() => {
  project = tempProject({ 'local.env': `# local settings of this test\nADMIN_OPENIDS=${LOCAL_ADMIN}\nLOG_LEVEL=warn\n` });
});
afterAll(() => project?.remove());

const invoke = (...args: string[]) => runNpm(['run', '--silent', 'invoke', '--', ...args], project.dir, scriptEnv());
const envelope = (stdout: string) => JSON.parse(stdout) as { errCode: number; tokenProvider?: string };

describe('npm run invoke', () => {
  it('accepts the function name in any letter case and exits 0 on errCode 0', async () => {
    const result = await invoke('getownlist', '{"start":0,"num":2}');
    expect(result.stderr).toContain('(invoking getOwnList)');
    expect(envelope(result.stdout).errCode).toBe(0);
    expect(result.code).toBe(0);
    // The build (run first here) copied the linked miniprogram/ folder and wrote env.js into the
    // copy, never into the sources.
    expect(existsSync(path.join(project.dir, 'dist', 'miniprogram', 'env.js'))).toBe(true);
    expect(existsSync(path.join(REPO, 'miniprogram', 'env.js'))).toBe(false);
  }, 120_000);

  it('usage errors exit 2 with the usage, before building or running anything: no arguments, an unknown --source', async () => {
    const bare = await runNpm(['run', '--silent', 'invoke'], project.dir, scriptEnv());
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('name the function to invoke');
    expect(bare.stderr).toContain('usage: npm run invoke');
    const source = await invoke('getOwnList', '--source', 'nope');
    expect(source.code).toBe(2);
    expect(source.stderr).toContain('"nope" is not a call source');
    expect(source.stdout).toBe('');
    // Also as npm reports it without --silent: the script's own exit code.
    expect((await runNpm(['run', 'invoke'], project.dir, scriptEnv())).code).toBe(2);
  }, 60_000);

  it('suggests the right name for a typo and exits 2', async () => {
    const result = await invoke('getOwnLst');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('did you mean getOwnList?');
    expect(result.stdout).toBe('');
  }, 60_000);

  it('componentEvents without an event stores a signed ticket push sent from wx_http, and exits 0 on its 200', async () => {
    const result = await invoke('componentEvents');
    expect(JSON.parse(result.stdout)).toMatchObject({ statusCode: 200, body: 'success' });
    expect(result.stderr).toContain('componentEvents as source wx_http');
    // The ticket is stored where the component token fetcher reads it (this project logs at warn: no info line).
    expect(result.stderr).toMatch(/database\.modifyDocument .*"collectionName":"wx_tokens".*ticket\W+\*\*\*/);
    expect(result.code).toBe(0);
    // An unsigned push (the console's example event) is refused with a 4xx: exit 1.
    const unsigned = await invoke('componentEvents', JSON.stringify({ path: '/componentEvents', httpMethod: 'POST', headers: {}, queryStringParameters: {}, body: '<xml></xml>', isBase64Encoded: false }));
    expect(JSON.parse(unsigned.stdout).statusCode).toBeGreaterThanOrEqual(400);
    expect(unsigned.code).toBe(1);
  }, 120_000);

  it('exits 1 when the function answers with an error', async () => {
    const result = await invoke('getOwnList', '{"start":-1}');
    expect(envelope(result.stdout).errCode).toBe(-910001);
    expect(result.code).toBe(1);
  }, 60_000);

  it('runs the functions with local.env over the demo settings, and --env over local.env', async () => {
    const admitted = await invoke('getOwnList', '{"start":0,"num":1}', '--openid', LOCAL_ADMIN);
    expect(envelope(admitted.stdout).errCode).toBe(0);
    const overridden = await invoke('getOwnList', '{"start":0,"num":1}', '--openid', LOCAL_ADMIN, '--env', 'ADMIN_OPENIDS=oSomeoneElse');
    expect(envelope(overridden.stdout).errCode).toBe(-910002);
    expect(overridden.code).toBe(1);
  }, 60_000);

  it('tries another token provider with --env (the emulator account of the stable_token flow)', async () => {
    const { appid, secret } = DEFAULT_ACCOUNTS.app;
    const result = await invoke('getOwnList', '{"start":0,"num":1}', '--env', 'TOKEN_PROVIDER=stable', '--env', `APPID=${appid}`, '--env', `APPSECRET=${secret}`);
    expect(envelope(result.stdout)).toMatchObject({ errCode: 0, tokenProvider: 'stable' });
    expect(result.stderr).not.toContain(secret);
  }, 60_000);

  it('names an --env option it cannot read, and a variable no function reads', async () => {
    const bad = await invoke('getOwnList', '--env', 'NOT AN ASSIGNMENT');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--env expects NAME=VALUE');
    const unknown = await invoke('getOwnList', '--env', 'ADMIN_OPENID=oTypo');
    expect(unknown.stderr).toContain('ADMIN_OPENID is set, but no function reads it');
  }, 60_000);
});
