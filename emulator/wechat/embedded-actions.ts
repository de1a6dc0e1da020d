import { wechatError, wechatOk, type WechatErrorBody } from '../platform/wechat-errors';
import type { PlatformState } from '../state';

/**
 * The half-screen writes (open-platform "embedded-management" documents), applied to the
 * emulator's mutable lists:
 * - `embedded` (get_own_list): who may open THIS account as a half-screen app;
 * - `embedding` (get_list): the Mini Programs this account applied to embed.
 * Statuses: 1 pending, 2 approved, 3 rejected, 4 timed out, 5 withdrawn, 6 deauthorized.
 */
const APPROVED = 2;
const DEAUTHORIZED = 6;
const APPLY_REASON_MAX = 30;
const APPID = /^wx[0-9a-f]{16}$/;

/** set_authorize `{ flag }`: 0 admin confirms, 1 approve automatically, 2 reject automatically; else 89417. */
export function setAuthorize(state: PlatformState, params: Record<string, unknown>): WechatErrorBody {
  const { flag } = params;
  if (flag !== 0 && flag !== 1 && flag !== 2) return wechatError(89417);
  state.embeddedFlag = flag;
  return wechatOk();
}

/**
 * del_authorize `{ appid }`: an approved authorization becomes status 6 (deauthorized). A missing
 * appid is 89416 (a body with only `flag`, as several SDKs send, is exactly that); an appid not
 * in the list 89421; one not approved (already revoked, pending, rejected...) 89422.
 */
export function deleteAuthorization(state: PlatformState, params: Record<string, unknown>): WechatErrorBody {
  const { appid } = params;
  if (typeof appid !== 'string' || appid === '') return wechatError(89416);
  const record = state.embedded.find((r) => r.appid === appid);
  if (!record) return wechatError(89421);
  if (Number(record.status) !== APPROVED) return wechatError(89422);
  // The list mixes number and numeric-string statuses; the record keeps its own form.
  record.status = typeof record.status === 'string' ? String(DEAUTHORIZED) : DEAUTHORIZED;
  return wechatOk();
}

/**
 * Another Mini Program applies to open this one as a half-screen app (its add_embedded): decided
 * by the current set_authorize mode: 0 waits for the admin (1), 1 approves (2), 2 rejects (3).
 */
export function receiveEmbeddingRequest(state: PlatformState, appid: string, reason: string): Record<string, unknown> {
  const status = state.embeddedFlag === 1 ? 2 : state.embeddedFlag === 2 ? 3 : 1;
  const record: Record<string, unknown> = {
    appid,
    create_time: state.clock.now(),
    headimg: `https://wx.qlogo.cn/mmhead/${appid}/0`,
    nickname: `申请方${appid.slice(-4)}`,
    reason,
    status,
    embedded_flag: state.embeddedFlag,
  };
  const existing = state.embedded.findIndex((r) => r.appid === appid);
  if (existing >= 0) state.embedded.splice(existing, 1);
  state.embedded.unshift(record);
  return record;
}

/** add_embedded `{ appid, apply_reason }`: 89411 empty, 89410 not an appid, 89412 reason over 30, 89427 itself, 89428 already applied. */
export function addEmbedded(state: PlatformState, params: Record<string, unknown>): WechatErrorBody {
  const { appid, apply_reason: reason } = params;
  if (appid === undefined || appid === '') return wechatError(89411);
  if (typeof appid !== 'string' || !APPID.test(appid)) return wechatError(89410);
  if (reason !== undefined && (typeof reason !== 'string' || [...reason].length > APPLY_REASON_MAX)) return wechatError(89412);
  if (appid === state.accounts.app.appid) return wechatError(89427);
  const existing = state.embedding.find((r) => r.appid === appid);
  if (existing && (existing.status === 1 || existing.status === APPROVED)) return wechatError(89428);
  if (existing) state.embedding.splice(state.embedding.indexOf(existing), 1);
  // The other Mini Program's mode is not modelled: the application waits for its admin.
  state.embedding.push({ appid, create_time: state.clock.now(), headimg: `https://wx.qlogo.cn/mmhead/${appid}/0`, nickname: `半屏${appid.slice(-4)}`, reason: reason ?? '', status: 1 });
  return wechatOk();
}

/** del_embedded `{ appid }`: 89415 empty, 89421 not in the list. */
export function deleteEmbedded(state: PlatformState, params: Record<string, unknown>): WechatErrorBody {
  const { appid } = params;
  if (typeof appid !== 'string' || appid === '') return wechatError(89415);
  const index = state.embedding.findIndex((r) => r.appid === appid);
  if (index < 0) return wechatError(89421);
  state.embedding.splice(index, 1);
  return wechatOk();
}
