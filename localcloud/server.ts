import { readFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { CALLER_KINDS, parseCaller } from './callerInput';
import { DEMO_ADMIN_OPENID, DEMO_USER_OPENID } from './demoEnv';
import { buildHttpEvent, httpResponseOf } from './httpAccess';
import { InvokeRequestError, type Invoker } from './invoker';
import type { FunctionSpec, HttpAccessEntry } from './types';
import { pushLogView, sendTestPush } from './pushLog';
import { syncView } from './syncView';
import { componentView } from './componentView';

/**
 * The console: a static page (localcloud/console/) and two JSON endpoints on 127.0.0.1.
 *   GET  /api/functions  names, timeouts, example events, caller kinds
 *   POST /api/invoke     {function, event, caller:{kind, openid?}} -> InvokeResult
 * and the HTTP access service: any method at a function's `httpAccess.path` invokes it with the
 * platform's HTTP event, and answers with its integration response (a GET is served too: it is
 * how the authorization redirect page is reached). What the real service puts in TCB_SOURCE is
 * not documented (`wx_http` is WeChat's invoke API, another thing); the local cloud says
 * `wx_http`, and the functions decide by the event's shape, not by the source.
 *   GET  /api/sync       the sync panel: last run, stored lists and counts, changes, notifications
 *   POST /api/sync/step  the emulated platform moves on one step (new applicants, expiries, withdrawals)
 *   GET  /api/pushes     the push log: what the emulated open platform pushed to componentEvents
 *   POST /api/pushes/test  the open platform pushes a freshly signed ticket to componentEvents now
 *   GET  /api/component  where the emulated authorization pages are and componentEvents' path (componentView.ts)
 */
/** `/` is the page; any other asset is a plain file name in localcloud/console/ (no paths, no dots but the extension). */
const ASSET_NAME = /^\/([a-z0-9][a-z0-9-]*)\.(js|css|html)$/;
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
};
function staticAsset(pathname: string): { file: string; type: string } | undefined {
  if (pathname === '/') return { file: 'index.html', type: CONTENT_TYPES.html as string };
  const match = ASSET_NAME.exec(pathname);
  return match ? { file: `${match[1]}.${match[2]}`, type: CONTENT_TYPES[match[2] as string] as string } : undefined;
}
const MAX_BODY_BYTES = 1024 * 1024;
// Everything is served from here; nothing inline, nothing from elsewhere: the page works offline.
// The lists' avatar addresses are the emulator's, made up: the page draws a placeholder for each
// instead of asking WeChat's image hosts (console/records.js).
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export interface ConsoleServer {
  url: string;
  close(): Promise<void>;
}

export async function startConsoleServer(invoker: Invoker, consoleDir: string, port: number, onHttpAccess?: (entry: HttpAccessEntry) => void): Promise<ConsoleServer> {
  // Filled in once the port is known: only pages served from this address may drive it (a page
  // elsewhere that rebinds a DNS name to 127.0.0.1 still sends its own Host).
  const allowedHosts = new Set<string>();
  const self = { url: '' };
  const server = http.createServer((req, res) => {
    if (!allowedHosts.has(req.headers.host ?? '')) return sendJson(res, 421, { error: 'unexpected Host header' });
    handle(req, res, invoker, consoleDir, self.url, onHttpAccess).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the console server has no TCP address');
  const actualPort = address.port;
  allowedHosts.add(`127.0.0.1:${actualPort}`).add(`localhost:${actualPort}`);
  self.url = `http://127.0.0.1:${actualPort}`;
  return {
    url: self.url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, invoker: Invoker, consoleDir: string, selfUrl: string, onHttpAccess?: (entry: HttpAccessEntry) => void): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = req.method ?? 'GET';

  const httpFunction = invoker.functions().find((spec) => spec.httpPath === url.pathname);
  if (httpFunction) return serveHttpAccess(req, res, invoker, httpFunction, url, onHttpAccess);

  if (url.pathname === '/api/functions') {
    if (method !== 'GET') return sendJson(res, 405, { error: 'use GET' });
    return sendJson(res, 200, describeFunctions(invoker));
  }
  if (url.pathname === '/api/invoke') {
    if (refusedAsPost(req, res)) return;
    return invoke(req, res, invoker);
  }
  if (url.pathname === '/api/sync') {
    if (method !== 'GET') return sendJson(res, 405, { error: 'use GET' });
    const q = url.searchParams;
    return sendJson(res, 200, syncView(invoker.emulator, { list: q.get('list') ?? undefined, status: q.get('status') ?? undefined, account: q.get('account') ?? undefined }));
  }
  if (url.pathname === '/api/component') {
    if (method !== 'GET') return sendJson(res, 405, { error: 'use GET' });
    return sendJson(res, 200, componentView(invoker.emulator, invoker.functions()));
  }
  if (url.pathname === '/api/sync/step') {
    if (refusedAsPost(req, res)) return;
    return sendJson(res, 200, { steps: invoker.emulator.evolve.step() });
  }
  if (url.pathname === '/api/pushes') {
    if (method !== 'GET') return sendJson(res, 405, { error: 'use GET' });
    return sendJson(res, 200, { ...pushLogView(invoker.emulator), eventPath: pushPath(invoker) ?? null });
  }
  if (url.pathname === '/api/pushes/test') {
    if (refusedAsPost(req, res)) return;
    const path = pushPath(invoker);
    if (!path) return sendJson(res, 404, { error: 'no function serves an HTTP access path (config.json httpAccess) to push to' });
    return sendJson(res, 200, { delivery: await sendTestPush(invoker.emulator, `${selfUrl}${path}`) });
  }
  const asset = staticAsset(url.pathname);
  if (asset && (method === 'GET' || method === 'HEAD')) {
    const body = await readFile(path.join(consoleDir, asset.file)).catch(() => undefined);
    if (body === undefined) return sendJson(res, 404, { error: `nothing at ${url.pathname}` });
    res.writeHead(200, { 'content-type': asset.type, 'content-length': body.length, ...SECURITY_HEADERS });
    res.end(method === 'HEAD' ? undefined : body);
    return;
  }
  if (url.pathname === '/favicon.ico') {
    res.writeHead(204, SECURITY_HEADERS);
    res.end();
    return;
  }
  sendJson(res, 404, { error: `nothing at ${url.pathname}` });
}

/**
 * The console's actions take a POST with a JSON body, and answer anything else with 405 / 415:
 * a JSON content type cannot be sent cross-site without a CORS preflight, which is never granted.
 */
function refusedAsPost(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'POST') sendJson(res, 405, { error: 'use POST' });
  else if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) sendJson(res, 415, { error: 'send application/json' });
  else return false;
  return true;
}

