import type { TimeSource } from './clock';
import type { SeededAuthorizer } from './open-platform/authorizers';
import type { Consent, PushDelivery, SealedPush } from './open-platform/open-platform';
import type { EvolutionPace, EvolutionStep } from './platform/evolution';
import type { SubscribeMessageRecord, WecomMessage } from './platform/outbound-messages';

export type { EvolutionPace, EvolutionStep, SubscribeMessageRecord, TimeSource, WecomMessage };

/**
 * Public types of the local CloudBase / api.weixin.qq.com emulator.
 * Other test suites program against exactly these names; keep them stable.
 */

/** Which wire path a request came in on. */
export type CallKind = 'openapi' | 'https' | 'database' | 'cloudbase';

/** Credentials the emulated platform accepts. */
export interface AccountsConfig {
  /** Own account: /cgi-bin/stable_token; also the plugin account (/wxa/devplugin) and the half-screen account (get_own_list). */
  app: { appid: string; secret: string };
  /** Third-party platform (component). */
  component: { appid: string; secret: string };
  /** The Mini Program that authorized the component, and its initial authorizer_refresh_token. */
  authorizer: { appid: string; refreshToken: string };
}

export interface EmulatorOptions {
  /** Listen port on 127.0.0.1; default 0 (any free port). */
  port?: number;
  /** Seed of the deterministic data generator; default 20240601. */
  seed?: number;
  /** Plugin applicants (dev_apply_list); default 3000. */
  applicantCount?: number;
  /** Half-screen authorizations (get_own_list); default 2500. */
  embeddedCount?: number;
  /** Mini Programs this account embeds (get_list); default 3. */
  embeddingCount?: number;
  /** Lifetime of every issued access token; default 7200. */
  tokenTtlSeconds?: number;
  /** After a refresh the previous access token keeps working this long; default 300. */
  overlapSeconds?: number;
  /** api_authorizer_token hands out a new refresh token and retires the old one (61023); default true. */
  rotateRefreshToken?: boolean;
  /** Calls allowed per endpoint name per appid per emulated day; exceeding answers 45009. */
  dailyQuota?: Partial<Record<string, number>>;
  /** Credentials; missing parts fall back to DEFAULT_ACCOUNTS. */
  accounts?: Partial<AccountsConfig>;
  /** The component's message token and EncodingAESKey; default DEFAULT_PUSH_SETTINGS. */
  pushSettings?: { token?: string; encodingAesKey?: string };
  /** Mini Programs that may authorize the component; default: accounts.authorizer (every set) and three with fewer. */
  authorizers?: SeededAuthorizer[];
  /** How the lists change per step (emulator/platform/evolution.ts); with intervalMs they step on their own. */
  evolution?: EvolutionPace;
  /** Keys of the WeCom group robots the emulator accepts at /cgi-bin/webhook/send; default one random key. */
  wecomRobotKeys?: string[];
  /**
   * The time the emulated clock and the faults' waits (latencyMs, gates) run on; real time by
   * default. Tests pass a virtual clock (test/helpers/virtualClock.ts) so that a slow answer is
   * slow on the same virtual time the functions count their deadlines on.
   */
  time?: TimeSource;
}

/** What the server is doing with requests right now (for a test's virtual time: see Emulator.traffic). */
export interface Traffic {
  /** Requests received and not yet answered (or given up by the client). */
  open: number;
  /** Of those, the ones waiting on a fault: a latency or gate wait, or a stall. */
  held: number;
  /** Bumped by every request's arrival, hold, release and end: unchanged means nothing happened. */
  events: number;
}

/** One request the emulator received. */
export interface CallRecord {
  kind: CallKind;
  /** apiName (openapi), path (https), action (database / cloudbase). */
  api: string;
  /** Emulated wall-clock time of arrival, in MILLISECONDS (clock.now() is seconds). */
  at: number;
  /** Cloud path only: whether a non-empty wxCloudApiToken came with the call. */
  wxCloudApiToken?: boolean;
  /** Request parameters (decoded); app secrets masked as '***'. */
  params?: unknown;
  /** https only: query string; access_token values masked as '***'. */
  query?: Record<string, string>;
  /** With a `gate` fault: `together` when enough requests were held at once, `alone` when the wait ran out. */
  gated?: 'together' | 'alone';
}

