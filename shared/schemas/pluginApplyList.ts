import * as z from 'zod/mini';
import { defineListNormalizer } from '../normalize/defineListNormalizer';
import { integerLike } from '../normalize/integerLike';
import { PLUGIN_APPLY_STATUS, type PluginApplyStatusLabel } from '../normalize/labels';
import { optionalInteger, optionalString, withLabel } from './statusField';

/**
 * One plugin applicant (002_75be91f7a4c61c42.txt, `apply_list` / `applyList`), in canonical
 * camelCase. Unknown fields pass through (looseObject), camelCased by canonicalJson.
 */
export const pluginCategorySchema = z.looseObject({ first: optionalString, second: optionalString });

export const pluginApplicantSchema = z.pipe(
  z.looseObject({
    appid: z.string(),
    status: integerLike,
    nickname: optionalString,
    headimgurl: optionalString,
    reason: optionalString,
    applyUrl: optionalString,
    /** Unix seconds; a string on the wire (002), a number here. */
    createTime: optionalInteger,
    categories: z.optional(z.array(pluginCategorySchema)),
  }),
  z.transform(<R extends Record<string, unknown>>(record: R) => withLabel(record, 'status', PLUGIN_APPLY_STATUS) as R & { statusLabel: PluginApplyStatusLabel }),
);

export type PluginApplicant = z.output<typeof pluginApplicantSchema>;
export type PluginCategory = z.output<typeof pluginCategorySchema>;

export const normalizePluginApplyList = defineListNormalizer({
  listKey: 'applyList',
  item: pluginApplicantSchema,
  top: {},
});
