import type { Emulator, PushDelivery } from '../emulator';

/**
 * The emulated open platform's opening moves, pushed to componentEvents over the local cloud's
 * HTTP access path: a component_verify_ticket, then an authorization by every seeded account
 * (each with its own permission sets). `say` gets one line per step.
 */
export async function authorizeSeededAccounts(emulator: Emulator, eventUrl: string, say: (line: string) => void = () => undefined): Promise<PushDelivery[]> {
  emulator.openPlatform.setPushTarget(eventUrl);
  const deliveries = [printDelivery(await emulator.openPlatform.pushTicket(), say)];
  for (const authorizer of emulator.openPlatform.authorizers()) {
    say(`  ${authorizer.appid} (${authorizer.nickname}) authorizes permission sets ${authorizer.funcIds.join(', ')}`);
    deliveries.push(printDelivery(await emulator.openPlatform.authorize(authorizer.appid), say));
  }
  return deliveries;
}

export function printDelivery(delivery: PushDelivery, say: (line: string) => void): PushDelivery {
  say(`  push ${delivery.infoType}${delivery.authorizerAppid ? ` ${delivery.authorizerAppid}` : ''} -> ${delivery.status} ${delivery.answer}`);
  return delivery;
}
