import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The three shapes in which a service's error answer repeats the request it got. */
export const ECHO_SHAPES = ['http-error-page', 'ok-html-page', 'json-errmsg'] as const;
export type EchoShape = (typeof ECHO_SHAPES)[number];

export interface EchoWords {
  /** The 404 HTML page's text before the echo ("Cannot GET"). */
  notFound: string;
  /** The 200 HTML page's text before the echo ("No route for"). */
  okPage: string;
  /** The JSON error: its errcode, and its errmsg's text before the echo. */
  errcode: number;
  errmsg: string;
}

/**
 * For the URL-secret tests: a loopback service (started before the file's tests, closed after)
 * whose every answer repeats the request's path, query and Authorization header, in the shape
 * set with `shape`. `base` is its host:port; `requests` counts what it answered.
 */
export function useEchoServer(words: EchoWords): { base(): string; requests(): number; shape: EchoShape } {
  let server: Server;
  let base = '';
  let requests = 0;
  const echo = {
    base: () => base,
    requests: () => requests,
    shape: 'http-error-page' as EchoShape,
  };
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests += 1;
      req.resume();
      const echoed = `${req.url} (auth: ${req.headers.authorization ?? 'none'})`;
      if (echo.shape === 'http-error-page') res.writeHead(404, { 'content-type': 'text/html' }).end(`<html><body>${words.notFound} ${echoed}</body></html>`);
      else if (echo.shape === 'ok-html-page') res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body>${words.okPage} ${echoed}</body></html>`);
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: words.errcode, errmsg: `${words.errmsg} ${echoed}` }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  return echo;
}
