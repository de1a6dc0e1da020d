/**
 * The CloudBase HTTP access service's event and answer (docs/platform/pushes.md, "The HTTP
 * access service"): `{ path, httpMethod, headers, queryStringParameters, body, isBase64Encoded,
 * requestContext }` in, `{ statusCode, headers, body, isBase64Encoded }` out.
 */
export interface HttpRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: string;
}

export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

/** Reads the event, or undefined when it is not an HTTP access event (e.g. a console test run of `{}`). */
export function readHttpEvent(event: unknown): HttpRequest | undefined {
  if (event === null || typeof event !== 'object') return undefined;
  const e = event as Record<string, unknown>;
  if (typeof e.httpMethod !== 'string') return undefined;
  const query: Record<string, string> = {};
  if (e.queryStringParameters !== null && typeof e.queryStringParameters === 'object') {
    for (const [name, value] of Object.entries(e.queryStringParameters as Record<string, unknown>)) {
      if (typeof value === 'string') query[name] = value;
    }
  }
  const raw = typeof e.body === 'string' ? e.body : '';
  const body = e.isBase64Encoded === true ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  return { method: e.httpMethod.toUpperCase(), path: typeof e.path === 'string' ? e.path : '/', query, body };
}

/** A short plain-text answer: WeChat reads `success`; anything else is for whoever looks. */
export function textAnswer(statusCode: number, body: string): HttpAnswer {
  return { statusCode, headers: { 'content-type': 'text/plain; charset=utf-8' }, body, isBase64Encoded: false };
}
