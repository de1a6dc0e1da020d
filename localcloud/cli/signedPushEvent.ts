import type { Emulator } from '../../emulator';

/**
 * What the HTTP access service hands componentEvents when the open platform pushes a new
 * component_verify_ticket (docs/platform/pushes.md, "The request"): sealed with
 * the emulator's message settings, timestamped now. `npm run invoke -- componentEvents` uses it
 * when no event is given, so the command shows the function storing a real push; the console's
 * example event is unsigned and only ever refused.
 */
export function signedTicketPushEvent(emulator: Emulator, path = '/componentEvents'): Record<string, unknown> {
  const { componentAppid } = emulator.openPlatform.settings;
  const sealed = emulator.openPlatform.seal({
    AppId: componentAppid,
    CreateTime: emulator.clock.now(),
    InfoType: 'component_verify_ticket',
    ComponentVerifyTicket: emulator.tokens.pushVerifyTicket(),
  });
  return { path, httpMethod: 'POST', headers: { 'content-type': 'text/xml' }, queryStringParameters: sealed.query, body: sealed.body, isBase64Encoded: false };
}

/** An HTTP access function's integration response (`{ statusCode, ... }`), as opposed to an envelope. */
export function httpStatusOf(result: unknown): number | undefined {
  const status = result !== null && typeof result === 'object' ? (result as { statusCode?: unknown }).statusCode : undefined;
  return typeof status === 'number' ? status : undefined;
}
