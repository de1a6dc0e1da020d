import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startEmulator, type Emulator } from '../emulator';

/**
 * How many times each token is fetched per lifetime when many instances of a function call for
 * one authorizer at once, with WeChat rotating the refresh token on every refresh (and answering
 * 61023 to a retired one). Each instance is a real process running the built function; the
 * registry starts empty and is seeded from AUTHORIZER_REFRESH_TOKEN by whichever instance comes
 * first. A round is one token lifetime: between rounds every clock (the emulator's and each
 * process's) moves 7000 virtual seconds, past the refresh time of every token (300 s before its
 * 7200 s expiry) and before its expiry. One fetch per token per round is the target
 * (docs/authorizer-lifecycle.md, "Benchmark").
 */
export interface TokenRoundsOptions {
  /** The built function's index.js. */
  functionFile: string;
  env: NodeJS.ProcessEnv;
  processes: number;
  callsPerProcess: number;
  rounds: number;
  /** bench/lib/tokenWorker.js (passed in: the bench runs bundled, away from this folder). */
  workerFile?: string;
  /** Calls in flight at once in each process. */
  concurrency?: number;
  advanceSeconds?: number;
}

export interface TokenRound {
  round: number;
  calls: number;
  /** errCode -> how many calls ended with it. */
  codes: Record<string, number>;
  /** Tokens WeChat issued in the round. */
  componentFetches: number;
  authorizerFetches: number;
  /** Requests to api_authorizer_token, answered or refused (61023 for a retired refresh token, say). */
  authorizerRequests: number;
}

export interface TokenRoundsResult {
  processes: number;
  callsPerProcess: number;
  rounds: TokenRound[];
  /** The most fetches of one token in any round (1 is the target). */
  authorizerFetchesPerLifetime: number;
  componentFetchesPerLifetime: number;
  failedCalls: number;
}

const DEFAULT_ADVANCE_SECONDS = 7000;
const AUTHORIZER_TOKEN = '/cgi-bin/component/api_authorizer_token';

/** A built function in its own process, driven one JSON line at a time (bench/lib/tokenWorker.js). */
class Worker {
  private readonly child: ChildProcess;
  private buffer = '';
  private readonly waiting: Array<{ resolve: (answer: Record<string, unknown>) => void; reject: (error: Error) => void }> = [];

  constructor(workerFile: string, functionFile: string, env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [workerFile, functionFile], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    this.child.stdout!.setEncoding('utf8');
    this.child.stdout!.on('data', (chunk: string) => {
      this.buffer += chunk;
      let newline;
      while ((newline = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, newline);
        this.buffer = this.buffer.slice(newline + 1);
        this.waiting.shift()?.resolve(JSON.parse(line) as Record<string, unknown>);
      }
    });
    this.child.on('exit', (code) => {
      for (const waiter of this.waiting.splice(0)) waiter.reject(new Error(`token worker exited with ${code}`));
    });
  }

  /** The next line the worker writes (its readiness, or the answer to a command). */
  next(): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  async send(command: Record<string, unknown>): Promise<Record<string, unknown>> {
    const answer = this.next();
    this.child.stdin!.write(`${JSON.stringify(command)}\n`);
    return answer;
  }

  stop(): void {
    this.child.stdin!.end(`${JSON.stringify({ exit: true })}\n`);
  }
}

