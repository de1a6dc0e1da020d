import { defineListNormalizer } from '../normalize/defineListNormalizer';
import { EMBEDDED_FLAG, EMBEDDED_STATUS, type EmbeddedFlagLabel, type EmbeddedStatusLabel } from '../normalize/labels';
import { integerLike, looseObject, string, type Output } from '../validation/shape';
import { optionalInteger, optionalString } from './optionalFields';

/**
 * One half-screen authorization (`wxa_embedded_list`: docs/platform/half-screen.md, "What
 * `get_own_list` (and `get_list`) answer"), canonical camelCase. `status` is a string in the public
 * page's table and a number in related samples; both become a number. `embedded_flag` appears per
 * item in the table: kept, with its label, when an item carries it.
 */
export const embeddedAuthorizationSchema = looseObject({
  appid: string(),
  status: integerLike(),
  nickname: optionalString(),
  headimg: optionalString(),
  reason: optionalString(),
  /** Unix seconds. */
  createTime: optionalInteger(),
  /** How this authorization was decided: 0 admin confirmed, 1 automatic pass, 2 automatic reject. */
  embeddedFlag: optionalInteger(),
});

export type EmbeddedAuthorization = Output<typeof embeddedAuthorizationSchema> & {
  statusLabel: EmbeddedStatusLabel;
  embeddedFlagLabel?: EmbeddedFlagLabel;
};

/**
 * The list answer. The document's sample carries `embedded_flag` at the top level: the account's
 * current authorization mode (what set_authorize sets), kept as `embeddedFlag`.
 */
// The normalizer adds `statusLabel` and `embeddedFlagLabel` (labels below); the cast says so to the type.
export const normalizeEmbeddedList = defineListNormalizer({
  listKey: 'wxaEmbeddedList',
  item: embeddedAuthorizationSchema,
  labels: { status: EMBEDDED_STATUS, embeddedFlag: EMBEDDED_FLAG },
  top: { embeddedFlag: optionalInteger() },
}) as unknown as (rawBody: unknown) => { items: EmbeddedAuthorization[]; extra: Record<string, unknown>; embeddedFlag?: number };
