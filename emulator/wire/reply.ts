import { toJsonText } from '../json-text';

/** A complete HTTP answer, built by the handlers and written by the server. */
export interface Reply {
  status: number;
  contentType: string;
  body: Buffer;
  /** Further response headers (e.g. Content-Encoding). */
  headers?: Record<string, string>;
}

/** The content type CloudBase and api.weixin.qq.com put on JSON. The SDK compares it verbatim. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function jsonReply(value: unknown, status = 200): Reply {
  return { status, contentType: JSON_CONTENT_TYPE, body: Buffer.from(toJsonText(value), 'utf8') };
}

export function textReply(text: string, contentType: string, status = 200): Reply {
  return { status, contentType, body: Buffer.from(text, 'utf8') };
}

export function bytesReply(body: Buffer, contentType = 'application/octet-stream', status = 200): Reply {
  return { status, contentType, body };
}

/** The kind of page a gateway in front of the API shows on errors. */
export function htmlPage(status: number, title: string): string {
  return `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
