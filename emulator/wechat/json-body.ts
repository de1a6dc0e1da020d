/** Parses a POST body the way api.weixin.qq.com does: a JSON object or nothing. */
export type JsonBody = { ok: true; value: Record<string, unknown> } | { ok: false; errcode: 44002 | 47001 };

export function parseJsonObjectBody(body: Buffer): JsonBody {
  if (body.length === 0) return { ok: false, errcode: 44002 };
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, errcode: 47001 };
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return { ok: false, errcode: 47001 };
  }
}
