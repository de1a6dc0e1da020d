import type { AccountsConfig } from './types';

/**
 * Demo credentials the emulated platform accepts unless a test passes its own.
 * Shapes follow the real ones: appids are `wx` + 16 hex, secrets 32 hex,
 * refresh tokens start with `refreshtoken@@@`.
 */
export const DEFAULT_ACCOUNTS: Readonly<AccountsConfig> = Object.freeze({
  app: Object.freeze({ appid: 'wx7e1ab2c3d4e5f601', secret: 'e7a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5' }),
  component: Object.freeze({ appid: 'wx3c0e9f5a1b2d4c6e', secret: '3c0e9f5a1b2d4c6e8a0b1c2d3e4f5a6b' }),
  authorizer: Object.freeze({ appid: 'wx9b8a7c6d5e4f3a2b', refreshToken: 'refreshtoken@@@EMU_initial_9b8a7c6d5e4f3a2b' }),
});

export function resolveAccounts(partial: Partial<AccountsConfig> | undefined): AccountsConfig {
  return {
    app: { ...DEFAULT_ACCOUNTS.app, ...partial?.app },
    component: { ...DEFAULT_ACCOUNTS.component, ...partial?.component },
    authorizer: { ...DEFAULT_ACCOUNTS.authorizer, ...partial?.authorizer },
  };
}

/**
 * The component's message settings on the open platform (消息校验 Token: 3-32 letters and
 * digits; 消息加解密 Key: 43 letters and digits), used to sign and encrypt its pushes.
 */
export const DEFAULT_PUSH_SETTINGS = Object.freeze({
  token: 'EmuPushToken7f3a',
  encodingAesKey: 'EmuKeyAbCdEfGhIjKlMnOpQrStUvWxYz0123456789a',
});
