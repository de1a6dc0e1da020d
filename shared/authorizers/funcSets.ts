/**
 * Permission sets (`func_info[].funcscope_category.id`) a Mini Program grants a third-party
 * platform when it authorizes it (docs/platform/pushes.md, "Exchanging the authorization code").
 */
export const FUNC_SET = {
  /** Half-screen Mini Programs (wxaembedded): get_own_list. */
  HALF_SCREEN: 18,
  /** Plugin management: devplugin. */
  PLUGIN_MANAGEMENT: 40,
} as const;

export type FuncSetId = (typeof FUNC_SET)[keyof typeof FUNC_SET];

export const FUNC_SET_NAMES: Readonly<Record<FuncSetId, string>> = {
  18: 'half-screen Mini Programs',
  40: 'plugin management',
};

/** The ids out of api_query_auth's `func_info: [{ funcscope_category: { id } }]`; anything else skipped. */
export function funcIdsOf(funcInfo: unknown): number[] {
  if (!Array.isArray(funcInfo)) return [];
  const ids = new Set<number>();
  for (const item of funcInfo) {
    const id = (item as { funcscope_category?: { id?: unknown } } | null)?.funcscope_category?.id;
    const n = typeof id === 'string' ? Number(id) : id;
    if (typeof n === 'number' && Number.isInteger(n)) ids.add(n);
  }
  return [...ids].sort((a, b) => a - b);
}
