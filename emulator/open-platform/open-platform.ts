import { randomBytes } from 'node:crypto';
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
}

const AUTH_CODE_SECONDS = 3600;
const PRE_AUTH_CODE_SECONDS = 1800;

const opaque = (prefix: string, bytes: number) => `${prefix}${randomBytes(bytes).toString('base64url')}`;

/**
 * The open platform around a third-party component: who authorized it with which permission
 * sets, the pre-auth and authorization codes of the authorization flow, and the encrypted
 * pushes it sends to the component's authorization event URL (platform-notes.md, "Pushes to a
 * third-party platform"). The default authorizer starts authorized (its refresh token is the
 * one in accounts.authorizer); the others authorize when asked.
 */
export class OpenPlatform {
  private states = new Map<string, AuthorizerState>();
  private codes = new Map<string, { appid: string; expiresAt: number; used: boolean }>();
  private preAuthCodes = new Map<string, number>();
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
    this.states = new Map(this.seeds.map((seed) => [seed.appid, { seed, authorized: seed.appid === this.defaultAppid, funcIds: [...seed.funcIds] }]));
    this.codes.clear();
    this.preAuthCodes.clear();
    this.target = undefined;
    this.deliveries.length = 0;
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
    this.preAuthCodes.set(value, this.clock.now() + PRE_AUTH_CODE_SECONDS);
    return { value, expiresIn: PRE_AUTH_CODE_SECONDS };
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

  /** A user scans the authorization page and consents; the authorized (or updateauthorized) push follows. */
  async authorize(appid: string, options: { funcIds?: number[] } = {}): Promise<PushDelivery> {
    const state = this.states.get(appid);
    if (!state) throw new Error(`openPlatform.authorize: ${appid} is not a seeded authorizer`);
    const preAuthCode = this.createPreAuthCode().value;
    const updated = state.authorized;
    state.authorized = true;
    if (options.funcIds) state.funcIds = [...options.funcIds];
    const code = opaque('queryauthcode@@@', 48);
    const now = this.clock.now();
    this.codes.set(code, { appid, expiresAt: now + AUTH_CODE_SECONDS, used: false });
    return this.push(appid, {
      AppId: this.settings.componentAppid,
      CreateTime: now,
      InfoType: updated ? 'updateauthorized' : 'authorized',
      AuthorizerAppid: appid,
      AuthorizationCode: code,
      AuthorizationCodeExpiredTime: now + AUTH_CODE_SECONDS,
      PreAuthCode: preAuthCode,
    });
  }

  /** The account cancels the authorization in its admin console; the unauthorized push follows. */
  async revoke(appid: string): Promise<PushDelivery> {
    const state = this.states.get(appid);
    if (!state) throw new Error(`openPlatform.revoke: ${appid} is not a seeded authorizer`);
    state.authorized = false;
    this.tokens.revokeAuthorizer(appid);
    return this.push(appid, { AppId: this.settings.componentAppid, CreateTime: this.clock.now(), InfoType: 'unauthorized', AuthorizerAppid: appid });
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
  seal(fields: Record<string, string | number>, timestamp = String(Math.floor(Date.now() / 1000)), nonce = String(randomBytes(4).readUInt32BE(0))): SealedPush {
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
