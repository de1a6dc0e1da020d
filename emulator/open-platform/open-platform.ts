import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { EmulatedClock } from '../clock';
import type { TokenAuthority } from '../platform/tokens';
import type { SeededAuthorizer } from './authorizers';
import { encryptForPush, pushXml, signPush } from './message-crypto';

/** The open platform's message settings for the component (消息校验 Token, 消息加解密 Key). */
export interface PushSettings {
  componentAppid: string;
  token: string;
  encodingAesKey: string;
}

/** One POST to the authorization event URL, as sent, and what came back. */
export interface PushDelivery {
  /** When it was sent: emulated Unix milliseconds. */
  at: number;
  infoType: string;
  authorizerAppid?: string;
  url: string;
  query: Record<string, string>;
  body: string;
  /** HTTP status of the answer; 0 when nothing could be delivered (no target, connection refused). */
  status: number;
  answer: string;
}

export interface SealedPush {
  query: Record<string, string>;
  body: string;
}

interface AuthorizerState {
  seed: SeededAuthorizer;
  authorized: boolean;
  funcIds: number[];
  /** Unix seconds of the last consent (auth_time of api_get_authorizer_list). */
  authTime: number;
}

/** What the emulated consent page was asked to do, and where the browser goes next. */
export interface Consent {
  appid: string;
  code: string;
  /** The redirect_uri with auth_code and expires_in appended (its own query kept). */
  location: string;
  /** The authorized push as sent (absent while it is still on its way in the background). */
  delivery?: PushDelivery;
  /** The push's fields, for sending it later (`push(fields)`) when it was `lost`. */
  pushFields: Record<string, string | number>;
}

const AUTH_CODE_SECONDS = 3600;
/** What the redirect says: the code is meant to be used at once. */
const REDIRECT_EXPIRES_IN = 600;
const PRE_AUTH_CODE_SECONDS = 1800;

const opaque = (prefix: string, bytes: number) => `${prefix}${randomBytes(bytes).toString('base64url')}`;

/**
 * The open platform around a third-party component: who authorized it with which permission sets,
 * the pre-auth and authorization codes of the authorization flow, and the encrypted pushes it sends
 * to the component's authorization event URL (docs/platform/pushes.md;
 * docs/platform/third-party.md, "The authorization link"). The default authorizer starts authorized
 * (its refresh token is the one in accounts.authorizer); the others authorize when asked.
 */
export class OpenPlatform {
  private states = new Map<string, AuthorizerState>();
  private codes = new Map<string, { appid: string; expiresAt: number; used: boolean }>();
  private preAuthCodes = new Map<string, { expiresAt: number; used: boolean }>();
  /** Accounts added after start (tests): they survive reset() only if added again. */
  private extraSeeds: SeededAuthorizer[] = [];
  /** Ticket pushes asked for by api_start_push_ticket, still being delivered. */
  private pending = new Set<Promise<unknown>>();
  /** How often api_start_push_ticket was called. */
  ticketPushRestarts = 0;
  private target: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  readonly deliveries: PushDelivery[] = [];

  constructor(
    private readonly clock: EmulatedClock,
    private readonly tokens: TokenAuthority,
    readonly settings: PushSettings,
    private readonly seeds: SeededAuthorizer[],
    private readonly defaultAppid: string,
  ) {
    this.reset();
  }

  reset(): void {
    this.stopSchedule();
    const start = this.clock.now();
    this.states = new Map(this.seeds.map((seed) => [seed.appid, { seed, authorized: seed.appid === this.defaultAppid, funcIds: [...seed.funcIds], authTime: start }]));
    this.extraSeeds = [];
    this.ticketPushRestarts = 0;
    this.codes.clear();
    this.preAuthCodes.clear();
    this.target = undefined;
    this.deliveries.length = 0;
  }

  /**
   * More accounts that may authorize (e.g. a thousand, for a platform at scale); `authorized`
   * ones authorize at once WITHOUT a push, as if their pushes were lost: only the authorizer list
   * knows them.
   */
  addAuthorizers(seeds: SeededAuthorizer[], options: { authorized?: boolean } = {}): void {
    const now = this.clock.now();
    for (const seed of seeds) {
      if (this.states.has(seed.appid)) throw new Error(`openPlatform.addAuthorizers: ${seed.appid} is already known`);
      this.extraSeeds.push(seed);
      this.states.set(seed.appid, { seed, authorized: options.authorized === true, funcIds: [...seed.funcIds], authTime: now });
      if (options.authorized) this.tokens.grantRefreshToken(seed.appid);
    }
  }

