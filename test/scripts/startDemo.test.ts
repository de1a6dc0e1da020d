import { spawn } from 'node:child_process';
import { collect, freePort, groupAlive, scriptEnv, tempProject, waitFor } from './helpers/tempProject';

/**
 * What `npm start` shows with nothing typed (docs/local-use.md, "`npm start` and the console
 * page"): the emulated open platform's ticket and authorizations arriving at componentEvents and
 * being used (a list for an account known only from its push, with the pushed ticket: the demo's
 * copied ticket is left out), and the timed sync finding what the platform changed and telling the
 * robot. The paces are shortened through the variables the script documents; waits are on what it
 * shows.
 */
type Doc = Record<string, any>;
const HALF_SCREEN_ONLY = 'wx1a2b3c4d5e6f7081';

let project: ReturnType<typeof tempProject>;
beforeAll(() => {
  project = tempProject();
});
afterAll(() => project?.remove());

it('npm start: pushes arrive and are used; a timed sync finds a change and a robot message is sent', async () => {
  const port = await freePort();
  const npm = spawn('npm', ['start'], {
    cwd: project.dir,
    env: scriptEnv({ PORT: String(port), EVOLVE_EVERY_MS: '1000', SYNC_EVERY_MS: '1500' }),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collect(npm);
  const pgid = npm.pid as number;
  const api = async (path: string, body?: unknown): Promise<Doc> => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return (await response.json()) as Doc;
  };
  try {
    await waitFor('the console to listen', () => output.text().includes('Ctrl+C stops.'), 150_000);
    const text = output.text();
    expect(text).toMatch(/push component_verify_ticket -> 200 success/);
    expect(text).toContain(`push authorized ${HALF_SCREEN_ONLY} -> 200 success`);

    // An account known only from its push, listed with the token of its own authorization.
    const invoked = await api('/api/invoke', { function: 'getOwnList', event: { start: 0, num: 3, authorizerAppid: HALF_SCREEN_ONLY }, caller: { kind: 'admin' } });
    expect(invoked.result).toMatchObject({ errCode: 0, tokenProvider: 'component', authorizerAppid: HALF_SCREEN_ONLY, paging: { returned: 3 } });

    // The timer's first run is each list's baseline; the platform moves on; a later run finds it and tells the robot.
    let view: Doc = {};
    await waitFor('a sync to record a new applicant and the robot to get a message', async () => {
      view = await api('/api/sync');
      return view.changes.some((c: Doc) => c.kind === 'new') && view.notifications.wecom.length > 0;
    }, 120_000);
    expect(view.lastRun).toMatchObject({ source: 'wx_trigger' });
    // Every authorizer with a list permission is synced under its own account.
    const accounts = new Set(view.lists.filter((l: Doc) => l.list === 'embedded').map((l: Doc) => l.account));
    expect(accounts.has(HALF_SCREEN_ONLY)).toBe(true);
    expect(view.notifications.wecom[0].content).toMatch(/wx[0-9a-f]{16}/);
  } finally {
    process.kill(pgid, 'SIGTERM');
    await waitFor('every process of the tree to end', () => !groupAlive(pgid), 30_000).catch(() => process.kill(-pgid, 'SIGKILL'));
  }
}, 300_000);
