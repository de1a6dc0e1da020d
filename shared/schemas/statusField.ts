import * as z from 'zod/mini';
import { integerLike } from '../normalize/integerLike';
import { labelOf, type LabelTable } from '../normalize/labels';

/**
 * Adds `<key>Label` beside a numeric code field on a record that has already been parsed.
 * Shared by the plugin status, the half-screen status and `embedded_flag`.
 */
export function withLabel<T extends Record<string, unknown>, K extends keyof T & string>(
  record: T,
  key: K,
  table: LabelTable,
): T {
  const value = record[key];
  return typeof value === 'number' ? { ...record, [`${key}Label`]: labelOf(table, value) } : record;
}

export const optionalString = z.optional(z.string());
export const optionalInteger = z.optional(integerLike);
