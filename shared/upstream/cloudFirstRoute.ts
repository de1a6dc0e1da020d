import type { FuncSetId } from '../authorizers/funcSets';
import type { Deadline } from '../core/deadline';
import type { Invocation } from '../core/invocation';
import { createError, toWxError } from '../errors';
import { createCloudTransport } from '../transport/cloudTransport';
import type { ApiDescriptor, Transport } from '../transport/types';
import { CLOUD_UNAVAILABLE_HERE, explainNoFallback } from './cloudFallback';
import { httpsTransportFor } from './httpsTransportFor';

/** What the envelope says when the cloud path was refused and HTTPS answered instead. */
export interface Fallback {
  from: number;
  reason: string;
  tokenProvider: string;
}

/** A refusal a call reports in its result instead of throwing (a write's `failed` outcome). */
export interface ReportedRefusal {
  code: number;
  reason: string;
  upstreamMessage?: string;
}

/** One cloud transport per warm instance: the SDK behind it is initialized once (shared/cloud/sdk.ts). */
let sharedCloud: Transport | undefined;

/**
 * The one "cloud path first, HTTPS when refused" route of an API that has both. The first call of
 * an invocation settles the route: the cloud path when it answers; HTTPS (the environment's own
 * account, with the permission set the API needs) when the platform refuses cloud calls from
 * this caller (cloudFallback.ts: console runs, timers, local debugging). The platform refuses
 * such a call before it reaches WeChat, so even a write refused this way was not applied and may
 * be sent again over HTTPS. Concurrent calls wait for the first to settle it; every later call
 * goes straight to the settled transport (one decision per invocation, not one per call).
 */
export function cloudFirstRoute(invocation: Invocation, api: ApiDescriptor, funcSet: FuncSetId) {
  let chosen: Transport | undefined;
  let fallback: Fallback | undefined;
  let deciding: Promise<unknown> | undefined;

  async function fallBack(refusal: ReportedRefusal, deadline: Deadline): Promise<Transport> {
    const https = await httpsTransportFor(invocation.env, {}, funcSet, deadline);
    if (!https) throw explainNoFallback(createError(refusal.code, { upstreamMessage: refusal.upstreamMessage }), api);
    invocation.log.info('fallback', { from: refusal.code, to: 'https', tokenProvider: https.provider });
    fallback = { from: refusal.code, reason: refusal.reason, tokenProvider: https.provider };
    return (chosen = https.transport);
  }

  async function settle<T>(call: (transport: Transport) => Promise<T>, deadline: Deadline, refusalIn: (result: T) => ReportedRefusal | undefined): Promise<T> {
    const cloud = (sharedCloud ??= createCloudTransport());
    let result: T;
    try {
      result = await call(cloud);
    } catch (thrown) {
      const error = toWxError(thrown, { functionName: api.name, apiName: api.cloudApi });
      if (!CLOUD_UNAVAILABLE_HERE.has(error.code)) throw error;
      return call(await fallBack({ code: error.code, reason: error.entry.en, upstreamMessage: error.body.upstreamMessage }, deadline));
    }
    const refused = refusalIn(result);
    if (refused && CLOUD_UNAVAILABLE_HERE.has(refused.code)) return call(await fallBack(refused, deadline));
    chosen = cloud;
    return result;
  }

  return {
    /**
     * Makes `call` on the settled transport, settling it first when no call has yet. `refusalIn`
     * reads a refusal out of a result that reports failures instead of throwing them.
     */
    async use<T>(call: (transport: Transport) => Promise<T>, deadline: Deadline, refusalIn: (result: T) => ReportedRefusal | undefined = () => undefined): Promise<T> {
      if (!chosen && deciding) await deciding.catch(() => undefined);
      if (chosen) return call(chosen);
      const attempt = settle(call, deadline, refusalIn);
      deciding = attempt;
      return attempt;
    },
    /** The transport the route settled on, once a call settled it. */
    transport: (): Transport | undefined => chosen,
    /** Set once the cloud path proved unavailable here and HTTPS answered instead. */
    fallback: (): Fallback | undefined => fallback,
  };
}
