import type { Emulator, PushDelivery } from '../emulator';

/** One push as the console's push log shows it: what was pushed, where, and what came back. */
export interface PushLogEntry {
  /** Emulated Unix milliseconds. */
  at: number;
  infoType: string;
  authorizerAppid: string | null;
  /** The path it was posted to (the HTTP access path of componentEvents), or '' when none was set. */
  path: string;
  /** HTTP status of the answer; 0 when nothing could be delivered. */
  status: number;
  answer: string;
}

/**
 * The pushes the emulated open platform sent to the authorization event URL, newest first, as
 * the WeChat open platform's own push log would list them. Never the sealed body or its
 * signature: those are the platform's, and the page has no use for them.
 */
export function pushLogView(emulator: Emulator, limit = 30): { deliveries: PushLogEntry[] } {
  return { deliveries: [...emulator.openPlatform.deliveries].reverse().slice(0, limit).map(entryOf) };
}

export function entryOf(delivery: PushDelivery): PushLogEntry {
  return {
    at: delivery.at,
    infoType: delivery.infoType,
    authorizerAppid: delivery.authorizerAppid ?? null,
    path: pathOf(delivery.url),
    status: delivery.status,
    answer: delivery.answer.slice(0, 200),
  };
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/**
 * A freshly signed component_verify_ticket push, sent by the emulated open platform to this local
 * cloud's HTTP access path (`eventUrl`), as the platform does every 10 minutes: what the console's
 * "Send a signed test push" does. The page's own componentEvents example is unsigned and stale, so
 * always refused; this one is accepted.
 */
export async function sendTestPush(emulator: Emulator, eventUrl: string): Promise<PushLogEntry> {
  emulator.openPlatform.setPushTarget(eventUrl);
  return entryOf(await emulator.openPlatform.pushTicket());
}
