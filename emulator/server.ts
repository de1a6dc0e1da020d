import http from 'node:http';
import type { Socket } from 'node:net';
import { classifyAdminRequest } from './cloud/admin-request';
import { cloudbaseErrorReply, handleOpenApi } from './cloud/open-api';
import { handleDatabaseAction } from './database/actions';
import { resolveFault } from './fault-responses';
import { maskParams, maskQuery } from './platform/call-log';
import type { PlatformState } from './state';
import type { CallKind, CallRecord, Fault, Traffic } from './types';
import { handleWechatRequest } from './wechat/router';
import { jsonReply, type Reply } from './wire/reply';

/** What the server needs from the emulator around it. */
export interface ServerWiring {
  state: PlatformState;
  record(call: CallRecord): void;
  takeFault(kind: CallKind, api: string, collection?: string): Fault | undefined;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * One loopback HTTP server for both faces of the platform: POST /admin is the CloudBase
 * endpoint (TCB_CONTEXT_CNFG URL), every other path is api.weixin.qq.com.
 * It tracks sockets and timers so close() is prompt even with stalled or kept-alive clients.
 */
export class EmulatorServer {
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly waits = new Set<() => void>();
  /** Requests held by a `gate` fault, per fault. */
  private readonly gates = new Map<Fault, Array<(outcome: 'together' | 'alone') => void>>();
  private closed = false;
  private readonly counts: Traffic = { open: 0, held: 0, events: 0 };
  private readonly answered = new WeakSet<http.ServerResponse>();
  private readonly held = new Set<http.ServerResponse>();
  /** Requests waiting on a fault's `hold` promise (a test releases them). */
  private readonly testHeld = new Set<http.ServerResponse>();

