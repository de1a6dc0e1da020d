import * as z from 'zod/mini';
import { zodFields } from '../validation/shapeSchema';
import { platformKeys } from './events';
import { lazySchema } from './lazySchema';
import { appidSchema } from './writeEvents';

/** A redirect URI WeChat sends the browser back to: http(s), no fragment, at most 1024 characters. */
export const REDIRECT_URI_MAX = 1024;

function isHttpUrl(value: string): boolean {
  if (value.includes('#')) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/**
 * `auth_type` of the authorization link: 1 official accounts, 2 Mini Programs, 3 both
 * (docs/platform/third-party.md). The default is 2: what this package manages (half-screen
 * authorizations, plugin applicants) belongs to Mini Programs, and only they can grant permission
 * sets 18 and 40, so a link that also offered official accounts would invite accounts the
 * platform cannot use.
 */
export const DEFAULT_AUTH_TYPE = 2;

/**
 * componentAdmin's events, one per action (docs/functions/componentAdmin.md). Only create_link
 * takes fields; every bad one is named and nothing is sent.
 */
export const componentAdminEventSchema = lazySchema(() =>
  z.discriminatedUnion('action', [
    z.strictObject({ action: z.literal('status'), ...zodFields(platformKeys) }),
    z.strictObject({
      action: z.literal('create_link'),
      redirectUri: z.string().check(
        z.maxLength(REDIRECT_URI_MAX),
        z.refine(isHttpUrl, { error: 'an http(s) URL on the platform\'s 授权发起页域名, without a fragment, e.g. "https://admin.example.com/componentEvents"' }),
      ),
      authType: z._default(z.literal([1, 2, 3]), DEFAULT_AUTH_TYPE),
      bizAppid: z.optional(appidSchema),
      ...zodFields(platformKeys),
    }),
    z.strictObject({ action: z.literal('reconcile'), ...zodFields(platformKeys) }),
    z.strictObject({ action: z.literal('restart_ticket_push'), ...zodFields(platformKeys) }),
  ]),
);

export type ComponentAdminEvent = z.output<typeof componentAdminEventSchema>;
export type ComponentAdminAction = ComponentAdminEvent['action'];