  authorizers(): Array<{ appid: string; nickname: string; funcIds: number[]; authorized: boolean }> {
    return [...this.states.values()].map((s) => ({ appid: s.seed.appid, nickname: s.seed.nickname, funcIds: [...s.funcIds], authorized: s.authorized }));
  }

  isAuthorized(appid: string): boolean {
    return this.states.get(appid)?.authorized === true;
  }

  funcIds(appid: string): number[] {
    return this.states.get(appid)?.funcIds ?? [];
  }

  setPushTarget(url: string | undefined): void {
    this.target = url;
  }

  /** POST /cgi-bin/component/api_create_preauthcode: the start of an authorization. */
  createPreAuthCode(): { value: string; expiresIn: number } {
    const value = opaque('preauthcode@@@', 36);
    this.preAuthCodes.set(value, { expiresAt: this.clock.now() + PRE_AUTH_CODE_SECONDS, used: false });
    return { value, expiresIn: PRE_AUTH_CODE_SECONDS };
  }

  /** Why the consent page cannot use this pre-auth code, or undefined when it can (once, for 1800 s). */
  preAuthCodeProblem(value: unknown): string | undefined {
    const entry = typeof value === 'string' ? this.preAuthCodes.get(value) : undefined;
    if (!entry) return '预授权码无效 (pre_auth_code invalid)';
    if (entry.used) return '预授权码已经被使用 (pre_auth_code already used)';
    if (this.clock.now() >= entry.expiresAt) return '预授权码已过期 (pre_auth_code expired)';
    return undefined;
  }

  /**
   * The emulated consent: the pre-auth code is used up, the account authorizes (a new
   * authorization code), the authorized push goes out, and the browser is sent to the redirect
   * with `auth_code` and `expires_in` appended to its own query. `push`: `now` (default, awaited),
   * `background` (what the consent page does: the browser does not wait for it; `idle()` does),
   * or `lost` (never sent; `pushFields` lets a test send it later, in any order).
   */
  async consent(preAuthCode: string, redirectUri: string, appid: string, options: { push?: 'now' | 'background' | 'lost'; funcIds?: number[] } = {}): Promise<Consent> {
    if ((options.push ?? 'now') !== 'now') return this.consentNow(preAuthCode, redirectUri, appid, { push: options.push as 'background' | 'lost', ...(options.funcIds ? { funcIds: options.funcIds } : {}) });
    const consent = this.consentCore(preAuthCode, redirectUri, appid, options.funcIds);
    return { ...consent, delivery: await this.push(appid, consent.pushFields) };
  }

  /** The consent page's own path: the push is sent in the background (or lost), the browser redirected at once. */
  consentNow(preAuthCode: string, redirectUri: string, appid: string, options: { push: 'background' | 'lost'; funcIds?: number[] }): Consent {
    const consent = this.consentCore(preAuthCode, redirectUri, appid, options.funcIds);
    if (options.push === 'lost') return { ...consent, delivery: this.undelivered(consent.pushFields, appid) };
    this.inBackground(() => this.push(appid, consent.pushFields));
    return consent;
  }

  private consentCore(preAuthCode: string, redirectUri: string, appid: string, funcIds?: number[]): Consent {
    const problem = this.preAuthCodeProblem(preAuthCode);
    if (problem) throw new Error(problem);
    if (!this.states.has(appid)) throw new Error(`openPlatform.consent: ${appid} is not a seeded authorizer`);
    const target = new URL(redirectUri);
    (this.preAuthCodes.get(preAuthCode) as { used: boolean }).used = true;
    const { code, fields } = this.grant(appid, preAuthCode, funcIds);
    target.searchParams.set('auth_code', code);
    target.searchParams.set('expires_in', String(REDIRECT_EXPIRES_IN));
    return { appid, code, location: target.toString(), pushFields: fields };
  }

  /** Work the platform does on its own after answering (a push); `idle()` waits for it. */
  private inBackground(work: () => Promise<unknown>): void {
    const done = new Promise<void>((resolve) => setImmediate(resolve)).then(work).catch(() => undefined);
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
  }

  /** A new authorization of `appid`: its code and the push that tells of it. */
  private grant(appid: string, preAuthCode: string, funcIds?: number[]): { code: string; fields: Record<string, string | number> } {
    const state = this.states.get(appid);
    if (!state) throw new Error(`openPlatform: ${appid} is not a seeded authorizer`);
    const updated = state.authorized;
    state.authorized = true;
    if (funcIds) state.funcIds = [...funcIds];
    const now = this.clock.now();
    state.authTime = now;
    const code = opaque('queryauthcode@@@', 48);
    this.codes.set(code, { appid, expiresAt: now + AUTH_CODE_SECONDS, used: false });
    return {
      code,
      fields: {
        AppId: this.settings.componentAppid,
        CreateTime: now,
        InfoType: updated ? 'updateauthorized' : 'authorized',
        AuthorizerAppid: appid,
        AuthorizationCode: code,
        AuthorizationCodeExpiredTime: now + AUTH_CODE_SECONDS,
        PreAuthCode: preAuthCode,
      },
    };
  }

