import { boolean, int, literal, optional, string, strictObject, unknown, withDefault, type Output } from '../validation/shape';
import { APPID_PATTERN } from './appid';

/**
 * Keys the platform adds to an event on its own: `wx.cloud.callFunction` puts
 * `userInfo: { appId, openId }` there; `tcbContext` comes with some trigger kinds; a timer
 * trigger delivers `{ Type: "Timer", TriggerName, Time, Message }`. They are accepted and
 * ignored (a timer run lists the first page with the defaults); the caller is read from the
 * context, never from the event.
 */
export const platformKeys = {
  userInfo: optional(unknown()),
  tcbContext: optional(unknown()),
  Type: optional(string()),
  TriggerName: optional(string()),
  Time: optional(string()),
  Message: optional(string()),
};

/**
 * The account a third-party platform acts for (docs/third-party.md, "Acting for an account"): an
 * appid, `wx` + 16 lowercase hex digits. Only with the component token provider; AUTHORIZER_APPID
 * when absent.
 */
const authorizerAppid = () =>
  optional(string({ regex: APPID_PATTERN, message: 'an appid: "wx" followed by 16 lowercase hex digits, e.g. "wx9b8a7c6d5e4f3a2b"' }));

/**
 * `all: true` lists every page (pages of 1000, a few at once) and answers the whole list with
 * counts per status, or the first page and the counts when the whole list would exceed the 1 MB
 * result limit; `page`/`start` and `num` are then not used.
 */
const wholeListKey = () => ({ all: optional(boolean()) });

/**
 * No maximum `num` is documented for dev_apply_list (docs/platform/plugin-manager.md, "Actions");
 * 1000 keeps a page well under the 1 MB function result limit (an applicant is a few hundred
 * bytes).
 */
export const PLUGIN_APPLY_LIST_MAX_NUM = 1000;

/** The dev_apply_list request body (docs/platform/plugin-manager.md, "Actions"), usable verbatim as the event; `action` optional. */
export const pluginApplyListEventSchema = strictObject({
  action: optional(literal('dev_apply_list')),
  page: withDefault(int({ min: 1 }), 1),
  num: withDefault(int({ min: 1, max: PLUGIN_APPLY_LIST_MAX_NUM }), 10),
  authorizerAppid: authorizerAppid(),
  ...wholeListKey(),
  ...platformKeys,
});


export type PluginApplyListEvent = Output<typeof pluginApplyListEventSchema>;

/** get_own_list's query (docs/platform/half-screen.md, "The endpoints"): `start` >= 0 (default 0), `num` 1..1000 (default 10). */
export const OWN_LIST_MAX_NUM = 1000;

export const ownListEventSchema = strictObject({
  start: withDefault(int({ min: 0 }), 0),
  num: withDefault(int({ min: 1, max: OWN_LIST_MAX_NUM }), 10),
  authorizerAppid: authorizerAppid(),
  ...wholeListKey(),
  ...platformKeys,
});

export type OwnListEvent = Output<typeof ownListEventSchema>;

/** listAuthorizers pages through the registry in appid order: `offset` (default 0), `limit` 1..1000 (default 1000). */
export const LIST_AUTHORIZERS_MAX_LIMIT = 1000;
export const listAuthorizersEventSchema = strictObject({
  offset: withDefault(int({ min: 0 }), 0),
  limit: withDefault(int({ min: 1, max: LIST_AUTHORIZERS_MAX_LIMIT }), LIST_AUTHORIZERS_MAX_LIMIT),
  ...platformKeys,
});

export type ListAuthorizersEvent = Output<typeof listAuthorizersEventSchema>;

/**
 * syncLists takes no parameters: a timer delivers `{Type: "Timer", ...}` (platformKeys), an
 * admin calls it with `{}`.
 */
export const syncListsEventSchema = strictObject({ ...platformKeys });

export type SyncListsEvent = Output<typeof syncListsEventSchema>;