export async function runTokenRounds(emu: Emulator, options: TokenRoundsOptions): Promise<TokenRoundsResult> {
  const workerFile = options.workerFile ?? path.join(__dirname, 'lib', 'tokenWorker.js');
  const workers = Array.from({ length: options.processes }, () => new Worker(workerFile, options.functionFile, options.env));
  try {
    await Promise.all(workers.map((w) => w.next()));
    const rounds: TokenRound[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const advanceSeconds = round === 1 ? 0 : (options.advanceSeconds ?? DEFAULT_ADVANCE_SECONDS);
      emu.clock.advance(advanceSeconds);
      const before = { component: emu.tokens.issued('component'), authorizer: emu.tokens.issued('authorizer'), requests: emu.count({ api: AUTHORIZER_TOKEN }) };
      const answers = await Promise.all(
        workers.map((w) => w.send({ advanceMs: advanceSeconds * 1000, calls: options.callsPerProcess, concurrency: options.concurrency ?? 5 })),
      );
      const codes: Record<string, number> = {};
      for (const answer of answers) {
        if (answer.error) throw new Error(`token worker failed: ${String(answer.error)}`);
        for (const [code, count] of Object.entries(answer.codes as Record<string, number>)) codes[code] = (codes[code] ?? 0) + count;
      }
      rounds.push({
        round,
        calls: options.processes * options.callsPerProcess,
        codes,
        componentFetches: emu.tokens.issued('component') - before.component,
        authorizerFetches: emu.tokens.issued('authorizer') - before.authorizer,
        authorizerRequests: emu.count({ api: AUTHORIZER_TOKEN }) - before.requests,
      });
    }
    return {
      processes: options.processes,
      callsPerProcess: options.callsPerProcess,
      rounds,
      authorizerFetchesPerLifetime: Math.max(...rounds.map((r) => r.authorizerFetches)),
      componentFetchesPerLifetime: Math.max(...rounds.map((r) => r.componentFetches)),
      failedCalls: rounds.reduce((sum, r) => sum + r.calls - (r.codes['0'] ?? 0), 0),
    };
  } finally {
    for (const w of workers) w.stop();
  }
}

/**
 * The emulator's third-party account with the latencies of a busy platform: database requests
 * 10-40 ms, token endpoints 50-150 ms (uniform), refresh tokens rotating on every refresh.
 */
export function busyPlatformFaults(emu: Emulator): void {
  emu.inject({ kind: 'database', latencyMs: 10, jitterMs: 30, times: Infinity });
  emu.inject({ kind: 'https', api: ['/cgi-bin/component/api_component_token', AUTHORIZER_TOKEN], latencyMs: 50, jitterMs: 100, times: Infinity });
}

/** The component provider for the emulator's default authorizer, seeded from AUTHORIZER_REFRESH_TOKEN. */
export function componentEnv(emu: Emulator): NodeJS.ProcessEnv {
  return {
    COMPONENT_APPID: emu.accounts.component.appid,
    COMPONENT_APPSECRET: emu.accounts.component.secret,
    COMPONENT_VERIFY_TICKET: emu.tokens.verifyTicket(),
    AUTHORIZER_APPID: emu.accounts.authorizer.appid,
    AUTHORIZER_REFRESH_TOKEN: emu.accounts.authorizer.refreshToken,
    WECHAT_API_BASE_URL: emu.wechatBaseUrl,
  };
}

/** npm run bench: 8 processes x 50 calls, 3 lifetimes, against its own emulator. */
export async function measureTokenFetches(root: string, processes = 8, callsPerProcess = 50, rounds = 3): Promise<TokenRoundsResult> {
  const emu = await startEmulator({ rotateRefreshToken: true, applicantCount: 20, embeddedCount: 20 });
  try {
    busyPlatformFaults(emu);
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, ...emu.sdkEnv(), ADMIN_OPENIDS: emu.sdkEnv().WX_OPENID, LOG_LEVEL: 'silent', ...componentEnv(emu) };
    return await runTokenRounds(emu, {
      functionFile: path.join(root, 'dist', 'functions', 'getOwnList', 'index.js'),
      workerFile: path.join(root, 'bench', 'lib', 'tokenWorker.js'),
      env,
      processes,
      callsPerProcess,
      rounds,
    });
  } finally {
    await emu.close();
  }
}

export function printTokenFetches(result: TokenRoundsResult): void {
  console.log(`\nToken fetches per lifetime: ${result.processes} processes x ${result.callsPerProcess} calls for one authorizer, refresh token rotating on every refresh, empty registry seeded by the first instance:`);
  console.table(
    result.rounds.map((r) => ({
      lifetime: r.round,
      calls: r.calls,
      'answered 0': r.codes['0'] ?? 0,
      'other answers': Object.entries(r.codes).filter(([code]) => code !== '0').map(([code, n]) => `${code} x${n}`).join(', '),
      'component token fetches': r.componentFetches,
      'authorizer token fetches': r.authorizerFetches,
      'api_authorizer_token requests': r.authorizerRequests,
    })),
  );
  console.log(`authorizer-token fetches per lifetime: ${result.authorizerFetchesPerLifetime} (target 1); component-token fetches per lifetime: ${result.componentFetchesPerLifetime} (target 1); failed calls: ${result.failedCalls}`);
}
