import { authorizeCaller } from '../../../shared/auth/authorizeCaller';
import { callerPolicyFromEnv } from '../../../shared/auth/callerPolicy';
import { envValue } from '../../../shared/core/envValue';
import { httpConfigFromEnv } from '../../../shared/transport/httpConfig';
import { auditCollectionName } from '../../../shared/audit/auditTrail';
import { operatorOpenidsFromEnv } from '../../../shared/auth/authorizeWriter';
import { authorizerCollectionName } from '../../../shared/authorizers/authorizerRegistry';
import { toWxError } from '../../../shared/errors';
import { pushConfigFromEnv } from '../../../shared/pushes/pushConfig';
import { listConcurrencyFromEnv } from '../../../shared/upstream/listAll';
import { notifyConfigFromEnv } from '../../../shared/notify/notifyConfig';
import { syncConfigFromEnv } from '../../../shared/sync/syncConfig';
import { reconcileIntervalMs } from '../../../shared/component/recovery';
import { createLogger } from '../../../shared/log/logger';
import { tokenConfigFromEnv } from '../../../shared/tokens/tokenConfig';
import { tokenSourceFromEnv } from '../../../shared/tokens/tokenSourceFromEnv';

// The CloudBase CLI sends every variable the deploying machine leaves unset as ""
// (docs/platform/deploy-tools.md, "The CloudBase CLI (`tcb`)"): an empty value must behave exactly
// like an unset one.

type Env = Record<string, string>;

/** What a reader makes of an environment: its value, or the error it raises. */
function outcome(read: () => unknown): unknown {
  try {
    return { value: read() };
  } catch (error) {
    const wx = toWxError(error);
    return { code: wx.code, detail: wx.body.detail };
  }
}

const http = { baseUrl: 'http://127.0.0.1:9', attemptTimeoutMs: 1000 };
const sourceIdentity = new Map<unknown, number>();
/** Which token source an environment resolves to (one per distinct configuration). */
function sourceOf(env: Env): number | undefined {
  const source = tokenSourceFromEnv(env, http);
  if (!source) return undefined;
  if (!sourceIdentity.has(source)) sourceIdentity.set(source, sourceIdentity.size);
  return sourceIdentity.get(source);
}

