import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { LogLine } from '../types';

/** How one run on an instance ended. */
export type RunEnd =
  | { kind: 'returned'; json: string | null; bytes: number }
  | { kind: 'threw'; error: string }
  | { kind: 'timeout' }
  | { kind: 'crashed'; detail: string };

export interface RunMessage {
  id: string;
  event: unknown;
  context: Record<string, unknown>;
  env: Record<string, string>;
}

export interface InstanceOptions {
  id: number;
  hostScript: string;
  /** The deployed folder and handler `index.main`: file index.js, export main. */
  dir: string;
  handler: string;
  memoryMb: number;
  /** The instance's start-up environment (not the caller's: that comes per run). */
  env: Record<string, string>;
  /** Called once when the process is gone, for whatever reason. */
  onExit(instance: Instance): void;
}

type HostMessage =
  | { type: 'ready' }
  | { type: 'log'; id: string | null; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'done'; id: string; ok: true; json: string | null; bytes: number }
  | { type: 'done'; id: string; ok: false; error: string };

interface Pending {
  id: string;
  logs: LogLine[];
  finish(end: RunEnd): void;
}

/** Starting a Node process on a loaded machine can take a while; this only catches a hung one. */
const START_LIMIT_MS = 60_000;
const STDERR_TAIL_CHARS = 4000;

/**
 * One function instance: a child process running localcloud/instance/host.js, which loads the
 * function once and serves one run at a time over IPC. The time limit of a run is enforced here:
 * at the limit the process is killed (the platform does not let a timed-out invocation go on).
 */
export class Instance {
  readonly id: number;
  /** Runs started on this instance; the first one is the cold start. */
  served = 0;
  private readonly child: ChildProcess;
  private readonly started: Promise<void>;
  private pending: Pending | undefined;
  private exited = false;
  private killed = false;
  private stderrTail = '';

  constructor(private readonly options: InstanceOptions) {
    this.id = options.id;
    const [file, exportName] = splitHandler(options.handler);
    this.child = fork(options.hostScript, [path.join(options.dir, file), exportName], {
      cwd: options.dir,
      env: options.env,
      // The function's memory setting, as a heap limit (an approximation of the platform's).
      execArgv: [`--max-old-space-size=${options.memoryMb}`],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.started = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`instance ${this.id} did not start within ${START_LIMIT_MS} ms`));
        this.kill();
      }, START_LIMIT_MS);
      this.child.once('message', (message: HostMessage) => {
        clearTimeout(timer);
        if (message.type === 'ready') resolve();
        else reject(new Error(`instance ${this.id} sent ${message.type} before ready`));
      });
      this.child.once('close', () => {
        clearTimeout(timer);
        reject(new Error(`instance ${this.id} exited while starting: ${this.stderrTail.trim() || 'no output'}`));
      });
    });
    this.started.catch(() => undefined); // observed by ready(); never an unhandled rejection
    this.child.on('message', (message: HostMessage) => this.onMessage(message));
    // Output that bypasses process.stdout.write (a crash's stack trace, native writes).
    this.child.stdout?.setEncoding('utf8').on('data', (text: string) => this.rawOutput('stdout', text));
    this.child.stderr?.setEncoding('utf8').on('data', (text: string) => this.rawOutput('stderr', text));
    this.child.on('error', () => undefined); // a failed send or kill; 'close' follows
    // 'close' (not 'exit'): stdout/stderr are drained by then, so a crash's trace is complete.
    this.child.once('close', (code, signal) => {
      this.exited = true;
      const detail = `the instance process exited (${signal ? `signal ${signal}` : `code ${code}`})`;
      this.pending?.finish({ kind: 'crashed', detail: this.stderrTail.trim() ? `${detail}: ${this.stderrTail.trim()}` : detail });
      this.options.onExit(this);
    });
  }

  /** Gone, or on its way out: never handed another run. */
  get dead(): boolean {
    return this.exited || this.killed;
  }

  get busy(): boolean {
    return this.pending !== undefined;
  }

  ready(): Promise<void> {
    return this.started;
  }

  /** Runs one invocation; resolves (never rejects) with how it ended and what it logged. */
  run(message: RunMessage, timeLimitMs: number): Promise<{ end: RunEnd; logs: LogLine[] }> {
    if (this.pending) throw new Error(`instance ${this.id} is busy: the platform runs one invocation per instance`);
    this.served += 1;
    this.stderrTail = '';
    return new Promise((resolve) => {
      const logs: LogLine[] = [];
      const finish = (end: RunEnd): void => {
        if (this.pending !== pending) return;
        clearTimeout(timer);
        this.pending = undefined;
        resolve({ end, logs });
      };
      const pending: Pending = { id: message.id, logs, finish };
      this.pending = pending;
      const timer = setTimeout(() => {
        finish({ kind: 'timeout' });
        this.kill();
      }, timeLimitMs);
      if (this.dead) return finish({ kind: 'crashed', detail: 'the instance process had already exited' });
      this.child.send({ type: 'invoke', ...message }, (error) => {
        if (error) finish({ kind: 'crashed', detail: `could not hand the event to the instance: ${error.message}` });
      });
    });
  }

  kill(): void {
    this.killed = true;
    if (!this.exited) this.child.kill('SIGKILL');
  }

  private onMessage(message: HostMessage): void {
    const pending = this.pending;
    if (!pending) return;
    if (message.type === 'log' && message.id === pending.id) pending.logs.push(...toLines(message.stream, message.text));
    else if (message.type === 'done' && message.id === pending.id) {
      pending.finish(message.ok ? { kind: 'returned', json: message.json, bytes: message.bytes } : { kind: 'threw', error: message.error });
    }
  }

  private rawOutput(stream: 'stdout' | 'stderr', text: string): void {
    if (stream === 'stderr') this.stderrTail = (this.stderrTail + text).slice(-STDERR_TAIL_CHARS);
    this.pending?.logs.push(...toLines(stream, text));
  }
}

function splitHandler(handler: string): [string, string] {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) throw new Error(`handler must look like index.main, got ${handler}`);
  return [`${handler.slice(0, dot)}.js`, handler.slice(dot + 1)];
}

function toLines(stream: 'stdout' | 'stderr', text: string): LogLine[] {
  return text
    .split('\n')
    .filter((line, index, all) => line !== '' || index < all.length - 1)
    .map((line) => ({ stream, text: line }));
}
