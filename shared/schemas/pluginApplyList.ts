import { defineListNormalizer } from '../normalize/defineListNormalizer';
import { PLUGIN_APPLY_STATUS, type PluginApplyStatusLabel } from '../normalize/labels';
import { integerLike, list, looseObject, optional, string, type Output } from '../validation/shape';
import { optionalInteger, optionalString } from './optionalFields';

/**
 * One plugin applicant (`apply_list` / `applyList`: docs/platform/plugin-manager.md, "What the list
 * answers"), in canonical camelCase. Unknown fields pass through (looseObject), camelCased by
 * canonicalJson.
 */
const pluginCategorySchema = looseObject({ first: optionalString(), second: optionalString() });

export const pluginApplicantSchema = looseObject({
  appid: string(),
  status: integerLike(),
  nickname: optionalString(),
  headimgurl: optionalString(),
  reason: optionalString(),
  applyUrl: optionalString(),
  /** Unix seconds; a string on the wire (002), a number here. */
  createTime: optionalInteger(),
  categories: optional(list(pluginCategorySchema)),
});

export type PluginApplicant = Output<typeof pluginApplicantSchema> & { statusLabel: PluginApplyStatusLabel };
export type PluginCategory = Output<typeof pluginCategorySchema>;

// The normalizer adds `statusLabel` beside `status` (labels below); the cast says so to the type.
export const normalizePluginApplyList = defineListNormalizer({
  listKey: 'applyList',
  item: pluginApplicantSchema,
  labels: { status: PLUGIN_APPLY_STATUS },
  top: {},
}) as unknown as (rawBody: unknown) => { items: PluginApplicant[]; extra: Record<string, unknown> };
