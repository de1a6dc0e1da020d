import { randomBytes } from 'node:crypto';
import { DEFAULT_PUSH_SETTINGS, resolveAccounts } from './accounts';
import { EmulatedClock } from './clock';
import { DocumentStore } from './database/store';
import { countCalls, countDatabaseRequests } from './platform/call-log';
import { FaultQueue } from './platform/faults';
import { Evolution } from './platform/evolution';
import { OutboundMessages } from './platform/outbound-messages';
import { DailyQuota } from './platform/quota';
import { TokenAuthority } from './platform/tokens';
import { generateApplicants } from './seed/applicants';
import { generateEmbedded } from './seed/embedded';
import { generateEmbedding } from './seed/embedding';
import { receiveEmbeddingRequest } from './wechat/embedded-actions';
import { seededAuthorizers } from './open-platform/authorizers';
import { OpenPlatform } from './open-platform/open-platform';
import { EmulatorServer } from './server';
import type { PlatformState } from './state';
import type { AccountsConfig, CallRecord, Emulator, EmulatorOptions } from './types';

/**
 * A local model of WeChat CloudBase (the cloud open-API path and the document database, POST
 * /admin) and of api.weixin.qq.com (tokens, get_own_list, devplugin), over the real wire protocols,
 * so the unmodified wx-server-sdk and plain fetch can talk to it. Facts it models are written in
 * docs/platform/ (docs/platform/README.md) and read in the SDK sources.
 */

export type {
  AccountsConfig,
  CallKind,
  EvolutionPace,
  EvolutionStep,
  SubscribeMessageRecord,
  WecomMessage,
  CallRecord,
  DatabaseRequestCounts,
  Emulator,
  EmulatorData,
  EmulatorOptions,
  Fault,
  TimeSource,
  TokenKind,
  Traffic,
} from './types';
export { DEFAULT_ACCOUNTS, DEFAULT_PUSH_SETTINGS } from './accounts';
export { HALF_SCREEN_ONLY, NEITHER, PLUGIN_ONLY, type SeededAuthorizer } from './open-platform/authorizers';
export type { Consent, PushDelivery, SealedPush } from './open-platform/open-platform';
export { CONSENT_PATHS } from './open-platform/consent-page';
export {
  APPLICANT_BIG_INTEGER,
  APPLICANT_BIG_INTEGER_INDEX,
  DOCUMENT_EXAMPLE_APPLICANT,
  applicantUnknownStatus,
  isApplicantWithExtraField,
} from './seed/applicants';
export {
  EMBEDDED_UNKNOWN_STATUS,
  EMBEDDED_UNKNOWN_STATUS_INDEX,
  isEmbeddedStatusString,
  isEmbeddedWithExtraField,
  isEmbeddedWithItemFlag,
} from './seed/embedded';

export const DEFAULT_SEED = 20240601;
export const DEFAULT_ENV_ID = 'emulator-env-7f3a';

type SeededLists = ReturnType<typeof generateLists>;

function generateLists(seed: number, options: EmulatorOptions) {
  const embedded = generateEmbedded(seed, options.embeddedCount ?? 2500);
  return {
    applicants: generateApplicants(seed, options.applicantCount ?? 3000),
    embedded: embedded.records,
    embeddedFlag: embedded.embeddedFlag,
    embedding: generateEmbedding(seed, options.embeddingCount ?? 3),
  };
}

/**
 * The lists as generated, once per seed and sizes in this process, never handed out: generating
 * thousands of records costs tens of times more than copying them, and a test suite resets the
 * emulator before every test.
 */
const pristineLists = new Map<string, SeededLists>();

/**
 * A deep copy of seeded data: plain objects, arrays and primitives (bigint included). Plain
 * loops: every reset copies thousands of records, and Object.entries and map took three times
 * as long.
 */
function copySeeded<T>(value: T): T {
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = copySeeded(value[i]);
    return copy as T;
  }
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = copySeeded((value as Record<string, unknown>)[key]);
    return copy as T;
  }
  return value;
}

