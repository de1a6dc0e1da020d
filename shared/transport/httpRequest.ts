import type * as Http from 'node:http';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

export interface HttpResponse {
  status: number;
  text: string;
}

/**
 * One HTTP(S) request on Node's own http/https modules rather than global `fetch`: fetch loads
 * undici on first use, about 30 ms of a cold start (bench/), while these modules load in a few.
 * Loaded on first request only. Keep-alive agents reuse connections across the invocations of a
 * warm instance (Node 18, the cloud runtime, does not keep connections alive by default).
 */
let clients: { http: typeof Http; https: typeof import('node:https'); agents: Record<string, Http.Agent> } | undefined;

function load() {
  if (!clients) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const http = require('node:http') as typeof Http;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const https = require('node:https') as typeof import('node:https');
    clients = { http, https, agents: { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) } };
  }
  return clients;
}

export function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  const { http, https, agents } = load();
  const lib = request.url.protocol === 'https:' ? https : http;
  const headers = { ...request.headers, ...(request.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(request.body)) }) };
  return new Promise((resolve, reject) => {
    const req = lib.request(request.url, { method: request.method, headers, agent: agents[request.url.protocol], signal: request.signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject); // e.g. the connection dropped mid-body ('aborted', ECONNRESET)
      res.on('end', () => {
        if (!res.complete) {
          reject(Object.assign(new Error('The answer ended before its declared length (truncated).'), { code: 'ERR_TRUNCATED' }));
          return;
        }
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(request.body);
  });
}