  /** A push that never left (the target was unreachable for WeChat, say): recorded, not sent. */
  private undelivered(fields: Record<string, string | number>, authorizerAppid?: string): PushDelivery {
    const delivery: PushDelivery = { at: this.clock.nowMs(), infoType: String(fields.InfoType ?? ''), ...(authorizerAppid ? { authorizerAppid } : {}), url: '', query: {}, body: '', status: 0, answer: 'not delivered (lost)' };
    this.deliveries.push(delivery);
    return delivery;
  }

  /**
   * POST /cgi-bin/component/api_get_authorizer_list: the accounts authorized now, in the order
   * they first became known, each with the refresh token WeChat holds for it and its auth time.
   */
  authorizerList(offset: number, count: number): { total_count: number; list: Array<{ authorizer_appid: string; refresh_token: string; auth_time: number }> } {
    const authorized = [...this.states.values()].filter((s) => s.authorized);
    return {
      total_count: authorized.length,
      list: authorized.slice(offset, offset + count).map((s) => ({
        authorizer_appid: s.seed.appid,
        refresh_token: this.tokens.refreshToken(s.seed.appid) || this.tokens.grantRefreshToken(s.seed.appid),
        auth_time: s.authTime,
      })),
    };
  }

  /** POST /cgi-bin/component/api_get_authorizer_info: an authorized account's details and the sets it grants. */
  authorizerInfo(appid: unknown): Record<string, unknown> | undefined {
    const state = typeof appid === 'string' ? this.states.get(appid) : undefined;
    if (!state?.authorized) return undefined;
    const seed = state.seed;
    const digest = createHash('sha256').update(seed.appid).digest('hex');
    return {
      authorizer_info: {
        nick_name: seed.nickname,
        head_img: `http://wx.qlogo.cn/mmopen/${digest.slice(0, 40)}/0`,
        service_type_info: { id: 0 },
        verify_type_info: { id: 0 },
        user_name: `gh_${digest.slice(40, 52)}`,
        alias: '',
        qrcode_url: `http://mmbiz.qpic.cn/mmbiz_jpg/${digest.slice(0, 24)}/0`,
        business_info: { open_pay: 0, open_shake: 0, open_scan: 0, open_card: 0, open_store: 0 },
        principal_name: seed.principalName ?? '演示科技有限公司',
        signature: `${seed.nickname}的介绍`,
        MiniProgramInfo: { network: { RequestDomain: [], WsRequestDomain: [], UploadDomain: [], DownloadDomain: [] }, categories: [], visit_status: 0 },
      },
      authorization_info: {
        authorizer_appid: seed.appid,
        authorizer_refresh_token: this.tokens.refreshToken(seed.appid) || this.tokens.grantRefreshToken(seed.appid),
        func_info: state.funcIds.map((id) => ({ funcscope_category: { id } })),
      },
    };
  }

  /** WeChat renews an account's refresh token on its side: the one a platform holds answers 61023 from now on. */
  invalidateRefreshToken(appid: string): string {
    if (!this.states.get(appid)?.authorized) throw new Error(`openPlatform.invalidateRefreshToken: ${appid} is not authorized`);
    return this.tokens.grantRefreshToken(appid);
  }

  /** POST /cgi-bin/component/api_start_push_ticket: a ticket is pushed again, just after the answer. */
  restartTicketPush(): void {
    this.ticketPushRestarts += 1;
    this.inBackground(() => this.pushTicket());
  }

  /** Resolves once every push the platform started on its own has been delivered. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** POST /cgi-bin/component/api_query_auth: a code is good once, for an hour. */
  queryAuth(code: unknown): { appid: string; funcIds: number[] } | { errcode: number } {
    const entry = typeof code === 'string' ? this.codes.get(code) : undefined;
    if (!entry || entry.used || this.clock.now() >= entry.expiresAt) return { errcode: 61010 };
    const state = this.states.get(entry.appid);
    if (!state?.authorized) return { errcode: 61010 };
    entry.used = true;
    return { appid: entry.appid, funcIds: [...state.funcIds] };
  }

