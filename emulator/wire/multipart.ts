/**
 * multipart/form-data parser that keeps every part as raw bytes.
 *
 * Why not `new Request(...).formData()`: the SDK (form-data package) sends the protobuf
 * `requestData` as a part WITHOUT a filename, which the WHATWG parser turns into a UTF-8
 * string and so corrupts the binary. The platform reads bytes; so does this.
 */

export class MultipartError extends Error {}

export function boundaryOf(contentType: string | undefined): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2])?.trim() : undefined;
}

export function parseMultipart(body: Buffer, boundary: string): Map<string, Buffer> {
  const fields = new Map<string, Buffer>();
  const delimiter = Buffer.from(`--${boundary}`);
  let position = body.indexOf(delimiter);
  if (position < 0) throw new MultipartError('boundary not found');
  for (;;) {
    position += delimiter.length;
    // "--" right after a delimiter closes the body.
    if (body.subarray(position, position + 2).toString() === '--') break;
    if (body.subarray(position, position + 2).toString() !== '\r\n') throw new MultipartError('malformed delimiter line');
    position += 2;
    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd < 0) throw new MultipartError('part headers not terminated');
    const headers = body.subarray(position, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) throw new MultipartError('part not terminated');
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1];
    if (name !== undefined) fields.set(name, Buffer.from(body.subarray(headerEnd + 4, next)));
    position = next + 2;
  }
  return fields;
}
