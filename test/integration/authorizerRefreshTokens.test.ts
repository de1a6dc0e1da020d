import { captureOutput } from './helpers/captureOutput';
import { context, useHarness } from './helpers/harness';
import { quietStalls } from './helpers/quietStalls';
import { until } from './helpers/until';

/**
 * An authorizer's refresh token is the one thing that cannot be re-created: lost, the merchant
 * must authorize the platform again by hand. The emulated WeChat hands out a new refresh token on
 * every refresh and answers 61023 to a retired one; the emulated database's writes fail or are held
 * at the moment that matters. Each instance is a fresh copy of the function's modules (its own
 * memory), all sharing the emulated database (docs/authorizer-lifecycle.md).
 */
const REGISTRY = 'wx_authorizers';
const WRITES = ['database.insertDocument', 'database.modifyDocument'];
// On virtual time (docs/testing.md): the functions and the emulator share one clock, moved to
// reach a refresh time without waiting; slow and held database requests never race the machine.
const h = useHarness({ embeddedCount: 20, applicantCount: 20, virtualTime: true }, (harness) => {
  harness.asCaller('admin');
  harness.configure(harness.componentVars());
});
// The SDK's "[TCB][WARN]" notices for held or slow requests are not armed (its SILENCE switch, helpers/quietStalls.ts).
quietStalls();

const appid = () => h.emu.accounts.authorizer.appid;
const recordOf = () => h.emu.db.collection(REGISTRY).get(`${h.emu.accounts.component.appid}:${appid()}`);
/** What the registry holds, and what WeChat takes now. */
const storedRefreshToken = () => recordOf()?.refreshToken;
const weChatRefreshToken = () => h.emu.tokens.refreshToken();
const registryWrites = () => h.emu.calls.filter((c) => c.kind === 'database' && WRITES.includes(c.api) && (c.params as { collectionName?: string }).collectionName === REGISTRY).length;
const failRegistryWrites = (times: number) =>
  h.emu.inject({ kind: 'database', api: WRITES, collection: REGISTRY, cloudbaseError: { code: 'DATABASE_REQUEST_FAILED', message: 'write failed' }, times });
const call = (main = h.loadFunction('getOwnList'), limitMs = 10_000) => main({ num: 2 }, context(limitMs));

/** The access token expires at WeChat; three fresh instances must still get through. */
async function afterExpiryFreshInstancesSucceed(): Promise<void> {
  h.emu.clock.advance(7300);
  for (let i = 0; i < 3; i++) expect(await call()).toMatchObject({ errCode: 0 });
  expect(storedRefreshToken()).toBe(weChatRefreshToken());
}

describe('a rotated refresh token is never lost', () => {
  it('the first registry writes of a refresh fail (-502001): the save is retried in the same call, and the registry holds WeChat\'s newest token', async () => {
    const instance = h.loadFunction('getOwnList');
    expect(await call(instance)).toMatchObject({ errCode: 0 }); // seeds the registry; the seed rotates
    expect(storedRefreshToken()).toBe(weChatRefreshToken());
    h.emu.clock.advance(7300); // WeChat expires the access token: the next call refreshes
    failRegistryWrites(2);
    expect(await call(instance)).toMatchObject({ errCode: 0 });
    expect(h.emu.tokens.issued('authorizer')).toBe(2);
    expect(storedRefreshToken()).toBe(weChatRefreshToken());
    await afterExpiryFreshInstancesSucceed();
  });

  it('every registry write of the call fails: the call succeeds, an error-level line says so (no secret), and the next call in that instance saves the token before any refresh', async () => {
    h.configure({ ...h.componentVars(), LOG_LEVEL: 'error' });
    const instance = h.loadFunction('getOwnList');
    expect(await call(instance)).toMatchObject({ errCode: 0 });
    h.emu.clock.advance(7300);
    failRegistryWrites(Infinity);
    const output: string[] = [];
    const restore = captureOutput(output);
    let result;
    try {
      result = await call(instance);
    } finally {
      restore();
    }
    h.emu.clearFaults();
    expect(result).toMatchObject({ errCode: 0 });
    const rotated = weChatRefreshToken();
    expect(storedRefreshToken()).not.toBe(rotated); // nothing could be written
    const errors = output.filter((line) => line.includes('"level":"error"'));
    expect(errors.some((line) => /refresh token/.test(line) && /not saved/.test(line) && line.includes(appid()))).toBe(true);
    expect(output.join('\n')).not.toContain(rotated);

    const fetches = h.emu.tokens.issued('authorizer');
    expect(await call(instance)).toMatchObject({ errCode: 0 });
    expect(h.emu.tokens.issued('authorizer')).toBe(fetches); // saved, not refreshed again
    expect(storedRefreshToken()).toBe(rotated);
    await afterExpiryFreshInstancesSucceed();
  });
});

