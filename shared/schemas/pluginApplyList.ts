import * as z from 'zod/mini';
import { defineListNormalizer } from '../normalize/defineListNormalizer';
import { integerLike } from '../normalize/integerLike';
import { PLUGIN_APPLY_STATUS, type PluginApplyStatusLabel } from '../normalize/labels';
import { lazySchema } from './lazySchema';
import { optionalInteger, optionalString } from './optionalFields';

/**
 * One plugin applicant (`apply_list` / `applyList`: docs/platform/plugin-manager.md, "What the list
 * answers"), in canonical camelCase. Unknown fields pass through (looseObject), camelCased by
 * canonicalJson.
 */
/** Built inside the applicant schema's builder (see optionalFields.ts for why not a Proxy). */
const pluginCategorySchema = () => z.looseObject({ first: optionalString(), second: optionalString() });

export const pluginApplicantSchema = lazySchema(() =>
  z.looseObject({
    appid: z.string(),
    status: integerLike,
    nickname: optionalString(),
    headimgurl: optionalString(),
    reason: optionalString(),
    applyUrl: optionalString(),
    /** Unix seconds; a string on the wire (002), a number here. */
    createTime: optionalInteger(),
    categories: z.optional(z.array(pluginCategorySchema())),
  }),
);

export type PluginApplicant = z.output<typeof pluginApplicantSchema> & { statusLabel: PluginApplyStatusLabel };
export type PluginCategory = z.output<ReturnType<typeof pluginCategorySchema>>;

// The normalizer adds `statusLabel` beside `status` (labels below); the cast says so to the type.
export const normalizePluginApplyList = defineListNormalizer({
  listKey: 'applyList',
  item: pluginApplicantSchema,
  labels: { status: PLUGIN_APPLY_STATUS },
  top: {},
}) as unknown as (rawBody: unknown) => { items: PluginApplicant[]; extra: Record<string, unknown> };