  constructor(private readonly wiring: ServerWiring) {
    this.server = http.createServer((req, res) => {
      this.opened(res);
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          const message = error instanceof Error ? error.message : String(error);
          this.write(res, jsonReply({ code: 'EMULATOR_INTERNAL_ERROR', message }, 500));
        }
      });
    });
    // Outlive the clients' idle keep-alive, so a client never reuses a socket the server just closed.
    this.server.keepAliveTimeout = 65_000;
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Open and held requests right now. */
  traffic(): Traffic {
    return { ...this.counts };
  }

  /** Counts a request open until its answer is sent or its connection is gone. */
  private opened(res: http.ServerResponse): void {
    this.counts.open += 1;
    this.counts.events += 1;
    res.once('close', () => {
      this.answered.add(res);
      this.counts.open -= 1;
      this.counts.events += 1;
    });
  }

  /**
   * Counts a request as held (waiting on a fault: a latency or gate wait, a stall) until the
   * returned release is called or its answer closes, whichever comes first.
   */
  private hold(res: http.ServerResponse): () => void {
    if (this.answered.has(res)) return () => undefined;
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.held.delete(res);
      this.counts.held -= 1;
      this.counts.events += 1;
    };
    this.held.add(res);
    this.counts.held += 1;
    this.counts.events += 1;
    res.once('close', release);
    return release;
  }

  /** While `wait` runs, the request counts as held. */
  private async holding<T>(res: http.ServerResponse, wait: Promise<T>): Promise<T> {
    const release = this.hold(res);
    try {
      return await wait;
    } finally {
      release();
    }
  }

  /**
   * While a test's `hold` promise is pending. Not counted as held: the request waits on the test,
   * not on time, so for virtual time it is an answer on its way (time does not move for it).
   * A reset still ends it (dropHeld).
   */
  private async heldByTest(res: http.ServerResponse, hold: Promise<unknown>): Promise<void> {
    this.testHeld.add(res);
    try {
      await hold.catch(() => undefined);
    } finally {
      this.testHeld.delete(res);
    }
  }

  /** Ends every request still held (a stall, a slow answer, a test's hold): the emulator starts afresh (reset()) without requests of before. */
  dropHeld(): void {
    for (const res of [...this.held, ...this.testHeld]) res.destroy();
  }

  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of [...this.waits]) wake();
    const closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await closing;
  }

  /** Waits ms, or less if the server closes meanwhile; false when closed. */
  private delay(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const wake = (): void => {
        timer.cancel();
        this.waits.delete(wake);
        resolve(!this.closed);
      };
      const timer = this.wiring.state.clock.after(ms, wake);
      this.waits.add(wake);
    });
  }

  /** Holds a request until `size` are held for the same fault (all released together) or `ms` pass. */
  private holdAtGate(fault: Fault, size: number, ms: number): Promise<'together' | 'alone'> {
    return new Promise((resolve) => {
      const held = this.gates.get(fault) ?? [];
      this.gates.set(fault, held);
      const timer = this.wiring.state.clock.after(ms, () => {
        const index = held.indexOf(release);
        if (index >= 0) held.splice(index, 1);
        resolve('alone');
      });
      const release = (outcome: 'together' | 'alone'): void => {
        timer.cancel();
        resolve(outcome);
      };
      held.push(release);
      if (held.length >= size) for (const waiting of held.splice(0)) waiting('together');
    });
  }

  private readBody(req: http.IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) req.destroy(new Error('request body too large'));
        else chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let body: Buffer;
    try {
      body = await this.readBody(req);
    } catch {
      return; // The client went away mid-request.
    }
    const { state } = this.wiring;
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const at = state.clock.nowMs();

    let kind: CallKind;
    let api: string;
    let respond: () => Reply;
    let recorded: CallRecord;
    if (url.pathname === '/admin') {
      const request = classifyAdminRequest(method, req.headers['content-type'], body);
      kind = request.kind;
      api = request.api;
      const call: CallRecord = { kind, api, at };
      if (request.wxCloudApiToken !== undefined) call.wxCloudApiToken = request.wxCloudApiToken;
      if (request.params !== undefined) call.params = request.params;
      this.wiring.record(call);
      recorded = call;
      respond = () => {
        if (request.kind === 'openapi') return handleOpenApi(state, request);
        if (request.kind === 'database') return jsonReply(handleDatabaseAction(state.db, request.params, new Date(state.clock.nowMs())));
        return cloudbaseErrorReply('INVALID_ACTION', `action ${request.api} is not supported by the emulator`);
      };
    } else {
      kind = 'https';
      api = url.pathname;
      const call: CallRecord = { kind, api, at, query: maskQuery(url.searchParams) };
      const params = parseJsonQuietly(body);
      if (params !== undefined) call.params = maskParams(params);
      this.wiring.record(call);
      recorded = call;
      respond = () => handleWechatRequest(state, method, url, body);
    }

    const collection = kind === 'database' ? collectionOf(recorded.params) : undefined;
    const fault = this.wiring.takeFault(kind, api, collection);
    if (fault?.hold) {
      await this.heldByTest(res, fault.hold);
      if (this.closed || res.destroyed) return;
    }
    if (fault?.gate !== undefined) {
      recorded.gated = await this.holding(res, this.holdAtGate(fault, fault.gate, fault.latencyMs ?? 3000));
      if (this.closed) return;
    } else if (fault?.latencyMs !== undefined && fault.latencyMs > 0) {
      const jitter = fault.jitterMs !== undefined && fault.jitterMs > 0 ? Math.random() * fault.jitterMs : 0;
      if (!(await this.holding(res, this.delay(fault.latencyMs + jitter)))) return;
    }
    // Closed, or dropped by a reset while held: a request of before must not act on the fresh state.
    if (this.closed || res.destroyed) return;
    const action = fault ? resolveFault(fault, kind) : { type: 'none' as const };
    switch (action.type) {
      case 'drop':
        req.socket.destroy();
        return;
      case 'apply-then-drop':
        respond(); // the request takes effect; its answer never leaves
        req.socket.destroy();
        return;
      case 'stall':
        this.hold(res); // Never answered; close() or reset() destroys the socket.
        return;
      case 'truncate': {
        const socket = req.socket;
        socket.write(
          `HTTP/1.1 200 OK\r\nContent-Type: ${action.reply.contentType}\r\nContent-Length: ${action.declaredLength}\r\nConnection: close\r\n\r\n`,
        );
        socket.end(action.reply.body);
        return;
      }
      case 'reply':
        this.write(res, action.reply);
        return;
      case 'reshape':
        this.write(res, action.reshape(respond()));
        return;
      case 'none':
        this.write(res, respond());
        return;
    }
  }

  private write(res: http.ServerResponse, reply: Reply): void {
    res.writeHead(reply.status, { ...reply.headers, 'content-type': reply.contentType, 'content-length': reply.body.length });
    res.end(reply.body);
  }
}

function collectionOf(params: unknown): string | undefined {
  const name = (params as { collectionName?: unknown } | undefined)?.collectionName;
  return typeof name === 'string' ? name : undefined;
}

function parseJsonQuietly(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return body.toString('utf8');
  }
}
