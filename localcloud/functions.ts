import path from 'node:path';
import { readFunctionsConfig } from '../tools/functionsConfig';
import type { FunctionSpec } from './types';

/**
 * The example events the console starts with: the request examples of WeChat's two list APIs
 * (docs/functions/getPluginDevApplyList.md and docs/functions/getOwnList.md, "Console test").
 */
export const EXAMPLE_EVENTS: Readonly<Record<string, unknown>> = {
  getPluginDevApplyList: { action: 'dev_apply_list', page: 1, num: 10 },
  getOwnList: { start: 0, num: 10 },
  // The documented approval body (002 "请求数据示例") with a real-looking appid, as a dry run: nothing is sent until dryRun goes.
  setDevPluginApplyStatus: { action: 'dev_agree', appid: 'wx0000000000000000', dryRun: true },
  manageEmbedded: { action: 'get_list', start: 0, num: 10 },
  listAuthorizers: {},
  // What the HTTP access service delivers (a console test run of it is refused: not signed).
  componentEvents: {
    path: '/componentEvents',
    httpMethod: 'POST',
    headers: { 'content-type': 'text/xml' },
    queryStringParameters: { timestamp: '1700000000', nonce: '1320562132', encrypt_type: 'aes', msg_signature: '0000000000000000000000000000000000000000' },
    body: '<xml><AppId><![CDATA[wx3c0e9f5a1b2d4c6e]]></AppId><Encrypt><![CDATA[...]]></Encrypt></xml>',
    isBase64Encoded: false,
  },
  // A timer delivers {Type, TriggerName, Time}; an admin or a console test run sends {}.
  syncLists: {},
  // Reads only; {"action":"create_link","redirectUri":"…"}, {"action":"reconcile"} and {"action":"restart_ticket_push"} act (docs/functions/componentAdmin.md).
  componentAdmin: { action: 'status' },
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
    ...(fn.httpAccess ? { httpPath: fn.httpAccess.path } : {}),
  }));
}