/** The authorization event URL's path: the HTTP access path of the function that takes the pushes. */
function pushPath(invoker: Invoker): string | undefined {
  return invoker.functions().find((spec) => spec.httpPath !== undefined)?.httpPath;
}

function describeFunctions(invoker: Invoker): unknown {
  return {
    functions: invoker.functions().map((spec) => ({
      name: spec.name,
      description: spec.description ?? '',
      timeoutSeconds: spec.timeoutSeconds,
      memoryMb: spec.memoryMb,
      exampleEvent: spec.exampleEvent ?? {},
      // Which account "default" is for the authorizer picker (the function's AUTHORIZER_APPID).
      defaultAuthorizerAppid: invoker.configuredEnv(spec).AUTHORIZER_APPID || null,
      httpPath: spec.httpPath ?? null,
    })),
    callers: CALLER_KINDS.map((caller) => ({
      ...caller,
      defaultOpenid: caller.kind === 'user' ? DEMO_USER_OPENID : caller.kind === 'admin' ? adminOpenid(invoker) : undefined,
    })),
  };
}

function adminOpenid(invoker: Invoker): string {
  const first = invoker.functions()[0];
  const admins = first ? invoker.configuredEnv(first).ADMIN_OPENIDS : undefined;
  return admins?.split(',')[0]?.trim() || DEMO_ADMIN_OPENID;
}

async function invoke(req: IncomingMessage, res: ServerResponse, invoker: Invoker): Promise<void> {
  let body: Record<string, unknown>;
  try {
    const parsed = JSON.parse(await readBody(req)) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('the body must be a JSON object');
    body = parsed as Record<string, unknown>;
  } catch (error) {
    return sendJson(res, 400, { error: `invalid request: ${(error as Error).message}` });
  }
  if (typeof body.function !== 'string') return sendJson(res, 400, { error: 'name the function: {"function": "getOwnList", ...}' });
  let caller;
  try {
    caller = parseCaller(body.caller);
  } catch (error) {
    return sendJson(res, 400, { error: (error as Error).message });
  }
  try {
    sendJson(res, 200, await invoker.invoke(body.function, body.event ?? {}, caller));
  } catch (error) {
    if (error instanceof InvokeRequestError) return sendJson(res, error.status, { error: error.message });
    throw error;
  }
}

/** The HTTP access service: the request as the platform's HTTP event, the function's answer as the response. */
async function serveHttpAccess(req: IncomingMessage, res: ServerResponse, invoker: Invoker, spec: FunctionSpec, url: URL, onHttpAccess?: (entry: HttpAccessEntry) => void): Promise<void> {
  let body: Buffer;
  try {
    body = await readRawBody(req);
  } catch (error) {
    return sendJson(res, 413, { error: (error as Error).message });
  }
  const method = req.method ?? 'GET';
  const event = buildHttpEvent({ method, url, headers: req.headers, body, ...invoker.platformIds() });
  const invoked = await invoker.invoke(spec.name, event, { kind: 'source', source: 'wx_http' });
  const answer = invoked.outcome === 'returned'
    ? httpResponseOf(invoked.result)
    : { status: 502, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from(JSON.stringify(invoked.result), 'utf8') };
  res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length });
  res.end(answer.body);
  onHttpAccess?.({ function: spec.name, method, path: url.pathname, status: answer.status, body: answer.body.toString('utf8').slice(0, 200), ms: invoked.ms, logs: invoked.logs });
}

function readRawBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('the body is over 1 MB'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  return (await readRawBody(req)).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length, ...SECURITY_HEADERS });
  res.end(body);
}
