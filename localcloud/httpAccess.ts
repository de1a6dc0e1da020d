import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * The CloudBase HTTP access service (docs/platform/pushes.md, "The HTTP access service"): a request
 * to a function's path becomes the event `{ path, httpMethod, headers, queryStringParameters, body,
 * isBase64Encoded, requestContext }`; an answer `{ statusCode, headers, body, isBase64Encoded }`
 * becomes the HTTP response (integration response), any other value is sent as JSON.
 */
export interface HttpAccessEvent {
  path: string;
  httpMethod: string;
  headers: Record<string, string>;
  queryStringParameters: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
  requestContext: { requestId: string; envId: string; appId: string; uin: string };
}

/** Text bodies arrive as they are; anything else Base64-encoded. */
const TEXT_TYPES = /^(text\/|application\/(json|xml|x-www-form-urlencoded|javascript))/i;

export function buildHttpEvent(input: { method: string; url: URL; headers: IncomingHttpHeaders; body: Buffer; envId: string; appId: string }): HttpAccessEvent {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const text = input.body.length === 0 || TEXT_TYPES.test(headers['content-type'] ?? 'text/plain');
  return {
    path: input.url.pathname,
    httpMethod: input.method.toUpperCase(),
    headers,
    queryStringParameters: Object.fromEntries(input.url.searchParams),
    body: text ? input.body.toString('utf8') : input.body.toString('base64'),
    isBase64Encoded: !text,
    requestContext: { requestId: randomUUID(), envId: input.envId, appId: input.appId, uin: '100000000001' },
  };
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** What the service sends back for a function's return value. */
export function httpResponseOf(result: unknown): HttpResponse {
  if (result !== null && typeof result === 'object' && typeof (result as { statusCode?: unknown }).statusCode === 'number') {
    const answer = result as { statusCode: number; headers?: Record<string, unknown>; body?: unknown; isBase64Encoded?: unknown };
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers ?? {})) if (typeof value === 'string') headers[name.toLowerCase()] = value;
    const raw = typeof answer.body === 'string' ? answer.body : answer.body === undefined ? '' : JSON.stringify(answer.body);
    return { status: answer.statusCode, headers, body: answer.isBase64Encoded === true ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8') };
  }
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from(JSON.stringify(result ?? null), 'utf8') };
}
