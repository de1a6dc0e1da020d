import * as z from 'zod/mini';
import { integerLike } from '../normalize/integerLike';
import { labelOf, type LabelTable } from '../normalize/labels';

/**
 * Adds `<key>Label` beside each numeric code field named in `labels`, on a record zod has just
 * built (so it is ours to extend in place). Shared by the plugin status, the half-screen status
 * and `embedded_flag`.
 */
export function addLabels(record: Record<string, unknown>, labels: Readonly<Record<string, LabelTable>>): void {
  for (const key of Object.keys(labels)) {
    const value = record[key];
    if (typeof value === 'number') record[`${key}Label`] = labelOf(labels[key] as LabelTable, value);
  }
}

export const optionalString = z.optional(z.string());
export const optionalInteger = z.optional(integerLike);
