import type { Deadline } from '../core/deadline';

/** One upstream API, described for both transports. */
export interface ApiDescriptor {
  /** Name used in envelopes and logs, e.g. `getPluginDevApplyList`. */
  name: string;
  /** Open API name on the cloud path, e.g. `pluginManager.getPluginDevApplyList`. */
  cloudApi?: string;
  /** The HTTPS endpoint on api.weixin.qq.com. */
  https?: { method: 'GET' | 'POST'; path: string };
}

export interface ApiRequest {
  api: ApiDescriptor;
  /** The API's parameters: the JSON body of a POST, the query of a GET, the data of a cloud call. */
  params: Record<string, string | number>;
  /** Extra query parameters on the HTTPS path (e.g. `component_access_token`). */
  query?: Record<string, string>;
}

/** Per-request state that survives retries: the token may be refreshed once per request, never more. */
export interface AttemptState {
  attempt: number;
  tokenRefreshed: boolean;
}

export type Via = 'cloud' | 'https';

/**
 * One interface, two implementations (cloud: wx-server-sdk's open API proxy; https: fetch to
 * api.weixin.qq.com). `send` makes one attempt and either returns the raw body or throws a
 * WxError decided by the error factory; retries are decided by the sender alone.
 */
export interface Transport {
  readonly via: Via;
  /**
   * The service this transport's attempts reach (the WeChat API, one token endpoint, the token
   * service), as named in messages; each has its own retry budget per invocation
   * (retryBudget.ts). Defaults to `via`.
   */
  readonly upstream?: string;
  send(request: ApiRequest, deadline: Deadline, state: AttemptState): Promise<unknown>;
}

export interface UpstreamReply {
  body: unknown;
  via: Via;
  attempts: number;
}
