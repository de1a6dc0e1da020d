import { createError, LOCAL } from '../errors';
import type { Invocation } from '../core/invocation';
import { normalizeEmbeddedList } from '../schemas/embeddedList';
import { sendRequest } from '../transport/sendRequest';
import type { ApiDescriptor, Transport } from '../transport/types';
import { GET_OWN_LIST } from './descriptors';
import { httpsTransportFromEnv } from './httpsTransportFromEnv';
import { logRetry } from './logRetry';

export type EmbeddedListPage = ReturnType<typeof normalizeEmbeddedList>;

/**
 * Pages of get_own_list (docs/platform/half-screen.md, "The endpoints") through one HTTPS
 * transport: `start` is an offset, so page k of `num` starts at k * num. get_list (the Mini
 * Programs this account applied to embed, EMBEDDED_GET_LIST) pages and answers the same way: pass
 * its descriptor as `api`.
 */
export function createEmbeddedListSource(invocation: Invocation, configured?: { transport: Transport; provider: string }, api: ApiDescriptor = GET_OWN_LIST) {
  const https = configured ?? httpsTransportFromEnv(invocation.env);
  if (!https) throw createError(LOCAL.TOKEN_NOT_CONFIGURED, { functionName: api.name });
  return {
    provider: https.provider,
    async fetchRange(start: number, num: number): Promise<EmbeddedListPage> {
      const reply = await sendRequest(https.transport, { api, params: { start, num } }, invocation.deadline, {
        onRetry: logRetry(invocation.log),
      });
      return normalizeEmbeddedList(reply.body);
    },
  };
}