/** Database requests the emulator received, by kind (a count is a read), in all and per collection. */
export interface DatabaseRequestCounts {
  reads: number;
  writes: number;
  /** Neither: creating or dropping a collection. */
  other: number;
  byCollection: Record<string, { reads: number; writes: number; other: number }>;
}

/** A scripted failure. Faults match in injection order; each is used `times` times. */
export interface Fault {
  /** One API name, or several (e.g. every write action of the database). */
  api?: string | string[];
  kind?: CallKind;
  /** Database requests only: the collection the request names (`collectionName`). */
  collection?: string;
  /** Default 1; Infinity allowed. */
  times?: number;
  /** WeChat error body {errcode, errmsg}: inside respData on the cloud path, HTTP 200 JSON on https. */
  errcode?: number;
  errmsg?: string;
  /** Cloud path: CommOpenApiResp.errorCode (-604100 ...). */
  platformErrorCode?: number;
  /** Cloud path (openapi, database, cloudbase): a JSON {code, message} CloudBase error reply. */
  cloudbaseError?: { code: string; message: string };
  /** Wait this long, then answer normally (or with the other fault fields). */
  latencyMs?: number;
  /** With latencyMs: wait a further 0 to jitterMs (uniformly), drawn per request. */
  jitterMs?: number;
  /**
   * In-process tests only: hold the request until this promise settles, then carry on as the
   * other fields say. A request held here is processed (and sees the state) only when released,
   * which lets a test put one instance's write after another instance's whole call. On virtual
   * time it is an answer on its way, not a held request: time does not move for it. reset() ends it.
   */
  hold?: Promise<unknown>;
  /**
   * Hold each matching request until this many are held at once, then answer them all; a request
   * still alone after `latencyMs` (default 3000) is answered by itself. The call log says which
   * (`gated`): a load-proof way to tell concurrent requests from sequential ones.
   */
  gate?: number;
  /** Answer with this HTTP status and an HTML error page. */
  httpStatus?: number;
  /** HTTP 200 with an HTML body. */
  html?: boolean;
  /** openapi: bytes that are neither protobuf nor JSON; JSON kinds: truncated JSON text with 200. */
  malformed?: boolean;
  /** Declare a Content-Length larger than what is sent, then end the socket. */
  truncated?: boolean;
  /** Destroy the socket without any answer. */
  drop?: boolean;
  /** Never answer (until the client gives up or close()). */
  stall?: boolean;
  /** Apply the request (a write takes effect), then destroy the socket: the answer is lost. */
  applyThenDrop?: boolean;
  /** JSON kinds: the normal answer with a UTF-8 byte-order mark before it. */
  bom?: boolean;
  /** JSON kinds: the normal answer gzip-compressed with `Content-Encoding: gzip`, asked for or not. */
  gzip?: boolean;
  /** https / openapi: answer normally but with this JSON value as the WeChat body (e.g. very long fields, odd keys). */
  body?: unknown;
}

export type TokenKind = 'stable' | 'component' | 'authorizer';

/** Live views of the emulator's mutable state (reset() restores the seed). */
export interface EmulatorData {
  /**
   * The live lists (mutated in place as the platform evolves; restored by reset()).
   *
   * Seeded plugin applicants, snake_case as /wxa/devplugin answers. The one big integer
   * (`apply_seq`) is exposed as a native `bigint`; the body text carries it as a bare number.
   */
  applicants: Array<Record<string, unknown>>;
  /** Seeded half-screen authorizations, snake_case as get_own_list answers. */
  embedded: Array<Record<string, unknown>>;
  /** Top-level embedded_flag of get_own_list: the current set_authorize mode. */
  readonly embeddedFlag: number;
  /** The Mini Programs this account embeds (get_list), snake_case. */
  embedding: Array<Record<string, unknown>>;
}

