import net from 'node:net';

/**
 * Whether something already listens on 127.0.0.1:`port`, the address the console binds. Asked
 * before npm start builds anything: a second npm start used to rebuild dist/ under the running
 * one and then die of a bare EADDRINUSE.
 */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(true) : reject(error)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
  });
}

/** The first port after `port` that is free now (a few tried), to suggest; `port + 1` if none is. */
export async function freePortAfter(port: number, tries = 10): Promise<number> {
  for (let candidate = port + 1; candidate <= Math.min(port + tries, 65535); candidate++) {
    if (!(await portInUse(candidate).catch(() => true))) return candidate;
  }
  return port + 1;
}

/** What npm start says when its port is taken, naming the next step. */
export function portInUseMessage(port: number, suggestion: number): string {
  return [
    `port ${port} is already in use on 127.0.0.1: is npm start already running? Its console is http://127.0.0.1:${port}/`,
    `nothing was built or started. To run another one beside it, give it a free port: PORT=${suggestion} npm start`,
  ].join('\n');
}
