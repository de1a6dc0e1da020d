import { createError, LOCAL } from '../errors';
import { toFieldIssues } from '../validation/fieldIssues';
import { canonicalJson, type CanonicalNotes } from './canonicalJson';
import { restoreProtoKeys, setOwn } from '../core/ownKeys';
import { labelerFor, type LabelTable } from './labels';
import { DECLINED, list, plainObject, withDefault, type Field, type Fields, type ObjectOutput, type Output } from '../validation/shape';

/** Status fields both transports put on every body; they are the envelope's business, not data. */
const STATUS_KEYS = new Set(['errcode', 'errmsg', 'errCode', 'errMsg']);

export interface ListNormalizerSpec<Item extends Field<object>, Top extends Fields> {
  /** The list's key after camelCasing, e.g. `applyList`, `wxaEmbeddedList`. */
  listKey: string;
  item: Item;
  /** Numeric code fields of an item that get a `<field>Label` beside them. */
  labels: Readonly<Record<string, LabelTable>>;
  /** Known top-level fields besides the list (e.g. `embeddedFlag`), normalized too. */
  top: Top;
}

export type NormalizedList<Item extends Field<object>, Top extends Fields> = {
  items: Output<Item>[];
  /** Unknown top-level fields, camelCased, kept as they came. */
  extra: Record<string, unknown>;
} & ObjectOutput<Top>;

/**
 * Builds the normalizer for one list API. Both lists (plugin applicants, half-screen
 * authorizations) are this machinery with a different item schema: any body form goes through
 * canonicalJson, then one camelCase shape (validation/shape.ts: the quick check for the usual
 * page, zod for anything it declines); a body that does not fit becomes an UPSTREAM_INVALID_BODY
 * error naming the field, never a crash. A missing list is an empty list (WeChat omits empty
 * arrays in some answers).
 */
export function defineListNormalizer<Item extends Field<object>, Top extends Fields>(
  spec: ListNormalizerSpec<Item, Top>,
): (rawBody: unknown) => NormalizedList<Item, Top> {
  const known = new Set([spec.listKey, ...Object.keys(spec.top)]);
  const shape = plainObject({ [spec.listKey]: withDefault(list(spec.item), []), ...spec.top });
  const addLabels = labelerFor(spec.labels);

  return (rawBody) => {
    const notes: CanonicalNotes = { protoKey: false };
    const body = canonicalJson(rawBody, notes);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw createError(LOCAL.UPSTREAM_INVALID_BODY, {
        detail: 'The upstream answer is not a JSON object.',
        issues: [{ field: 'body', expected: 'a JSON object' }],
      });
    }
    let data = shape.quick(body);
    if (data === DECLINED) {
      const parsed = shape.schema().safeParse(body, { reportInput: true });
      if (!parsed.success) {
        throw createError(LOCAL.UPSTREAM_INVALID_BODY, { issues: toFieldIssues(parsed.error) });
      }
      data = parsed.data;
    }
    const extra: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) {
      if (!known.has(key) && !STATUS_KEYS.has(key)) setOwn(extra, key, value);
    }
    const { [spec.listKey]: items, ...top } = data as Record<string, unknown>;
    if (notes.protoKey) restoreProtoKeys((body as Record<string, unknown>)[spec.listKey], items);
    for (const item of items as Record<string, unknown>[]) addLabels(item);
    return { items, extra, ...top } as NormalizedList<Item, Top>;
  };
}
