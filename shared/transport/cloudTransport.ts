import { createError, LOCAL, toWxError, UPSTREAM } from '../errors';
import { getCloud, type CloudSdk } from '../cloud/sdk';
import { DEFAULT_ATTEMPT_TIMEOUT_MS, raceAttempt, startAttemptTimer } from './attemptTimer';
import type { Transport } from './types';
import { MAX_NESTING } from '../core/nesting';
import { refuseDeepNesting } from './refuseDeepNesting';

type OpenApiMethod = (data: Record<string, unknown>) => Promise<unknown>;

export interface CloudTransportOptions {
  attemptTimeoutMs?: number;
  sdk?: () => CloudSdk;
}

/**
 * The cloud path: `cloud.openapi.<ns>.<method>(params)` in the unmodified wx-server-sdk
 * (docs/platform/cloud-wire.md, "`cloud.openapi`: a generic proxy"). The SDK answers camelCase with
 * `errCode: 0` and throws CloudSDKError for every failure; both are passed on raw, the first to
 * the normalizer, the second to the error factory.
 */
export function createCloudTransport(options: CloudTransportOptions = {}): Transport {
  const attemptTimeoutMs = options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
  const sdk = options.sdk ?? getCloud;
  return {
    via: 'cloud',
    upstream: 'the cloud open API (wx-server-sdk)',
    async send(request, deadline) {
      const apiName = request.api.cloudApi;
      const context = { apiName, functionName: request.api.name };
      if (!apiName) throw createError(LOCAL.INTERNAL, { ...context, detail: `${request.api.name} has no cloud path.` });
      const [namespace, method] = apiName.split('.') as [string, string];
      const group = (sdk().openapi as Record<string, Record<string, OpenApiMethod>>)[namespace];
      if (typeof group?.[method] !== 'function') throw createError(UPSTREAM.OPENAPI_NOT_FOUND, context);

      const timer = startAttemptTimer(deadline, attemptTimeoutMs);
      let body: unknown;
      try {
        body = await raceAttempt(group[method]({ ...request.params }), timer, context);
      } catch (thrown) {
        // The SDK parses the answer recursively (json-bigint): one nested thousands of levels deep
        // overflows its stack. That is the answer's fault, named as such, not an INTERNAL bug.
        if (isStackOverflow(thrown)) {
          throw createError(LOCAL.UPSTREAM_INVALID_BODY, { ...context, detail: `The answer of ${apiName} is nested too deeply for wx-server-sdk to read (more than ${MAX_NESTING} levels is never WeChat's).` });
        }
        throw toWxError(thrown, context);
      }
      refuseDeepNesting(body, apiName, context);
      return body;
    },
  };
}

function isStackOverflow(thrown: unknown): boolean {
  const message = (thrown as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message.includes('Maximum call stack size exceeded');
}
