import path from 'node:path';
import type { Emulator } from '../emulator';
import { readFunctionsConfig } from '../tools/functionsConfig';
import { readSettingsFile } from '../tools/settingsFile';
import { demoEnvironment } from './demoEnv';

/** The local settings file at the project root (git-ignored; local.env.example lists examples). */
export const LOCAL_SETTINGS_FILE = 'local.env';

export interface LocalSettings {
  /** The functions' configured environment: the demo's, then local.env, then `--env`. */
  env: Record<string, string>;
  /** Names set in local.env or with --env that no function reads (config.json), likely typos. */
  unknown: string[];
}

/**
 * What the functions run with locally (npm start, npm run invoke): the demo settings
 * (localcloud/demoEnv.ts), then `local.env`, then `--env NAME=VALUE` options, later winning. An
 * empty value stays empty, which the functions read as unset, as in the cloud.
 */
export function localSettings(root: string, emulator: Emulator, overrides: Record<string, string>): LocalSettings {
  const fromFile = readSettingsFile(path.join(root, LOCAL_SETTINGS_FILE));
  const read = new Set(Object.values(readFunctionsConfig(root).functions).flatMap((fn) => fn.envVariables));
  const unknown = [...new Set([...Object.keys(fromFile), ...Object.keys(overrides)])].filter((name) => !read.has(name));
  return { env: { ...demoEnvironment(emulator), ...fromFile, ...overrides }, unknown };
}
