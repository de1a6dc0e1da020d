import type { Emulator } from '../emulator';

/** OPENIDs of the demo: 28 characters starting with `o`, like real ones. */
export const DEMO_ADMIN_OPENID = 'oDemoAdmin_0000000000000001a';
export const DEMO_USER_OPENID = 'oDemoUser_00000000000000002b';
/** The developer account WeChat DevTools is logged in with. */
export const DEMO_DEVELOPER_OPENID = 'oDemoDeveloper_000000000003c';

/**
 * The functions' configured environment for the demo (what would be set in the CloudBase
 * console): one admin OPENID, no fixed AUTHORIZER_ACCESS_TOKEN, and the third-party (component)
 * token flow with the emulator's accounts and its current component_verify_ticket, tokens
 * shared through the database (docs/platform/tokens.md, "Quotas: fetch in one place").
 * Read once, like a deployed function's variables; the refresh token is the initial one the
 * authorizer granted: keeping a rotated one is the function's job.
 */
export function demoEnvironment(emulator: Emulator): Record<string, string> {
  const { component, authorizer } = emulator.accounts;
  return {
    ADMIN_OPENIDS: DEMO_ADMIN_OPENID,
    COMPONENT_APPID: component.appid,
    COMPONENT_APPSECRET: component.secret,
    COMPONENT_VERIFY_TICKET: emulator.tokens.verifyTicket(),
    AUTHORIZER_APPID: authorizer.appid,
    AUTHORIZER_REFRESH_TOKEN: authorizer.refreshToken,
    // The open platform's message settings: componentEvents verifies and decrypts the pushes.
    COMPONENT_TOKEN: emulator.openPlatform.settings.token,
    COMPONENT_ENCODING_AES_KEY: emulator.openPlatform.settings.encodingAesKey,
    TOKEN_STORE: 'database',
    // syncLists tells admins: the emulator's WeCom robot captures the messages (nothing reaches
    // WeCom), and subscribe messages go to the demo admin through the emulated cloud path.
    WECOM_WEBHOOK_URL: emulator.outbound.wecomWebhookUrl,
    NOTIFY_TEMPLATE_ID: 'demo-sync-template',
  };
}
