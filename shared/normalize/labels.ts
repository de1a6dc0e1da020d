/**
 * Stable English labels for numeric codes. A value not in the table keeps its number and gets
 * the label `unknown`: new statuses WeChat adds must not crash or vanish.
 */
export type LabelTable = Readonly<Record<number, string>>;

export function labelOf<T extends LabelTable>(table: T, value: number): T[keyof T] | 'unknown' {
  return Object.prototype.hasOwnProperty.call(table, value) ? (table[value] as T[keyof T]) : 'unknown';
}

/** The applicant's `status`: docs/platform/plugin-manager.md, "What the list answers". */
export const PLUGIN_APPLY_STATUS = { 1: 'pending', 2: 'approved', 3: 'rejected', 4: 'expired' } as const;

/** An authorization's `status`: docs/platform/half-screen.md, "What `get_own_list` (and `get_list`) answer". */
export const EMBEDDED_STATUS = {
  1: 'pending', 2: 'approved', 3: 'rejected', 4: 'timeout', 5: 'withdrawn', 6: 'deauthorized',
} as const;

/** `embedded_flag` (the same section): 0 administrator confirms, 1 automatic pass, 2 automatic reject. */
export const EMBEDDED_FLAG = { 0: 'admin-confirm', 1: 'auto-approve', 2: 'auto-reject' } as const;

export type PluginApplyStatusLabel = (typeof PLUGIN_APPLY_STATUS)[keyof typeof PLUGIN_APPLY_STATUS] | 'unknown';
export type EmbeddedStatusLabel = (typeof EMBEDDED_STATUS)[keyof typeof EMBEDDED_STATUS] | 'unknown';
export type EmbeddedFlagLabel = (typeof EMBEDDED_FLAG)[keyof typeof EMBEDDED_FLAG] | 'unknown';

/**
 * Adds `<key>Label` beside each numeric code field named in `labels`, on a record zod has just
 * built (so it is ours to extend in place). Shared by the plugin status, the half-screen status
 * and `embedded_flag`.
 */
export function addLabels(record: Record<string, unknown>, labels: Readonly<Record<string, LabelTable>>): void {
  labelerFor(labels)(record);
}

/** addLabels for one set of tables, the label keys worked out once: it runs for every item of every page. */
export function labelerFor(labels: Readonly<Record<string, LabelTable>>): (record: Record<string, unknown>) => void {
  const entries = Object.keys(labels).map((key) => [key, `${key}Label`, labels[key] as LabelTable] as const);
  return (record) => {
    for (let i = 0; i < entries.length; i++) {
      const [key, labelKey, table] = entries[i] as (typeof entries)[number];
      const value = record[key];
      if (typeof value === 'number') record[labelKey] = labelOf(table, value);
    }
  };
}
