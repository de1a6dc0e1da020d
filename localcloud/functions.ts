import path from 'node:path';
import { readFunctionsConfig } from '../scripts/lib/functionsConfig';
import type { FunctionSpec } from './types';

/**
 * The example events the console starts with: the request examples of the two API documents
 * (002_75be91f7a4c61c42.txt "请求数据示例"; 000_9eef388058d54acd.txt "start=0&num=10").
 */
export const EXAMPLE_EVENTS: Readonly<Record<string, unknown>> = {
  getPluginDevApplyList: { action: 'dev_apply_list', page: 1, num: 10 },
  getOwnList: { start: 0, num: 10 },
  // A timer delivers {Type, TriggerName, Time}; an admin or a console test run sends {}.
  syncLists: {},
};

/**
 * The deployed functions: every entry of the project's config.json (the single source of truth
 * for timeout and memory), served from <distDir>/functions/<name>/ as `npm run build` lays it out.
 */
export function functionsFromConfig(root: string, distDir = path.join(root, 'dist')): FunctionSpec[] {
  const config = readFunctionsConfig(root);
  return Object.entries(config.functions).map(([name, fn]) => ({
    name,
    dir: path.join(distDir, 'functions', name),
    timeoutSeconds: fn.timeout,
    memoryMb: fn.memorySize,
    ...(fn.description ? { description: fn.description } : {}),
    exampleEvent: EXAMPLE_EVENTS[name] ?? {},
  }));
}
