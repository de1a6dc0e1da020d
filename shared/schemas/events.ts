import * as z from 'zod/mini';
import { APPID_PATTERN } from './appid';
import { lazySchema } from './lazySchema';

/**
 * Keys the platform adds to an event on its own: `wx.cloud.callFunction` puts
 * `userInfo: { appId, openId }` there; `tcbContext` comes with some trigger kinds; a timer
 * trigger delivers `{ Type: "Timer", TriggerName, Time, Message }`. They are accepted and
 * ignored (a timer run lists the first page with the defaults); the caller is read from the
 * context, never from the event.
 */
export const platformKeys = {
  userInfo: z.optional(z.unknown()),
  tcbContext: z.optional(z.unknown()),
  Type: z.optional(z.string()),
  TriggerName: z.optional(z.string()),
  Time: z.optional(z.string()),
  Message: z.optional(z.string()),
};

/**
 * The account a third-party platform acts for (docs/third-party.md, "Acting for an account"): an
 * appid, `wx` + 16 lowercase hex digits. Only with the component token provider; AUTHORIZER_APPID
 * when absent.
 */
const authorizerAppid = () =>
  z.optional(z.string().check(z.regex(APPID_PATTERN, 'an appid: "wx" followed by 16 lowercase hex digits, e.g. "wx9b8a7c6d5e4f3a2b"')));

/**
 * `all: true` lists every page (pages of 1000, a few at once) and answers the whole list with
 * counts per status, or the first page and the counts when the whole list would exceed the 1 MB
 * result limit; `page`/`start` and `num` are then not used.
 */
const wholeListKey = () => ({ all: z.optional(z.boolean()) });

/**
 * No maximum `num` is documented for dev_apply_list (docs/platform/plugin-manager.md, "Actions");
 * 1000 keeps a page well under the 1 MB function result limit (an applicant is a few hundred
 * bytes).
 */
export const PLUGIN_APPLY_LIST_MAX_NUM = 1000;

/** The dev_apply_list request body (docs/platform/plugin-manager.md, "Actions"), usable verbatim as the event; `action` optional. */
export const pluginApplyListEventSchema = lazySchema(() =>
  z.strictObject({
    action: z.optional(z.literal('dev_apply_list')),
    page: z._default(z.int().check(z.minimum(1)), 1),
    num: z._default(z.int().check(z.minimum(1), z.maximum(PLUGIN_APPLY_LIST_MAX_NUM)), 10),
    authorizerAppid: authorizerAppid(),
    ...wholeListKey(),
    ...platformKeys,
  }),
);

export type PluginApplyListEvent = z.output<typeof pluginApplyListEventSchema>;

/** get_own_list's query (docs/platform/half-screen.md, "The endpoints"): `start` >= 0 (default 0), `num` 1..1000 (default 10). */
export const OWN_LIST_MAX_NUM = 1000;

export const ownListEventSchema = lazySchema(() =>
  z.strictObject({
    start: z._default(z.int().check(z.minimum(0)), 0),
    num: z._default(z.int().check(z.minimum(1), z.maximum(OWN_LIST_MAX_NUM)), 10),
    authorizerAppid: authorizerAppid(),
    ...wholeListKey(),
    ...platformKeys,
  }),
);

export type OwnListEvent = z.output<typeof ownListEventSchema>;

/** listAuthorizers pages through the registry in appid order: `offset` (default 0), `limit` 1..1000 (default 1000). */
export const LIST_AUTHORIZERS_MAX_LIMIT = 1000;
export const listAuthorizersEventSchema = lazySchema(() =>
  z.strictObject({
    offset: z._default(z.int().check(z.minimum(0)), 0),
    limit: z._default(z.int().check(z.minimum(1), z.maximum(LIST_AUTHORIZERS_MAX_LIMIT)), LIST_AUTHORIZERS_MAX_LIMIT),
    ...platformKeys,
  }),
);

export type ListAuthorizersEvent = z.output<typeof listAuthorizersEventSchema>;

/**
 * syncLists takes no parameters: a timer delivers `{Type: "Timer", ...}` (platformKeys), an
 * admin calls it with `{}`.
 */
export const syncListsEventSchema = lazySchema(() => z.strictObject({ ...platformKeys }));

export type SyncListsEvent = z.output<typeof syncListsEventSchema>;
