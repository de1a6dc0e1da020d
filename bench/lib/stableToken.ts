import type { Emulator } from '../../emulator';

/**
 * An access token of the emulator's Mini Program account, asked for once through stable_token:
 * the fixed token (AUTHORIZER_ACCESS_TOKEN) every benchmark that runs the HTTPS path without a
 * token lookup hands its functions.
 */
export async function stableToken(emu: Emulator): Promise<string> {
  const answer = await fetch(`${emu.wechatBaseUrl}/cgi-bin/stable_token`, {
    method: 'POST',
    body: JSON.stringify({ grant_type: 'client_credential', appid: emu.accounts.app.appid, secret: emu.accounts.app.secret }),
  });
  return ((await answer.json()) as { access_token: string }).access_token;
}
