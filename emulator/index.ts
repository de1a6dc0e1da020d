import { randomBytes } from 'node:crypto';
import { resolveAccounts } from './accounts';
import { EmulatedClock } from './clock';
import { DocumentStore } from './database/store';
import { countCalls } from './platform/call-log';
import { FaultQueue } from './platform/faults';
import { Evolution } from './platform/evolution';
import { OutboundMessages } from './platform/outbound-messages';
import { DailyQuota } from './platform/quota';
import { TokenAuthority } from './platform/tokens';
import { generateApplicants } from './seed/applicants';
import { generateEmbedded } from './seed/embedded';
import { EmulatorServer } from './server';
import type { PlatformState } from './state';
import type { AccountsConfig, CallRecord, Emulator, EmulatorOptions } from './types';

/**
 * A local model of WeChat CloudBase (the cloud open-API path and the document database,
 * POST /admin) and of api.weixin.qq.com (tokens, get_own_list, devplugin), over the real
 * wire protocols, so the unmodified wx-server-sdk and plain fetch can talk to it.
 * Facts it models come from /work/shared/docs/platform-notes.md and the SDK sources.
 */

export type {
  AccountsConfig,
  CallKind,
  EvolutionPace,
  EvolutionStep,
  SubscribeMessageRecord,
  WecomMessage,
  CallRecord,
  Emulator,
  EmulatorData,
  EmulatorOptions,
  Fault,
  TokenKind,
} from './types';
export { DEFAULT_ACCOUNTS } from './accounts';
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

/** Puts the seeded records back into a live list, in place (the endpoints hold the same array). */
function restore(list: Array<Record<string, unknown>>, seeded: ReadonlyArray<Record<string, unknown>>): void {
  list.splice(0, list.length, ...seeded.map((record) => ({ ...record, ...(Array.isArray(record.categories) ? { categories: record.categories.map((c: object) => ({ ...c })) } : {}) })));
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const seed = options.seed ?? DEFAULT_SEED;
  const accounts: AccountsConfig = resolveAccounts(options.accounts);
  const clock = new EmulatedClock();
  const tokens = new TokenAuthority(
    clock,
    {
      ttlSeconds: options.tokenTtlSeconds ?? 7200,
      overlapSeconds: options.overlapSeconds ?? 300,
      rotateRefreshToken: options.rotateRefreshToken ?? true,
    },
    accounts.authorizer.refreshToken,
  );
  const quota = new DailyQuota(clock, { ...options.dailyQuota });
  const seededApplicants = generateApplicants(seed, options.applicantCount ?? 3000);
  const embedded = generateEmbedded(seed, options.embeddedCount ?? 2500);
  const seededEmbedded = embedded.records.map((record) => ({ ...record }));
  const applicants: Array<Record<string, unknown>> = [];
  restore(applicants, seededApplicants);
  const outbound = new OutboundMessages(clock, new Set(options.wecomRobotKeys ?? [`emu-robot-${randomBytes(12).toString('hex')}`]));
  const evolution = new Evolution({ applicants, embedded: embedded.records }, clock, seed, options.evolution);
  if (options.evolution?.intervalMs) evolution.start();
  const db = new DocumentStore();
  const faults = new FaultQueue();
  const calls: CallRecord[] = [];

  const state: PlatformState = {
    clock,
    accounts,
    tokens,
    quota,
    applicants,
    embedded: embedded.records,
    embeddedFlag: embedded.embeddedFlag,
    db,
    outbound,
  };
  const server = new EmulatorServer({
    state,
    record: (call) => calls.push(call),
    takeFault: (kind, api) => faults.take(kind, api),
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
    data: { applicants, embedded: embedded.records, embeddedFlag: embedded.embeddedFlag },
    calls,
    count: (filter) => countCalls(calls, filter),
    inject: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
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
      evolution.reset();
      outbound.reset();
      restore(applicants, seededApplicants);
      restore(embedded.records, seededEmbedded);
      calls.length = 0;
      faults.clear();
      clock.reset();
      tokens.reset();
      quota.reset();
      db.clear();
    },
    close: () => {
      evolution.stop();
      return server.close();
    },
  };
}