  /** A user scans the authorization page and consents; the authorized (or updateauthorized) push follows (`push: false`: it is lost). */
  async authorize(appid: string, options: { funcIds?: number[]; push?: boolean } = {}): Promise<PushDelivery> {
    if (!this.states.has(appid)) throw new Error(`openPlatform.authorize: ${appid} is not a seeded authorizer`);
    const preAuthCode = this.createPreAuthCode().value;
    const { fields } = this.grant(appid, preAuthCode, options.funcIds);
    return options.push === false ? this.undelivered(fields, appid) : this.push(appid, fields);
  }

  /** The account cancels the authorization in its admin console; the unauthorized push follows (`push: false`: it is lost). */
  async revoke(appid: string, options: { push?: boolean } = {}): Promise<PushDelivery> {
    const state = this.states.get(appid);
    if (!state) throw new Error(`openPlatform.revoke: ${appid} is not a seeded authorizer`);
    state.authorized = false;
    this.tokens.revokeAuthorizer(appid);
    const fields = { AppId: this.settings.componentAppid, CreateTime: this.clock.now(), InfoType: 'unauthorized', AuthorizerAppid: appid };
    return options.push === false ? this.undelivered(fields, appid) : this.push(appid, fields);
  }

  /** Every 10 minutes on the real platform: a new component_verify_ticket, pushed. */
  async pushTicket(): Promise<PushDelivery> {
    const ticket = this.tokens.pushTicket();
    return this.push(undefined, { AppId: this.settings.componentAppid, CreateTime: this.clock.now(), InfoType: 'component_verify_ticket', ComponentVerifyTicket: ticket });
  }

  /** Pushes a ticket now and every `intervalMs` (real time), telling `onDelivery` of each. */
  startSchedule(intervalMs: number, onDelivery: (delivery: PushDelivery) => void = () => undefined): void {
    this.stopSchedule();
    const tick = () => void this.pushTicket().then(onDelivery, () => undefined);
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  stopSchedule(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Encrypts and signs a message as the platform does, without sending it (tests tamper with it). */
  seal(fields: Record<string, string | number>, timestamp = String(Math.floor(this.clock.momentMs() / 1000)), nonce = String(randomBytes(4).readUInt32BE(0))): SealedPush {
    const encrypt = encryptForPush(this.settings.encodingAesKey, this.settings.componentAppid, pushXml(fields));
    const signature = signPush(this.settings.token, timestamp, nonce, encrypt);
    return {
      query: { signature: signPush(this.settings.token, timestamp, nonce, ''), timestamp, nonce, encrypt_type: 'aes', msg_signature: signature },
      body: pushXml({ AppId: this.settings.componentAppid, Encrypt: encrypt }),
    };
  }

  /** Any message, sealed and sent (e.g. an InfoType the receiver does not know). */
  async push(authorizerAppid: string | undefined, fields: Record<string, string | number>): Promise<PushDelivery> {
    return this.send(this.seal(fields), String(fields.InfoType ?? ''), authorizerAppid);
  }

  /** Sends exactly what was sent before: WeChat's redelivery when it did not get `success`. */
  async redeliver(delivery: PushDelivery): Promise<PushDelivery> {
    return this.send({ query: delivery.query, body: delivery.body }, delivery.infoType, delivery.authorizerAppid);
  }

  /** POSTs a sealed (or hand-made) push to the target URL. */
  async send(sealed: SealedPush, infoType = '', authorizerAppid?: string, method = 'POST'): Promise<PushDelivery> {
    const url = this.target;
    const base = { at: this.clock.nowMs(), infoType, ...(authorizerAppid ? { authorizerAppid } : {}), url: url ?? '', query: sealed.query, body: sealed.body };
    if (!url) {
      const delivery = { ...base, status: 0, answer: 'no push target set' };
      this.deliveries.push(delivery);
      return delivery;
    }
    const target = new URL(url);
    for (const [name, value] of Object.entries(sealed.query)) target.searchParams.set(name, value);
    const { status, answer } = await post(target, sealed.body, method);
    const delivery = { ...base, status, answer };
    this.deliveries.push(delivery);
    return delivery;
  }
}

function post(url: URL, body: string, method: string): Promise<{ status: number; answer: string }> {
  return new Promise((resolve) => {
    const payload = Buffer.from(body, 'utf8');
    const request = http.request(
      url,
      { method, headers: method === 'GET' ? {} : { 'content-type': 'text/xml', 'content-length': payload.length }, timeout: 5000, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, answer: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', () => resolve({ status: 0, answer: 'answer cut short' }));
      },
    );
    request.on('timeout', () => request.destroy(new Error('no answer within 5 s')));
    request.on('error', (error) => resolve({ status: 0, answer: error.message }));
    request.end(method === 'GET' ? undefined : payload);
  });
}
