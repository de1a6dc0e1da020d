import { createError, LOCAL } from '../../errors';
import { registerSecret } from '../../secrets/redact';
import { schedule } from '../refreshSchedule';
import type { TokenFetcher, TokenStore } from '../types';
import { callTokenEndpoint } from './callTokenEndpoint';
import type { Deadline } from '../../core/deadline';
import { databaseStep } from '../databaseStep';
import { currentClock } from '../../core/clock';

export interface ComponentConfig {
  baseUrl: string;
  attemptTimeoutMs?: number;
  componentAppid: string;
  componentSecret: string;
  /** COMPONENT_VERIFY_TICKET; when absent, the last ticket stored (see `ticketKey`). */
  verifyTicket?: string;
}

/** Where a ticket receiver stores the component_verify_ticket WeChat pushes every 10 minutes. */
export const ticketKey = (componentAppid: string) => `verify_ticket:${componentAppid}`;

/**
 * component_access_token: POST /cgi-bin/component/api_component_token with the
 * component_verify_ticket (docs/platform/tokens.md; 61005 expired, 61006 invalid ticket).
 */
export function createComponentTokenFetcher(config: ComponentConfig, store: TokenStore | undefined, now = () => currentClock().now()): TokenFetcher {
  return {
    async fetch(deadline) {
      const ticket = config.verifyTicket ?? (await storedTicket(config.componentAppid, store, deadline));
      const obtainedAt = now();
      const answer = await callTokenEndpoint(
        {
          baseUrl: config.baseUrl,
          attemptTimeoutMs: config.attemptTimeoutMs,
          path: '/cgi-bin/component/api_component_token',
          body: { component_appid: config.componentAppid, component_appsecret: config.componentSecret, component_verify_ticket: ticket },
          tokenField: 'component_access_token',
        },
        deadline,
      );
      return { token: answer.token, ...schedule(obtainedAt, answer.expiresIn) };
    },
  };
}

async function storedTicket(componentAppid: string, store: TokenStore | undefined, deadline: Deadline): Promise<string> {
  // Without the ticket no token can be fetched: this read may end the call in DATABASE_TIMEOUT.
  const record = store ? await store.read(ticketKey(componentAppid), databaseStep(deadline)) : undefined;
  const ticket = record?.ticket;
  if (typeof ticket !== 'string' || ticket === '') {
    throw createError(LOCAL.TOKEN_NOT_CONFIGURED, {
      detail: `No component_verify_ticket: set COMPONENT_VERIFY_TICKET, or store the pushed ticket as { _id: "${ticketKey(componentAppid)}", ticket } in the token collection.`,
    });
  }
  registerSecret(ticket);
  return ticket;
}
