import { maskParams } from '../platform/call-log';
import { decodeCommApiData, type CommApiData } from '../wire/openapi-messages';
import { boundaryOf, parseMultipart } from '../wire/multipart';

/**
 * Classifies a request to the CloudBase endpoint (POST /admin?env=..&seqId=..), as
 * @cloudbase/node-sdk sends it (src/utils/tcbapirequester.ts):
 * - multipart/form-data with action "wx.openApi" -> an open-API call (kind 'openapi');
 * - application/json with action "database.*"    -> a database call (kind 'database');
 * - anything else                                  -> kind 'cloudbase', named by its action.
 */
export type AdminRequest =
  | { kind: 'openapi'; api: string; wxCloudApiToken: boolean; envName: string; requestData?: CommApiData; params?: Record<string, unknown> }
  | { kind: 'database'; api: string; wxCloudApiToken: boolean; params: Record<string, unknown> }
  | { kind: 'cloudbase'; api: string; wxCloudApiToken?: boolean; params?: unknown };

/** Transport fields every request carries; kept out of the recorded params. */
const TRANSPORT_FIELDS = new Set([
  'action',
  'envName',
  'wxCloudApiToken',
  'wxCloudbaseAccesstoken',
  'tcb_sessionToken',
  'sessionToken',
  'crossAuthorizationToken',
]);

export function classifyAdminRequest(method: string, contentType: string | undefined, body: Buffer): AdminRequest {
  if (method !== 'POST') return { kind: 'cloudbase', api: `${method} /admin` };
  const boundary = /multipart\/form-data/i.test(contentType ?? '') ? boundaryOf(contentType) : undefined;
  if (boundary) return classifyMultipart(body, boundary);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { kind: 'cloudbase', api: '(unparseable body)' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { kind: 'cloudbase', api: '(unparseable body)' };
  const fields = parsed as Record<string, unknown>;
  const action = typeof fields.action === 'string' ? fields.action : '(missing action)';
  const token = hasToken(fields.wxCloudApiToken) || hasToken(fields.wxCloudbaseAccesstoken);
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (!TRANSPORT_FIELDS.has(key) && value !== undefined) params[key] = value;
  if (action.startsWith('database.')) return { kind: 'database', api: action, wxCloudApiToken: token, params: { ...params, action } };
  return { kind: 'cloudbase', api: action, wxCloudApiToken: token, params: maskParams(params) };
}

function hasToken(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}

function classifyMultipart(body: Buffer, boundary: string): AdminRequest {
  let fields: Map<string, Buffer>;
  try {
    fields = parseMultipart(body, boundary);
  } catch {
    return { kind: 'cloudbase', api: '(unparseable body)' };
  }
  const text = (name: string): string => fields.get(name)?.toString('utf8') ?? '';
  const action = text('action') || '(missing action)';
  const token = text('wxCloudApiToken') !== '' || text('wxCloudbaseAccesstoken') !== '';
  if (action !== 'wx.openApi') return { kind: 'cloudbase', api: action, wxCloudApiToken: token };
  const request: AdminRequest = { kind: 'openapi', api: text('apiName'), wxCloudApiToken: token, envName: text('envName') };
  const raw = fields.get('requestData');
  if (raw) {
    try {
      request.requestData = decodeCommApiData(raw);
      request.params = pairsToParams(request.requestData);
    } catch {
      // Left undefined: answered as a CloudBase parameter error.
    }
  }
  return request;
}

/**
 * Each KeyValuePair value is the JSON text of one request field (docs/platform/cloud-wire.md, "An
 * open-API call on the wire").
 */
function pairsToParams(data: CommApiData): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const pair of data.pairs) {
    const text = pair.value.toString('utf8');
    try {
      params[pair.key] = JSON.parse(text);
    } catch {
      params[pair.key] = text;
    }
  }
  return params;
}