export interface Emulator {
  url: string;
  cloudUrl: string;
  wechatBaseUrl: string;
  sdkEnv(opts?: { wxApiToken?: string | null; envId?: string }): Record<string, string>;
  accounts: AccountsConfig;
  data: EmulatorData;
  calls: CallRecord[];
  count(filter?: { kind?: CallKind; api?: string }): number;
  /** Database requests by kind, from the call at index `since` (e.g. `calls.length` before a run) on. */
  databaseRequests(since?: number): DatabaseRequestCounts;
  inject(fault: Fault): void;
  /** Another Mini Program applies to open this one half-screen; decided by the current set_authorize mode. */
  receiveEmbeddingRequest(appid: string, reason?: string): Record<string, unknown>;
  clearFaults(): void;
  /** Requests open and held right now: a test on virtual time moves time on only when every open request is held. reset() ends the held ones. */
  traffic(): Traffic;
  clock: { now(): number; advance(seconds: number): void };
  tokens: {
    verifyTicket(): string;
    pushVerifyTicket(): string;
    expire(accessToken: string): void;
    invalidate(accessToken: string): void;
    issued(kind?: TokenKind): number;
    refreshToken(): string;
  };
  db: {
    collection(name: string): Map<string, Record<string, unknown>>;
    collections(): string[];
  };
  /**
   * The open platform: authorizations of the seeded authorizers and the encrypted pushes to the
   * component's authorization event URL (set with setPushTarget).
   */
  openPlatform: {
    settings: { componentAppid: string; token: string; encodingAesKey: string };
    authorizers(): Array<{ appid: string; nickname: string; funcIds: number[]; authorized: boolean }>;
    setPushTarget(url: string | undefined): void;
    /** A new component_verify_ticket, pushed. */
    pushTicket(): Promise<PushDelivery>;
    /** Pre-auth code, consent, authorization code; pushes authorized (updateauthorized when already authorized); `push: false`: the push is lost. */
    authorize(appid: string, options?: { funcIds?: number[]; push?: boolean }): Promise<PushDelivery>;
    /** Cancels the authorization (tokens and refresh token stop working); pushes unauthorized (`push: false`: lost). */
    revoke(appid: string, options?: { push?: boolean }): Promise<PushDelivery>;
    /**
     * The merchant consents on the page an authorization link opens (pre-auth code from
     * api_create_preauthcode): the push goes out `now` (awaited, default), in the `background`
     * (as the emulated consent page does; `idle()` waits for it) or is `lost`; `location` is where
     * the browser is sent (redirect_uri + auth_code + expires_in).
     */
    consent(preAuthCode: string, redirectUri: string, appid: string, options?: { push?: 'now' | 'background' | 'lost'; funcIds?: number[] }): Promise<Consent>;
    /** More accounts that may authorize; `authorized: true` ones are authorized already, their pushes lost. */
    addAuthorizers(seeds: SeededAuthorizer[], options?: { authorized?: boolean }): void;
    /** WeChat renews the account's refresh token on its side: the one held elsewhere answers 61023. */
    invalidateRefreshToken(appid: string): string;
    /** How often api_start_push_ticket was called since reset. */
    readonly ticketPushRestarts: number;
    /** Resolves once the pushes the platform sent on its own (consent page, restarted tickets) are delivered. */
    idle(): Promise<void>;
    /** Any message, sealed and sent. */
    push(fields: Record<string, string | number>, authorizerAppid?: string): Promise<PushDelivery>;
    /** Encrypts and signs without sending. */
    seal(fields: Record<string, string | number>, timestamp?: string, nonce?: string): SealedPush;
    send(sealed: SealedPush, method?: string): Promise<PushDelivery>;
    /** The very same request again (WeChat's retry). */
    redeliver(delivery: PushDelivery): Promise<PushDelivery>;
    deliveries: PushDelivery[];
    /** Pushes a ticket every intervalMs (real time) until stopSchedule, reset or close. */
    startSchedule(intervalMs: number, onDelivery?: (delivery: PushDelivery) => void): void;
    stopSchedule(): void;
    /** The current refresh token of an authorizer. */
    refreshToken(appid: string): string;
  };
  /** The lists changing over time: step them now, change the pace, stop automatic steps. */
  evolve: {
    step(count?: number): EvolutionStep[];
    setPace(pace: EvolutionPace): void;
    stop(): void;
  };
  /** What was delivered to people: WeCom robot messages and subscribe messages. */
  outbound: {
    /** A robot webhook URL the emulator accepts (its key is the first of wecomRobotKeys). */
    wecomWebhookUrl: string;
    wecom: WecomMessage[];
    subscribe: SubscribeMessageRecord[];
  };
  /** Clears calls, faults, clock, tokens, quota, database and messages, and restores the seeded lists. */
  reset(): void;
  close(): Promise<void>;
}