/** The seeded lists, fresh (deterministic for a seed) at start and on reset(): the caller may change them freely. */
function seedLists(seed: number, options: EmulatorOptions): SeededLists {
  const key = JSON.stringify([seed, options.applicantCount, options.embeddedCount, options.embeddingCount]);
  let pristine = pristineLists.get(key);
  if (!pristine) {
    pristine = generateLists(seed, options);
    pristineLists.set(key, pristine);
  }
  return copySeeded(pristine);
}

/** Replaces a list's contents in place, so every holder of the array sees the new state. */
function refill<T>(target: T[], source: T[]): void {
  target.length = 0;
  for (const item of source) target.push(item);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const seed = options.seed ?? DEFAULT_SEED;
  const accounts: AccountsConfig = resolveAccounts(options.accounts);
  const clock = new EmulatedClock(options.time);
  const tokens = new TokenAuthority(
    clock,
    {
      ttlSeconds: options.tokenTtlSeconds ?? 7200,
      overlapSeconds: options.overlapSeconds ?? 300,
      rotateRefreshToken: options.rotateRefreshToken ?? true,
    },
    accounts.authorizer.refreshToken,
    accounts.authorizer.appid,
  );
  const quota = new DailyQuota(clock, { ...options.dailyQuota });
  const seeded = seedLists(seed, options);
  const outbound = new OutboundMessages(clock, new Set(options.wecomRobotKeys ?? [`emu-robot-${randomBytes(12).toString('hex')}`]));
  const evolution = new Evolution({ applicants: seeded.applicants, embedded: seeded.embedded, embedding: seeded.embedding }, clock, seed, options.evolution);
  if (options.evolution?.intervalMs) evolution.start();
  const db = new DocumentStore();
  const faults = new FaultQueue();
  const calls: CallRecord[] = [];
  const openPlatform = new OpenPlatform(
    clock,
    tokens,
    { componentAppid: accounts.component.appid, ...DEFAULT_PUSH_SETTINGS, ...options.pushSettings },
    options.authorizers ?? seededAuthorizers(accounts.authorizer.appid),
    accounts.authorizer.appid,
  );

  const state: PlatformState = {
    clock,
    accounts,
    tokens,
    quota,
    applicants: seeded.applicants,
    embedded: seeded.embedded,
    embeddedFlag: seeded.embeddedFlag,
    embedding: seeded.embedding,
    db,
    openPlatform,
    outbound,
  };
  const server = new EmulatorServer({
    state,
    record: (call) => calls.push(call),
    takeFault: (kind, api, collection) => faults.take(kind, api, collection),
  });
  const port = await server.listen(options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  const cloudUrl = `${url}/admin`;
  // What the platform injects as WX_API_TOKEN when a Mini Program calls the function.
  const miniProgramToken = `emu-wxcloudapitoken-${randomBytes(16).toString('hex')}`;
  const openid = `oEmu${randomBytes(12).toString('base64url')}`;

  return {
    url,
    cloudUrl,
    wechatBaseUrl: url,
    sdkEnv(opts = {}) {
      const envId = opts.envId ?? DEFAULT_ENV_ID;
      const token = opts.wxApiToken === undefined ? miniProgramToken : opts.wxApiToken;
      const fromMiniProgram = token !== null;
      // The same keys every time, so Object.assign(process.env, ...) fully switches call source.
      return {
        TCB_CONTEXT_CNFG: JSON.stringify({ URL: cloudUrl }),
        TENCENTCLOUD_SECRETID: 'AKIDEMULATOR0000000000000000000000',
        TENCENTCLOUD_SECRETKEY: 'emulator-dummy-secret-key-00000000',
        // "Inside a cloud function": also stops the SDK probing metadata.tencentyun.com on init.
        TENCENTCLOUD_RUNENV: 'SCF',
        TENCENTCLOUD_REGION: 'ap-shanghai',
        SCF_NAMESPACE: envId,
        TCB_ENV: envId,
        TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID,TCB_SOURCE,TRIGGER_SRC',
        TCB_SOURCE: fromMiniProgram ? 'wx_client' : 'wx_trigger',
        TRIGGER_SRC: fromMiniProgram ? '' : 'timer',
        // @cloudbase/node-sdk reads WX_API_TOKEN only when a *_CONTEXT_KEYS list names it.
        WX_CONTEXT_KEYS: fromMiniProgram ? 'WX_OPENID,WX_APPID,WX_CLIENTIP,WX_API_TOKEN' : 'WX_API_TOKEN',
        WX_OPENID: fromMiniProgram ? openid : '',
        WX_APPID: fromMiniProgram ? accounts.app.appid : '',
        WX_CLIENTIP: fromMiniProgram ? '127.0.0.1' : '',
        WX_API_TOKEN: token ?? '',
        WX_TRIGGER_API_TOKEN_V0: '',
      };
    },
    accounts,
    // Live views of the mutable state: acting on an applicant shows here at once.
    data: {
      applicants: state.applicants,
      embedded: state.embedded,
      get embeddedFlag() {
        return state.embeddedFlag;
      },
      embedding: state.embedding,
    },
    receiveEmbeddingRequest: (appid, reason = '') => ({ ...receiveEmbeddingRequest(state, appid, reason) }),
    calls,
    count: (filter) => countCalls(calls, filter),
    databaseRequests: (since) => countDatabaseRequests(calls, since),
    inject: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    traffic: () => server.traffic(),
    clock: { now: () => clock.now(), advance: (seconds) => clock.advance(seconds) },
    tokens: {
      verifyTicket: () => tokens.verifyTicket(),
      pushVerifyTicket: () => tokens.pushTicket(),
      expire: (token) => tokens.expire(token),
      invalidate: (token) => tokens.invalidate(token),
      issued: (kind) => tokens.issued(kind),
      refreshToken: () => tokens.refreshToken(),
    },
    db: { collection: (name) => db.ensure(name), collections: () => db.names() },
    openPlatform: {
      settings: openPlatform.settings,
      authorizers: () => openPlatform.authorizers(),
      setPushTarget: (url) => openPlatform.setPushTarget(url),
      pushTicket: () => openPlatform.pushTicket(),
      authorize: (appid, opts) => openPlatform.authorize(appid, opts),
      revoke: (appid, opts) => openPlatform.revoke(appid, opts),
      consent: (preAuthCode, redirectUri, appid, opts) => openPlatform.consent(preAuthCode, redirectUri, appid, opts),
      addAuthorizers: (seeds, opts) => openPlatform.addAuthorizers(seeds, opts),
      invalidateRefreshToken: (appid) => openPlatform.invalidateRefreshToken(appid),
      get ticketPushRestarts() {
        return openPlatform.ticketPushRestarts;
      },
      idle: () => openPlatform.idle(),
      push: (fields, authorizerAppid) => openPlatform.push(authorizerAppid, fields),
      seal: (fields, timestamp, nonce) => openPlatform.seal(fields, timestamp, nonce),
      send: (sealed, method) => openPlatform.send(sealed, '', undefined, method),
      redeliver: (delivery) => openPlatform.redeliver(delivery),
      deliveries: openPlatform.deliveries,
      startSchedule: (intervalMs, onDelivery) => openPlatform.startSchedule(intervalMs, onDelivery),
      stopSchedule: () => openPlatform.stopSchedule(),
      refreshToken: (appid) => tokens.refreshToken(appid),
    },
    evolve: {
      step: (count) => evolution.step(count),
      setPace: (pace) => evolution.setPace(pace),
      stop: () => evolution.stop(),
    },
    outbound: {
      wecomWebhookUrl: `${url}/cgi-bin/webhook/send?key=${[...outbound.robotKeys][0] ?? ''}`,
      wecom: outbound.wecom,
      subscribe: outbound.subscribe,
    },
    reset() {
      server.dropHeld();
      evolution.reset();
      outbound.reset();
      calls.length = 0;
      faults.clear();
      clock.reset();
      tokens.reset();
      quota.reset();
      db.clear();
      const fresh = seedLists(seed, options);
      refill(state.applicants, fresh.applicants);
      refill(state.embedded, fresh.embedded);
      refill(state.embedding, fresh.embedding);
      state.embeddedFlag = fresh.embeddedFlag;
      openPlatform.reset();
    },
    close: () => {
      openPlatform.stopSchedule();
      evolution.stop();
      return server.close();
    },
  };
}

