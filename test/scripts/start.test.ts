import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { collect, freePort, groupAlive, isListening, runNpm, scriptEnv, tempProject, waitFor } from './helpers/tempProject';

// `npm start` run in the background and stopped with a signal to npm alone (not its process
// group), as `kill <pid>` does. npm forwards SIGINT/SIGTERM only to its own child, which the
// script's `exec` makes the server itself (dash's `sh -c` would otherwise swallow SIGINT); when
// npm itself is killed (SIGKILL) the server notices its parent is gone. Either way the whole
// process tree must go away and the port be closed. Generous timeouts, no timing asserted.

let project: ReturnType<typeof tempProject>;
beforeAll(() => {
  project = tempProject();
});
afterAll(() => project?.remove());

describe.each(['SIGTERM', 'SIGINT', 'SIGKILL'] as const)('npm start stopped with %s to npm', (signal) => {
  it('closes the port and leaves no process behind', async () => {
    const port = await freePort();
    // detached: npm leads a process group of its own, so the test can see every descendant.
    const npm = spawn('npm', ['start'], { cwd: project.dir, env: scriptEnv({ PORT: String(port) }), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = collect(npm);
    const pgid = npm.pid as number;
    try {
      await waitFor('the console to listen', () => output.text().includes('Ctrl+C stops.'), 120_000);
      expect(output.text()).toContain(`console: http://127.0.0.1:${port}/`);
      // The three cases share one project, in this order: the first builds dist/, the others use it.
      if (signal === 'SIGTERM') expect(output.text()).toMatch(/building \(dist\/functions\/\w+\/index\.js is missing\)\n(built \w+: .*\n)+/);
      else expect(output.text()).toContain('dist/ is newer than every source: using it as built');
      expect(await isListening(port)).toBe(true);

      process.kill(pgid, signal); // npm only, as `kill <pid of npm>` does
      await waitFor('the port to close', async () => !(await isListening(port)), 30_000);
      await waitFor('every process of the tree to end', () => !groupAlive(pgid), 30_000);
      expect(output.text()).toMatch(/closing/);
    } finally {
      if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
    }
  }, 200_000);
});

describe('npm start with local settings', () => {
  let configured: ReturnType<typeof tempProject>;
  beforeAll(() => {
    configured = tempProject({ 'local.env': 'ADMIN_OPENIDS=oFromLocalEnv\nTOKEN_STORE=memory\n' });
  });
  afterAll(() => configured?.remove());

  it('runs the functions with local.env, and --env over it', async () => {
    const port = await freePort();
    const npm = spawn('npm', ['start', '--', '--env', 'ADMIN_OPENIDS=oFromFlag'], { cwd: configured.dir, env: scriptEnv({ PORT: String(port) }), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = collect(npm);
    const pgid = npm.pid as number;
    const call = async (openid: string): Promise<number> => {
      const response = await fetch(`http://127.0.0.1:${port}/api/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ function: 'getOwnList', event: { start: 0, num: 1 }, caller: { kind: 'user', openid } }),
      });
      return ((await response.json()) as { result: { errCode: number } }).result.errCode;
    };
    try {
      await waitFor('the console to listen', () => output.text().includes('Ctrl+C stops.'), 120_000);
      expect(await call('oFromFlag')).toBe(0);
      expect(await call('oFromLocalEnv')).toBe(-910002);
    } finally {
      process.kill(pgid, 'SIGTERM');
      await waitFor('every process of the tree to end', () => !groupAlive(pgid), 30_000).catch(() => process.kill(-pgid, 'SIGKILL'));
    }
  }, 200_000);
});

describe('a second npm start on a port already taken', () => {
  it('says so and names PORT=<a free port>, without building anything', async () => {
    const fresh = tempProject();
    const taken = net.createServer();
    try {
      const port = await freePort();
      await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
      const result = await runNpm(['start'], fresh.dir, scriptEnv({ PORT: String(port) }));
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`port ${port} is already in use`);
      expect(result.stderr).toMatch(/PORT=\d+ npm start/);
      expect(result.stderr).not.toContain('EADDRINUSE');
      // Nothing was built (dist/ is where a build goes) and nothing else was started.
      expect(existsSync(path.join(fresh.dir, 'dist'))).toBe(false);
      expect(result.stdout).not.toContain('console:');
    } finally {
      taken.close();
      fresh.remove();
    }
  }, 60_000);
});
