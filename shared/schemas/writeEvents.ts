import * as z from 'zod/mini';
import { zodFields } from '../validation/shapeSchema';
import { OWN_LIST_MAX_NUM, platformKeys } from './events';
import { lazySchema } from './lazySchema';

import { APPID_PATTERN } from './appid';

export const appidSchema = z.string().check(z.regex(APPID_PATTERN, { error: 'an appid: "wx" followed by 16 lowercase hexadecimal characters' }));

/** One bulk call acts on at most this many accounts (each is one upstream write). */
export const MAX_BULK_APPIDS = 100;

/**
 * No limit on a refusal reason is documented (docs/platform/plugin-manager.md, "Actions"); 200
 * characters keeps it a sentence the applicant reads, not a payload.
 */
export const REFUSE_REASON_MAX = 200;

/** add_embedded's apply_reason: at most 30 characters, else 89412 (docs/platform/half-screen.md, "The endpoints"). */
export const APPLY_REASON_MAX = 30;

/** A bulk-capable action names its targets as `appid` or `appids`, exactly one of them. */
const targets = {
  appid: z.optional(appidSchema),
  appids: z.optional(z.array(appidSchema).check(z.minLength(1), z.maxLength(MAX_BULK_APPIDS))),
};

/**
 * Fields every write takes: `dryRun` validates and reports what would be sent, sending nothing;
 * `authorizerAppid` names the authorized Mini Program a third-party platform acts for (passed
 * to httpsTransportFor; the third-party transport decides what to do with it).
 */
const writeCommon = () => ({
  dryRun: z.optional(z.boolean()),
  authorizerAppid: z.optional(appidSchema),
  ...zodFields(platformKeys),
});

/** The actions that act on accounts named by `appid` or `appids` (one upstream write each). */
export const BULK_ACTIONS: ReadonlySet<string> = new Set(['dev_agree', 'dev_refuse', 'dev_delete', 'del_authorize']);

const exactlyOneTarget = z.superRefine((event: { action: string; appid?: string; appids?: string[] }, ctx) => {
  if (!BULK_ACTIONS.has(event.action)) return;
  if ((event.appid === undefined) === (event.appids === undefined)) {
    ctx.issues.push({ code: 'custom', path: ['appid'], input: event.appid ?? event.appids, message: 'exactly one of "appid" (one account) or "appids" (a list of up to 100)' });
  }
});

/** pluginManager.setDevPluginApplyStatus events (shared/upstream/descriptors.ts says what each action sends). */
export const setDevPluginApplyStatusEventSchema = lazySchema(() =>
  z
    .discriminatedUnion('action', [
      z.strictObject({ action: z.literal('dev_agree'), ...targets, ...writeCommon() }),
      z.strictObject({
        action: z.literal('dev_refuse'),
        reason: z.string().check(z.minLength(1), z.maxLength(REFUSE_REASON_MAX)),
        ...targets,
        ...writeCommon(),
      }),
      z.strictObject({ action: z.literal('dev_delete'), ...targets, ...writeCommon() }),
    ])
    .check(exactlyOneTarget),
);

export type SetDevPluginApplyStatusEvent = z.output<typeof setDevPluginApplyStatusEventSchema>;
export type DevPluginWriteAction = SetDevPluginApplyStatusEvent['action'];

/** The half-screen management calls, the action named as the API is (shared/upstream/descriptors.ts). */
export const manageEmbeddedEventSchema = lazySchema(() =>
  z
    .discriminatedUnion('action', [
      z.strictObject({ action: z.literal('set_authorize'), flag: z.int().check(z.minimum(0), z.maximum(2)), ...writeCommon() }),
      z.strictObject({ action: z.literal('del_authorize'), ...targets, ...writeCommon() }),
      z.strictObject({
        action: z.literal('add_embedded'),
        appid: appidSchema,
        apply_reason: z.optional(z.string().check(z.maxLength(APPLY_REASON_MAX))),
        ...writeCommon(),
      }),
      z.strictObject({ action: z.literal('del_embedded'), appid: appidSchema, ...writeCommon() }),
      z.strictObject({
        action: z.literal('get_list'),
        start: z._default(z.int().check(z.minimum(0)), 0),
        num: z._default(z.int().check(z.minimum(1), z.maximum(OWN_LIST_MAX_NUM)), 10),
        authorizerAppid: z.optional(appidSchema),
        ...zodFields(platformKeys),
      }),
    ])
    .check(exactlyOneTarget),
);

export type ManageEmbeddedEvent = z.output<typeof manageEmbeddedEventSchema>;

/** The accounts a bulk-capable event names, duplicates removed, in the order given. */
export function targetAppids(event: { appid?: string; appids?: string[] }): string[] {
  return [...new Set(event.appids ?? (event.appid === undefined ? [] : [event.appid]))];
}
