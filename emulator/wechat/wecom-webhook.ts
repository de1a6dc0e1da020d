import type { PlatformState } from '../state';
import { jsonReply, type Reply } from '../wire/reply';
import { parseJsonObjectBody } from './json-body';

/** The WeCom group robot's send path (qyapi.weixin.qq.com). */
export const WECOM_WEBHOOK_PATH = '/cgi-bin/webhook/send';
/** WeCom markdown content is at most 4096 bytes. */
const MARKDOWN_MAX_BYTES = 4096;

const err = (errcode: number, errmsg: string) => jsonReply({ errcode, errmsg });

/**
 * POST /cgi-bin/webhook/send?key=KEY with `{"msgtype":"markdown","markdown":{"content":"..."}}`
 * (or text): `{"errcode":0,"errmsg":"ok"}`; an unknown key 93000; over 20 a minute 45009;
 * markdown over 4096 bytes 40058.
 */
export function handleWecomWebhook(state: PlatformState, method: string, url: URL, body: Buffer): Reply {
  if (method !== 'POST') return err(43002, 'require POST method');
  const key = url.searchParams.get('key');
  if (!key || !state.outbound.robotKeys.has(key)) return err(93000, 'invalid webhook url');
  const parsed = parseJsonObjectBody(body);
  if (!parsed.ok) return err(40035, 'invalid parameter');
  const message = parsed.value as { msgtype?: unknown; markdown?: { content?: unknown }; text?: { content?: unknown } };
  const content = message.msgtype === 'markdown' ? message.markdown?.content : message.msgtype === 'text' ? message.text?.content : undefined;
  if (typeof content !== 'string' || content === '') return err(40008, 'invalid message type');
  if (Buffer.byteLength(content) > MARKDOWN_MAX_BYTES) return err(40058, 'markdown.content exceed max length 4096');
  if (!state.outbound.wecomAllowed()) return err(45009, 'api freq out of limit');
  state.outbound.wecom.push({ at: state.clock.nowMs(), msgtype: String(message.msgtype), content });
  return err(0, 'ok');
}
