import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The localcloud/ folder, which holds files used at run time (the instance host script and the
 * console page). Found by walking up from this module, so it works both from the sources (jest)
 * and from a bundle in .build/scripts/ (npm start / npm run invoke).
 */
export function localcloudDir(): string {
  const marker = path.join('instance', 'host.js');
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (path.basename(dir) === 'localcloud' && existsSync(path.join(dir, marker))) return dir;
    if (existsSync(path.join(dir, 'localcloud', marker))) return path.join(dir, 'localcloud');
    if (path.dirname(dir) === dir) throw new Error(`localcloud/${marker} not found above ${__dirname}`);
  }
}

export const hostScript = (): string => path.join(localcloudDir(), 'instance', 'host.js');
export const consoleDir = (): string => path.join(localcloudDir(), 'console');
