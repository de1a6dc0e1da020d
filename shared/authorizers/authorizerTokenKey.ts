/**
 * The shared token store's key of one authorizer's access token: written by the token lifecycle
 * (authorizerTokens.ts) and dropped by an unauthorized push (pushes/applyPush.ts), so both must
 * name it alike.
 */
export const authorizerTokenKey = (componentAppid: string, authorizerAppid: string): string => `authorizer:${componentAppid}:${authorizerAppid}`;
