import { Deadline } from '../../../shared/core/deadline';
import { createLogger } from '../../../shared/log/logger';
import type { Invocation } from '../../../shared/core/invocation';
import type { Harness } from './harness';

export const PATHS = {
  preAuthCode: '/cgi-bin/component/api_create_preauthcode',
  queryAuth: '/cgi-bin/component/api_query_auth',
  list: '/cgi-bin/component/api_get_authorizer_list',
  info: '/cgi-bin/component/api_get_authorizer_info',
  startPushTicket: '/cgi-bin/component/api_start_push_ticket',
  authorizerToken: '/cgi-bin/component/api_authorizer_token',
  componentToken: '/cgi-bin/component/api_component_token',
  ownList: '/wxaapi/wxaembedded/get_own_list',
} as const;

/** The parameters of an authorization link create_link answered with. */
export function linkParams(link: string): { preAuthCode: string; redirectUri: string; authType: string | null; bizAppid: string | null; componentAppid: string | null } {
  const url = new URL(link);
  return {
    preAuthCode: url.searchParams.get('pre_auth_code') ?? '',
    redirectUri: url.searchParams.get('redirect_uri') ?? '',
    authType: url.searchParams.get('auth_type'),
    bizAppid: url.searchParams.get('biz_appid'),
    componentAppid: url.searchParams.get('component_appid'),
  };
}

/** The registry record of an account, as componentEvents and reconcile store it. */
export function registryRecord(h: Harness, appid: string): Record<string, any> | undefined {
  return h.emu.db.collection('wx_authorizers').get(`${h.emu.accounts.component.appid}:${appid}`);
}

/** `count` appids no seed uses: wxf0… counting up. */
export function manyAppids(count: number, prefix = 'f'): string[] {
  return Array.from({ length: count }, (_, i) => `wx${prefix}${i.toString(16).padStart(15, '0')}`);
}

/**
 * A virtual clock for deadline tests: it moves on by `msPerCall` with every request the
 * emulator receives, so "the deadline comes first" happens after the same work however fast
 * the machine is.
 */
export function callClock(h: Harness, msPerCall: number): () => number {
  const start = Date.now();
  const base = h.emu.calls.length;
  return () => start + (h.emu.calls.length - base) * msPerCall;
}

/** What createHandler hands a use case, with a deadline on the given clock (for use cases run directly). */
export function invocationOn(clock: () => number, budgetMs: number, requestId = 'req-virtual'): Invocation {
  return {
    caller: { source: 'console' },
    deadline: new Deadline(clock() + budgetMs, clock),
    requestId,
    env: process.env,
    log: createLogger({ fn: 'componentAdmin', requestId }),
  };
}