function levelOf(env: Env): string[] {
  const previous = process.env.LOG_LEVEL;
  const written: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void written.push(JSON.parse(line).level));
  const error = jest.spyOn(console, 'error').mockImplementation((line: string) => void written.push(JSON.parse(line).level));
  try {
    if (env.LOG_LEVEL === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = env.LOG_LEVEL;
    const logger = createLogger({});
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    return written;
  } finally {
    log.mockRestore();
    error.mockRestore();
    if (previous === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = previous;
  }
}

const policyOf = (env: Env) => {
  const policy = callerPolicyFromEnv(env);
  return { admins: [...policy.adminOpenids].sort(), sources: [...policy.allowedSources].sort() };
};

const component: Env = { COMPONENT_APPID: 'wxcomp', COMPONENT_APPSECRET: 'compsecret-env-test', AUTHORIZER_APPID: 'wxauth', AUTHORIZER_REFRESH_TOKEN: 'refresh-env-test' };

const stable: Env = { APPID: 'wxown', APPSECRET: 'own-secret-env-test' };

const push: Env = { COMPONENT_APPID: 'wxcomp', COMPONENT_TOKEN: 'pushtoken0', COMPONENT_ENCODING_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };

/**
 * Every variable the functions read (config.json envVariables): a base environment, the reader
 * that uses it, and a value that changes what the reader gives (so the row shows the variable is
 * really read, and "" is not simply ignored by accident).
 */
const ROWS: Array<{ name: string; base: Env; read: (env: Env) => unknown; set: string }> = [
  { name: 'ADMIN_OPENIDS', base: {}, read: policyOf, set: 'oAdmin' },
  { name: 'ALLOWED_SOURCES', base: {}, read: policyOf, set: 'wx_trigger' },
  { name: 'LOG_LEVEL', base: {}, read: levelOf, set: 'warn' },
  { name: 'WECHAT_API_BASE_URL', base: {}, read: (env) => outcome(() => httpConfigFromEnv(env)), set: 'http://127.0.0.1:1' },
  { name: 'HTTP_ATTEMPT_TIMEOUT_MS', base: {}, read: (env) => outcome(() => httpConfigFromEnv(env)), set: '500' },
  { name: 'TOKEN_PROVIDER', base: { ...component, APPID: 'wxown', APPSECRET: 'own-secret-env-test' }, read: (env) => outcome(() => tokenConfigFromEnv(env)), set: 'stable' },
  { name: 'AUTHORIZER_ACCESS_TOKEN', base: component, read: (env) => outcome(() => tokenConfigFromEnv(env)), set: 'fixed-token-env-test' },
  { name: 'TOKEN_SERVICE_URL', base: component, read: (env) => outcome(() => tokenConfigFromEnv(env)), set: 'http://127.0.0.1:2/token' },
  { name: 'TOKEN_SERVICE_AUTH', base: { TOKEN_SERVICE_URL: 'http://127.0.0.1:2/token' }, read: (env) => outcome(() => tokenConfigFromEnv(env)), set: 'Bearer x-env-test' },
  { name: 'COMPONENT_APPID', base: component, read: (env) => outcome(() => tokenConfigFromEnv(env)), set: 'wxother' },
  { name: 'COMPONENT_APPSECRET', base: component, read: (env) => outcome(() => tokenConfigFromEnv(env)), set: 'other-secret-env-test' },
  { name: 'COMPONENT_VERIFY_TICKET', base: component, read: (env) => outcome(() => tokenConfigFromEnv(env)), set: 'ticket-env-test' },
  { name: 'AUTHORIZER_APPID', base: component, read: (env) => outcome(() => tokenConfigFromEnv(env)), set: 'wxauth2' },
  { name: 'AUTHORIZER_REFRESH_TOKEN', base: component, read: (env) => outcome(() => tokenConfigFromEnv(env)), set: 'refresh2-env-test' },
  { name: 'APPID', base: { APPSECRET: 'own-secret-env-test' }, read: (env) => outcome(() => tokenConfigFromEnv(env)), set: 'wxown' },
  { name: 'APPSECRET', base: { APPID: 'wxown' }, read: (env) => outcome(() => tokenConfigFromEnv(env)), set: 'own-secret-env-test' },
  { name: 'TOKEN_STORE', base: stable, read: sourceOf, set: 'memory' },
  { name: 'TOKEN_COLLECTION', base: stable, read: sourceOf, set: 'other_tokens' },
  { name: 'OPERATOR_OPENIDS', base: {}, read: (env) => [...(operatorOpenidsFromEnv(env) ?? [])], set: 'oOperator' },
  { name: 'AUDIT_COLLECTION', base: {}, read: auditCollectionName, set: 'other_audit' },
  { name: 'AUTHORIZER_COLLECTION', base: {}, read: authorizerCollectionName, set: 'other_authorizers' },
  { name: 'COMPONENT_TOKEN', base: push, read: (env) => outcome(() => pushConfigFromEnv(env)), set: 'pushtoken' },
  { name: 'LIST_CONCURRENCY', base: {}, read: (env) => outcome(() => listConcurrencyFromEnv(env)), set: '2' },
  { name: 'WECOM_WEBHOOK_URL', base: {}, read: (env) => outcome(() => notifyConfigFromEnv(env).webhookUrl?.href), set: 'http://127.0.0.1:3/cgi-bin/webhook/send?key=robot-env-test' },
  { name: 'NOTIFY_TEMPLATE_ID', base: {}, read: (env) => notifyConfigFromEnv(env).templateId, set: 'tmpl-env-test' },
  { name: 'NOTIFY_PAGE', base: {}, read: (env) => notifyConfigFromEnv(env).page, set: 'pages/admin/index' },
  { name: 'PENDING_EXPIRY_DAYS', base: {}, read: (env) => outcome(() => syncConfigFromEnv(env)), set: '3' },
  { name: 'EXPIRY_WARNING_HOURS', base: {}, read: (env) => outcome(() => syncConfigFromEnv(env)), set: '6' },
  { name: 'RECONCILE_INTERVAL_HOURS', base: {}, read: (env) => outcome(() => reconcileIntervalMs(env)), set: '6' },
  { name: 'COMPONENT_ENCODING_AES_KEY', base: push, read: (env) => outcome(() => pushConfigFromEnv(env)), set: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' },
];

function without(env: Env, name: string): Env {
  const copy = { ...env };
  delete copy[name];
  return copy;
}

describe('an empty variable means the same as an unset one', () => {
  it.each(ROWS)('$name', ({ name, base, read, set }) => {
    const unset = read(without(base, name));
    expect(read({ ...base, [name]: '' })).toEqual(unset);
    expect(read({ ...base, [name]: '   ' })).toEqual(unset);
    // The reader does look at the variable: a real value changes its answer.
    expect(read({ ...base, [name]: set })).not.toEqual(unset);
  });

  it('covers every variable a function reads (config.json)', () => {
    const config = require('../../../config.json') as { functions: Record<string, { envVariables: string[] }> };
    const read = new Set(Object.values(config.functions).flatMap((fn) => fn.envVariables));
    expect(ROWS.map((row) => row.name).sort()).toEqual([...read].sort());
  });

  it('ALLOWED_SOURCES="" (what the CLI sends when unset) still admits console runs, timers and DevTools', () => {
    const policy = callerPolicyFromEnv({ ALLOWED_SOURCES: '' });
    expect(authorizeCaller({}, policy, 'f').source).toBe('console');
    expect(authorizeCaller({ SOURCE: 'wx_trigger' }, policy, 'f').source).toBe('wx_trigger');
    expect(authorizeCaller({ SOURCE: 'wx_devtools' }, policy, 'f').source).toBe('wx_devtools');
  });

  it('envValue trims and maps blank to undefined', () => {
    expect(envValue({ A: ' x ' }, 'A')).toBe('x');
    expect(envValue({ A: '' }, 'A')).toBeUndefined();
    expect(envValue({}, 'A')).toBeUndefined();
  });
});
