import { gzipSync } from 'node:zlib';
import { cloudbaseErrorReply, openApiReply, platformErrorReply, PROTOBUF_CONTENT_TYPE } from './cloud/open-api';
import { wechatError } from './platform/wechat-errors';
import type { CallKind, Fault } from './types';
import { encodeCommOpenApiResp } from './wire/openapi-messages';
import { bytesReply, htmlPage, jsonReply, JSON_CONTENT_TYPE, textReply, type Reply } from './wire/reply';

/**
 * What an injected fault does to one request (see FaultQueue for which requests it matches).
 */
export type FaultAction =
  | { type: 'reply'; reply: Reply }
  | { type: 'truncate'; reply: Reply; declaredLength: number }
  | { type: 'drop' }
  | { type: 'apply-then-drop' }
  | { type: 'stall' }
  /** The normal answer, changed on its way out. */
  | { type: 'reshape'; reshape(reply: Reply): Reply }
  | { type: 'none' };

const STATUS_TITLES: Readonly<Record<number, string>> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

/** The action to take after any latency has passed; precedence runs from the most drastic down. */
export function resolveFault(fault: Fault, kind: CallKind): FaultAction {
  if (fault.drop) return { type: 'drop' };
  if (fault.applyThenDrop) return { type: 'apply-then-drop' };
  if (fault.stall) return { type: 'stall' };
  if (fault.truncated) {
    const reply = kind === 'openapi' ? openApiReply({ errcode: 0, errmsg: 'ok', apply_list: [] }) : jsonReply({ errcode: 0, errmsg: 'ok', data: 'x'.repeat(256) });
    // Send half of a body, having promised all of it plus more.
    return { type: 'truncate', reply: { ...reply, body: reply.body.subarray(0, Math.floor(reply.body.length / 2)) }, declaredLength: reply.body.length + 512 };
  }
  if (fault.httpStatus !== undefined) {
    const title = STATUS_TITLES[fault.httpStatus] ?? 'Error';
    return { type: 'reply', reply: textReply(htmlPage(fault.httpStatus, title), 'text/html', fault.httpStatus) };
  }
  if (fault.html) {
    return { type: 'reply', reply: textReply('<!DOCTYPE html><html><head><title>系统繁忙</title></head><body><p>系统繁忙，请稍后再试</p></body></html>', 'text/html; charset=utf-8') };
  }
  if (fault.malformed) {
    if (kind === 'openapi') {
      // Field 1, length-delimited, claiming ~4 GB: not decodable as protobuf, and not JSON text.
      const bytes = Buffer.concat([Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), encodeCommOpenApiResp({ contentType: 'x' })]);
      return { type: 'reply', reply: bytesReply(bytes, PROTOBUF_CONTENT_TYPE) };
    }
    return { type: 'reply', reply: textReply('{"errcode":0,"errmsg":"ok","list":[{"appid":"wx', JSON_CONTENT_TYPE) };
  }
  if (fault.body !== undefined) return { type: 'reply', reply: kind === 'openapi' ? openApiReply(fault.body as Record<string, unknown>) : jsonReply(fault.body) };
  if (fault.bom || fault.gzip) {
    const reshape = (reply: Reply): Reply => {
      let body = fault.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), reply.body]) : reply.body;
      if (fault.gzip) body = gzipSync(body);
      return { ...reply, body, headers: { ...reply.headers, ...(fault.gzip ? { 'content-encoding': 'gzip' } : {}) } };
    };
    return { type: 'reshape', reshape };
  }
  if (fault.cloudbaseError) return { type: 'reply', reply: cloudbaseErrorReply(fault.cloudbaseError.code, fault.cloudbaseError.message) };
  if (fault.platformErrorCode !== undefined) return { type: 'reply', reply: platformErrorReply(fault.platformErrorCode) };
  if (fault.errcode !== undefined) {
    const body = wechatError(fault.errcode, fault.errmsg);
    return { type: 'reply', reply: kind === 'openapi' ? openApiReply(body) : jsonReply(body) };
  }
  return { type: 'none' };
}
