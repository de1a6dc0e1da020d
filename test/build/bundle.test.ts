import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startEmulator, type Emulator } from '../../emulator';
import { FIRST_USE_FILES } from '../../tools/firstUseFiles';
import { builtFunctions } from '../helpers/builtFunctions';

const FIRST_USE_NAMES = Object.values(FIRST_USE_FILES);

const run = promisify(execFile);
let dist: string;
let emu: Emulator;

beforeAll(async () => {
  // The build every test of the run shares (built once, keyed by the sources): read only.
  dist = await builtFunctions();
  emu = await startEmulator({ applicantCount: 30, embeddedCount: 30 });
}, 120_000);

afterAll(async () => {
  await emu.close();
});

/** A token of the emulator's Mini Program account, for the fixed-token provider. */
async function stableToken(): Promise<string> {
  const reply = await fetch(`${emu.wechatBaseUrl}/cgi-bin/stable_token`, {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'client_credential', appid: emu.accounts.app.appid, secret: emu.accounts.app.secret }),
  });
  return ((await reply.json()) as { access_token: string }).access_token;
}

/** Copies one built folder into an empty directory with no node_modules above it, and invokes it there in a fresh node. */
async function invokeIsolated(name: string, event: unknown, env: Record<string, string>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `wxfn-${name}-`));
  try {
    cpSync(path.join(dist, 'functions', name), dir, { recursive: true });
    // A script file, not \`node -e\`: eval mode loads node:crypto itself, hiding whether the function does.
    const script = `
      let resolved = true; try { require.resolve('wx-server-sdk'); } catch { resolved = false; }
      require('./index.js').main(${JSON.stringify(event)}, { time_limit_in_ms: 10000, request_id: 'r1', function_name: '${name}' })
        .then((r) => process.stdout.write(JSON.stringify({
          resolved, r,
          sdkLoaded: Object.keys(require.cache).some((f) => f.endsWith('wx-server-sdk.js')),
          firstUseLoaded: Object.keys(require.cache).filter((f) => ${JSON.stringify(FIRST_USE_NAMES)}.some((n) => f.endsWith('/' + n))).map((f) => f.split('/').pop()).sort(),
          cryptoLoaded: process.moduleLoadList.includes('NativeModule crypto'),
        })));`;
    writeFileSync(path.join(dir, 'invoke-once.js'), script);
    const { stdout } = await run(process.execPath, ['invoke-once.js'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', ...emu.sdkEnv(), TCB_SOURCE: 'wx_client', WX_OPENID: 'oAdmin', ADMIN_OPENIDS: 'oAdmin', LOG_LEVEL: 'silent', ...env },
      timeout: 30_000,
    });
    return JSON.parse(stdout) as { resolved: boolean; r: Record<string, any>; sdkLoaded: boolean; cryptoLoaded: boolean; firstUseLoaded: string[] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('built functions are self-contained', () => {
  it('getPluginDevApplyList runs from an empty directory against the emulator', async () => {
    expect(existsSync(path.join(os.tmpdir(), 'node_modules'))).toBe(false);
    const { resolved, r } = await invokeIsolated('getPluginDevApplyList', { action: 'dev_apply_list', page: 1, num: 10 }, {});
    expect(resolved).toBe(false); // no wx-server-sdk to be found: the bundle carries its own
    expect(r).toMatchObject({ errCode: 0, via: 'cloud', paging: { returned: 10 } });
    expect(r.applicants[0]).toMatchObject({ appid: 'xxxxxxxxxxxxx', createTime: 1536305096, statusLabel: 'pending' });
  });

  it('getOwnList with a fixed token never loads the SDK nor node:crypto', async () => {
    const { r, sdkLoaded, cryptoLoaded } = await invokeIsolated('getOwnList', { num: 5 }, { WECHAT_API_BASE_URL: emu.wechatBaseUrl, AUTHORIZER_ACCESS_TOKEN: await stableToken() });
    expect(r).toMatchObject({ errCode: 0, tokenProvider: 'fixed', paging: { returned: 5 } });
    expect(sdkLoaded).toBe(false);
    expect(cryptoLoaded).toBe(false);
  });

  it('a fixed-token getOwnList reads neither the error catalog nor zod; a refused event and an upstream error read them from their files', async () => {
    const env = { WECHAT_API_BASE_URL: emu.wechatBaseUrl, AUTHORIZER_ACCESS_TOKEN: await stableToken() };
    const ok = await invokeIsolated('getOwnList', { start: 0, num: 5 }, env);
    expect(ok.r).toMatchObject({ errCode: 0, paging: { returned: 5 } });
    expect(ok.firstUseLoaded).toEqual([]);

    // zod decides what the quick check leaves to it, and names the field; the error's texts come from the catalog's file.
    const refused = await invokeIsolated('getOwnList', { start: 0, num: 5000 }, env);
    expect(refused.r).toMatchObject({ errCode: -910001, error: { name: 'INVALID_EVENT', issues: [{ field: 'num' }] } });
    expect(refused.r.error.message.en).toEqual(expect.any(String));
    expect(refused.firstUseLoaded).toEqual(['errorCatalog.js', 'zodSchemas.js']);

    const rejected = await invokeIsolated('getOwnList', { start: 0, num: 5 }, { ...env, AUTHORIZER_ACCESS_TOKEN: 'not-a-token' });
    expect(rejected.r).toMatchObject({ errCode: 40014, error: { name: 'INVALID_ACCESS_TOKEN', retryable: true } });
    expect(rejected.firstUseLoaded).toEqual(['errorCatalog.js']);
  });

  it('the first-use files are written only where index.js does not hold their modules already', () => {
    for (const name of ['getOwnList', 'getPluginDevApplyList']) {
      const index = readFileSync(path.join(dist, 'functions', name, 'index.js'), 'utf8');
      for (const file of FIRST_USE_NAMES) {
        expect(existsSync(path.join(dist, 'functions', name, file))).toBe(true);
        expect(index).toContain(`require("./${file}")`);
      }
      // The catalog's texts and zod's classes are not in index.js.
      expect(index).not.toContain('SYSTEM_BUSY');
      expect(index).not.toContain('$ZodObject');
    }
    // setDevPluginApplyStatus builds zod schemas of its own: zod stays in its index.js, undivided.
    const writes = readFileSync(path.join(dist, 'functions', 'setDevPluginApplyStatus', 'index.js'), 'utf8');
    expect(writes).toContain('$ZodObject');
    expect(existsSync(path.join(dist, 'functions', 'setDevPluginApplyStatus', 'zodSchemas.js'))).toBe(false);
  });

  it('getOwnList runs from an empty directory with the third-party token flow and the database cache', async () => {
    const { resolved, r, cryptoLoaded } = await invokeIsolated('getOwnList', { start: 0, num: 10 }, {
      WECHAT_API_BASE_URL: emu.wechatBaseUrl,
      COMPONENT_APPID: emu.accounts.component.appid,
      COMPONENT_APPSECRET: emu.accounts.component.secret,
      COMPONENT_VERIFY_TICKET: emu.tokens.verifyTicket(),
      AUTHORIZER_APPID: emu.accounts.authorizer.appid,
      AUTHORIZER_REFRESH_TOKEN: emu.accounts.authorizer.refreshToken,
    });
    expect(resolved).toBe(false);
    expect(r).toMatchObject({ errCode: 0, via: 'https', tokenProvider: 'component', paging: { returned: 10 } });
    expect(cryptoLoaded).toBe(true); // the refresh lease's owner id and the refresh-token fingerprint need it
    expect(emu.count({ kind: 'database' })).toBeGreaterThan(0);
  });

  it('each folder holds index.js, a dependency-free package.json and config.json', () => {
    for (const name of ['getPluginDevApplyList', 'getOwnList']) {
      const pkg = JSON.parse(readFileSync(path.join(dist, 'functions', name, 'package.json'), 'utf8'));
      expect(pkg).toMatchObject({ name, main: 'index.js', dependencies: {} });
      expect(existsSync(path.join(dist, 'functions', name, 'config.json'))).toBe(true);
      const index = readFileSync(path.join(dist, 'functions', name, 'index.js'), 'utf8');
      expect(index).not.toMatch(/require\(["']wx-server-sdk["']\)/);
      expect(index).toMatch(/require\(["']\.\/wx-server-sdk\.js["']\)/);
      expect(existsSync(path.join(dist, 'functions', name, 'wx-server-sdk.js'))).toBe(true);
    }
  });
});
