import { z } from 'zod';
import { defineListNormalizer } from '../normalize/defineListNormalizer';
import { integerLike } from '../normalize/integerLike';
import { PLUGIN_APPLY_STATUS, type PluginApplyStatusLabel } from '../normalize/labels';
import { optionalInteger, optionalString, withLabel } from './statusField';

/**
 * One plugin applicant (002_75be91f7a4c61c42.txt, `apply_list` / `applyList`), in canonical
 * camelCase. Unknown fields pass through (looseObject), camelCased by canonicalJson.
 */
export const pluginCategorySchema = z.looseObject({ first: optionalString, second: optionalString });

export const pluginApplicantSchema = z
  .looseObject({
    appid: z.string(),
    status: integerLike,
    nickname: optionalString,
    headimgurl: optionalString,
    reason: optionalString,
    applyUrl: optionalString,
    /** Unix seconds; a string on the wire (002), a number here. */
    createTime: optionalInteger,
    categories: z.array(pluginCategorySchema).optional(),
  })
  .transform((record) => withLabel(record, 'status', PLUGIN_APPLY_STATUS) as typeof record & { statusLabel: PluginApplyStatusLabel });

export type PluginApplicant = z.output<typeof pluginApplicantSchema>;
export type PluginCategory = z.output<typeof pluginCategorySchema>;

export const normalizePluginApplyList = defineListNormalizer({
  listKey: 'applyList',
  item: pluginApplicantSchema,
  top: {},
});
