import type { Deadline } from '../core/deadline';
import { cloudCollection } from '../database/cloudDatabase';
import { registerSecret } from '../secrets/redact';
import { ticketKey } from '../tokens/fetchers/componentTokenFetcher';

/**
 * WeChat pushes a component_verify_ticket every 10 minutes and each is valid 12 hours
 * (docs/platform/tokens.md); three missed pushes are worth an admin's attention, long before the
 * component token can no longer be fetched.
 */
export const TICKET_STALE_AFTER_SECONDS = 30 * 60;

export interface TicketHealth {
  /** Epoch ms: the CreateTime of the last ticket push stored (componentEvents), or null when none was. */
  receivedAt: number | null;
  ageSeconds: number | null;
  /** Older than TICKET_STALE_AFTER_SECONDS: the pushes have stopped arriving. */
  stale: boolean;
}

/** Read from where componentEvents stores it (the token collection); the ticket itself is never returned. */
export async function readTicketHealth(tokenCollection: string, componentAppid: string, now: number, deadline: Deadline): Promise<TicketHealth> {
  const result = await cloudCollection(tokenCollection).run((c) => c.where({ _id: ticketKey(componentAppid) }).field({ createdAt: true }).get(), deadline, 'reading when the ticket arrived');
  const createdAt = (result.data[0] as { createdAt?: unknown } | undefined)?.createdAt;
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt) || createdAt <= 0) return { receivedAt: null, ageSeconds: null, stale: false };
  const ageSeconds = Math.max(0, Math.floor((now - createdAt) / 1000));
  return { receivedAt: createdAt, ageSeconds, stale: ageSeconds > TICKET_STALE_AFTER_SECONDS };
}

/** Whether the shared store holds a usable component token, and until when (never the token). */
export async function readComponentTokenCache(tokenCollection: string, componentAppid: string, now: number, deadline: Deadline): Promise<{ cached: boolean; expiresAt?: number }> {
  const result = await cloudCollection(tokenCollection).run(
    (c) => c.where({ _id: `component:${componentAppid}` }).field({ token: true, expiresAt: true, rejected: true }).get(),
    deadline,
    'reading the cached component token',
  );
  const doc = result.data[0] as { token?: unknown; expiresAt?: unknown; rejected?: unknown } | undefined;
  registerSecret(doc?.token);
  const expiresAt = typeof doc?.expiresAt === 'number' ? doc.expiresAt : 0;
  const cached = typeof doc?.token === 'string' && doc.token !== '' && doc.rejected !== true && expiresAt > now;
  return cached ? { cached, expiresAt } : { cached: false };
}
