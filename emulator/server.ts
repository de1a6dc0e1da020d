import http from 'node:http';
import type { Socket } from 'node:net';
import { classifyAdminRequest } from './cloud/admin-request';
import { cloudbaseErrorReply, handleOpenApi } from './cloud/open-api';
import { handleDatabaseAction } from './database/actions';
import { resolveFault } from './fault-responses';
import { maskParams, maskQuery } from './platform/call-log';
import type { PlatformState } from './state';
import type { CallKind, CallRecord, Fault } from './types';
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

  constructor(private readonly wiring: ServerWiring) {
    this.server = http.createServer((req, res) => {
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
        clearTimeout(timer);
        this.waits.delete(wake);
        resolve(!this.closed);
      };
      const timer = setTimeout(wake, ms);
      this.waits.add(wake);
    });
  }

  /** Holds a request until `size` are held for the same fault (all released together) or `ms` pass. */
  private holdAtGate(fault: Fault, size: number, ms: number): Promise<'together' | 'alone'> {
    return new Promise((resolve) => {
      const held = this.gates.get(fault) ?? [];
      this.gates.set(fault, held);
      const timer = setTimeout(() => {
        const index = held.indexOf(release);
        if (index >= 0) held.splice(index, 1);
        resolve('alone');
      }, ms);
      const release = (outcome: 'together' | 'alone'): void => {
        clearTimeout(timer);
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
      await fault.hold.catch(() => undefined);
      if (this.closed) return;
    }
    if (fault?.gate !== undefined) {
      recorded.gated = await this.holdAtGate(fault, fault.gate, fault.latencyMs ?? 3000);
      if (this.closed) return;
    } else if (fault?.latencyMs !== undefined && fault.latencyMs > 0) {
      const jitter = fault.jitterMs !== undefined && fault.jitterMs > 0 ? Math.random() * fault.jitterMs : 0;
      if (!(await this.delay(fault.latencyMs + jitter))) return;
    }
    if (this.closed) return;
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
        return; // Never answered; close() destroys the socket.
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
