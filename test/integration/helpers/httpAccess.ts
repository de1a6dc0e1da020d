import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildHttpEvent, httpResponseOf } from '../../../localcloud/httpAccess';
import { context, useHarness, type CloudFunctionMain, type Harness, type HarnessOptions } from './harness';

/**
 * The HTTP access service in front of an in-process function: a loopback server that turns
 * each request into the platform's HTTP event (the local cloud's own builder), calls the
 * function as a `wx_http` caller, and writes its integration response back.
 */
export async function serveOverHttpAccess(h: Harness, main: () => CloudFunctionMain, path = '/componentEvents') {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        if (url.pathname !== path) return res.writeHead(404).end();
        const event = buildHttpEvent({ method: req.method ?? 'GET', url, headers: req.headers, body: Buffer.concat(chunks), envId: 'test-env', appId: h.emu.accounts.app.appid });
        h.asCaller('http');
        try {
          const answer = httpResponseOf(await main()(event, context(5000, 'componentEvents')));
          res.writeHead(answer.status, answer.headers).end(answer.body);
        } finally {
          h.asCaller('admin');
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return {
    url,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/**
 * A harness for the third-party flow: componentEvents behind the HTTP access service (one server
 * for the file), the emulated open platform pushing to it, and before each test the admin as
 * caller with the push variables (Harness.pushVars) set. `events()` is this test's componentEvents.
 */
export function usePushHarness(options: HarnessOptions): { h: Harness; events: () => CloudFunctionMain; eventUrl: () => string } {
  let events: CloudFunctionMain | undefined;
  let access: Awaited<ReturnType<typeof serveOverHttpAccess>> | undefined;
  const h = useHarness(options, (harness) => {
    harness.asCaller('admin');
    harness.configure(harness.pushVars());
    events = harness.loadFunction('componentEvents');
    harness.emu.openPlatform.setPushTarget(access!.url);
  });
  const current = () => {
    if (!events) throw new Error('componentEvents is loaded before each test');
    return events;
  };
  beforeAll(async () => {
    access = await serveOverHttpAccess(h, current);
  });
  afterAll(async () => {
    await access?.close();
  });
  const eventUrl = () => {
    if (!access) throw new Error('the HTTP access server starts in beforeAll');
    return access.url;
  };
  return { h, events: current, eventUrl };
}