describe('seeding from AUTHORIZER_REFRESH_TOKEN never rolls the registry back', () => {
  it('two cold instances, an empty registry, the first seeding write held until the other instance has seeded, refreshed and saved', async () => {
    let release: () => void = () => undefined;
    h.emu.inject({ kind: 'database', api: WRITES, collection: REGISTRY, hold: new Promise<void>((resolve) => (release = resolve)), times: 1 });
    const slow = call(h.loadFunction('getOwnList'), 20_000);
    await until(() => registryWrites() >= 1, 'the first instance\'s seeding write');
    expect(await call(h.loadFunction('getOwnList'), 20_000)).toMatchObject({ errCode: 0 });
    release();
    expect(await slow).toMatchObject({ errCode: 0 });
    expect(h.emu.tokens.issued('authorizer')).toBe(1);
    expect(storedRefreshToken()).toBe(weChatRefreshToken());
    await afterExpiryFreshInstancesSucceed();
  });
});

describe('a waiter does not refresh again right after the winner', () => {
  it('an instance whose lease request reaches the database after another instance refreshed and saved uses that token', async () => {
    expect(await call()).toMatchObject({ errCode: 0 });
    // Virtual time: past the refresh time (300 s ahead of the 7200 s lifetime), before expiry.
    await h.virtualClock!.advance(7_000_000);
    let release: () => void = () => undefined;
    // The first lease request (a conditional update) of the first instance is held.
    h.emu.inject({ kind: 'database', api: 'database.modifyDocument', hold: new Promise<void>((resolve) => (release = resolve)), times: 1 });
    const fetchesBefore = h.emu.tokens.issued('authorizer');
    const waiter = call(h.loadFunction('getOwnList'), 20_000);
    await until(() => h.emu.count({ api: 'database.modifyDocument' }) >= 1, 'the first instance\'s lease request');
    expect(await call(h.loadFunction('getOwnList'), 20_000)).toMatchObject({ errCode: 0 });
    release();
    expect(await waiter).toMatchObject({ errCode: 0 });
    expect(h.emu.tokens.issued('authorizer') - fetchesBefore).toBe(1);
    expect(storedRefreshToken()).toBe(weChatRefreshToken());
  });
});

describe('database steps are bounded by the invocation\'s deadline', () => {
  it('registry reads taking 1.6 s do not end a call that has 10 s', async () => {
    // A pushed account (no AUTHORIZER_REFRESH_TOKEN to stand in for the registry).
    h.configure({ ...h.componentVars(), AUTHORIZER_REFRESH_TOKEN: undefined });
    const id = `${h.emu.accounts.component.appid}:${appid()}`;
    h.emu.db.collection(REGISTRY).set(id, {
      _id: id, componentAppid: h.emu.accounts.component.appid, authorizerAppid: appid(), refreshToken: weChatRefreshToken(),
      funcIds: [1, 18, 40], authorizedAt: 1, revoked: false, lastEventAt: 1, source: 'push', updatedAt: 1,
    });
    h.emu.inject({ kind: 'database', api: 'database.getDocument', collection: REGISTRY, latencyMs: 1600, times: Infinity });
    const started = h.clock.now();
    expect(await call(h.loadFunction('getOwnList'), 10_000)).toMatchObject({ errCode: 0 });
    // The reads were slow on the functions' clock, and no bound shorter than the call's cut them.
    expect(h.clock.now() - started).toBeGreaterThanOrEqual(1600);
  });
});

describe('TOKEN_STORE=memory', () => {
  it('keeps the component token in the instance, the authorizer\'s in its record, and recovers from one 40001', async () => {
    h.configure({ ...h.componentVars(), TOKEN_STORE: 'memory' });
    const instance = h.loadFunction('getOwnList');
    expect(await call(instance)).toMatchObject({ errCode: 0 });
    h.emu.inject({ kind: 'https', api: '/wxaapi/wxaembedded/get_own_list', errcode: 40001, times: 1 });
    expect(await call(instance)).toMatchObject({ errCode: 0 });
    expect(h.emu.tokens.issued('authorizer')).toBe(2);
    expect([...h.emu.db.collection('wx_tokens').keys()].some((key) => key.startsWith('component:'))).toBe(false);
    expect(storedRefreshToken()).toBe(weChatRefreshToken());
  });
});
