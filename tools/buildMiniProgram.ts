import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FunctionsConfig } from './functionsConfig';
import { PLACEHOLDER_ENV_ID } from './deployVariables';

/**
 * The small admin Mini Program (miniprogram/) that makes this folder a complete WeChat DevTools
 * project (project.config.json "miniprogramRoot": "dist/miniprogram/"), copied into
 * <distDir>/miniprogram with env.js naming config.json's envId, the environment `wx.cloud.init`
 * uses; null while envId is still the placeholder (the account's default environment).
 */
export function buildMiniProgram(root: string, distDir: string, config: FunctionsConfig): string {
  const out = path.join(distDir, 'miniprogram');
  // dereference: a linked miniprogram/ folder is copied, never linked (env.js must not land in the sources).
  cpSync(path.join(root, 'miniprogram'), out, { recursive: true, dereference: true });
  const envId = config.envId === PLACEHOLDER_ENV_ID ? null : config.envId;
  writeFileSync(path.join(out, 'env.js'), `// Written by npm run build from config.json "envId".\nmodule.exports = { envId: ${JSON.stringify(envId)} };\n`);
  return out;
}
