import type * as Http from 'node:http';
import type { AttemptSignal } from './attemptTimer';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  body?: string;
  signal: AttemptSignal;
}

export interface HttpResponse {
  status: number;
  /** The raw bytes: whether they are readable text is decided by the caller (responseText.ts). */
  body: Buffer;
  /** The Content-Encoding header, when the server set one. */
  contentEncoding?: string;
}

/**
 * One HTTP(S) request on Node's own http/https modules rather than global `fetch`: fetch loads
 * undici on first use, about 30 ms of a cold start (bench/), while these modules load in a few.
 * Each module is loaded on its first request only (https pulls in tls). Keep-alive agents reuse
 * connections across the invocations of a warm instance (Node 18, the cloud runtime, does not
 * keep connections alive by default).
 */
interface Client {
  request: typeof Http.request;
  agent: Http.Agent;
}
const clients: Record<string, Client> = {};

function clientFor(protocol: string): Client {
  let client = clients[protocol];
  if (!client) {
    // Required here, not imported: loaded on the first request of its protocol (see above).
    const lib = (protocol === 'https:' ? require('node:https') : require('node:http')) as typeof Http;
    client = { request: lib.request, agent: new lib.Agent({ keepAlive: true }) };
    clients[protocol] = client;
  }
  return client;
}

export function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  const client = clientFor(request.url.protocol);
  // `accept-encoding: identity`: this client reads plain bodies only, and says so.
  const headers = {
    'accept-encoding': 'identity',
    ...request.headers,
    ...(request.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(request.body)) }),
  };
  return new Promise((resolve, reject) => {
    // The attempt's signal aborts by destroying the request itself: handing `signal` to
    // http.request loads Node's stream abort helpers on the first request (about 1 ms of a cold
    // start, bench/). The caller reads the signal to tell a timeout from a failure.
    const req = client.request(request.url, { method: request.method, headers, agent: client.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject); // e.g. the connection dropped mid-body ('aborted', ECONNRESET)
      res.on('end', () => {
        if (!res.complete) {
          reject(Object.assign(new Error('The answer ended before its declared length (truncated).'), { code: 'ERR_TRUNCATED' }));
          return;
        }
        const encoding = res.headers['content-encoding'];
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), ...(encoding ? { contentEncoding: encoding } : {}) });
      });
    });
    req.on('error', reject);
    const stop = request.signal.onAbort(() => req.destroy(Object.assign(new Error('The attempt was aborted.'), { code: 'ABORT_ERR' })));
    req.on('close', stop);
    req.end(request.body);
  });
}
