/**
 * The text of an HTTP answer, or why there is none. Every answer this package reads is JSON (or a
 * gateway's HTML page about a failure); bytes that are not UTF-8 text, such as a gzip body the
 * client never asked for (it sends `accept-encoding: identity`), cannot become readable by asking
 * again, and must not be pasted into an error as mojibake (docs/retries-and-deadlines.md, "What
 * counts as success").
 */
export type ResponseText = { readable: true; text: string } | { readable: false; why: string };

const GZIP_MAGIC = [0x1f, 0x8b];
const REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

export function responseText(body: Buffer, contentEncoding?: string): ResponseText {
  const encoding = contentEncoding?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    return { readable: false, why: `a ${encoding}-encoded body of ${body.length} bytes, which this client did not ask for` };
  }
  if (body.length >= 2 && body[0] === GZIP_MAGIC[0] && body[1] === GZIP_MAGIC[1]) {
    return { readable: false, why: `${body.length} bytes of gzip data without a Content-Encoding header` };
  }
  if (body.includes(0)) return { readable: false, why: `${body.length} bytes of binary data` };
  const text = body.toString('utf8');
  // U+FFFD in the text but not in the bytes: some bytes were not UTF-8.
  if (text.includes('\uFFFD') && !body.includes(REPLACEMENT)) return { readable: false, why: `${body.length} bytes that are not UTF-8 text` };
  return { readable: true, text };
}
