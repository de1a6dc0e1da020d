/**
 * What an answer that could not be read as the expected JSON looked like, without a byte of its
 * content: an unparsed body may hold anything, a credential included (a token service answering
 * `access_token=…&expires_in=7200` as a form or as plain text), and redaction can only mask what
 * it recognises. Its kind and size are what a developer needs to find the misconfigured proxy or
 * service (docs/retries-and-deadlines.md, "What errors echo").
 */
export function describeUnparsed(text: string): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  const start = text.trimStart();
  if (start === '') return bytes === 0 ? 'an empty body' : `${bytes} bytes of white space`;
  if (/^<(?:!doctype\s+html|html|head|body|title)\b/i.test(start)) return `an HTML page of ${bytes} bytes`;
  if (start.startsWith('<')) return `markup (XML or HTML) of ${bytes} bytes`;
  if (start.startsWith('{') || start.startsWith('[')) return `malformed or cut-short JSON of ${bytes} bytes`;
  const fields = formFieldNames(start.trimEnd());
  if (fields) return `a form-encoded body of ${bytes} bytes${fields.length > 0 ? ` (fields ${fields.join(', ')})` : ''}`;
  return `plain text of ${bytes} bytes`;
}

/** A JSON value that is not the object every answer is, by its kind only. */
export function describeJsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} item(s)`;
  if (typeof value === 'string') return `a string of ${value.length} character(s)`;
  return `a ${typeof value}`;
}

/**
 * The field names of a `name=value&…` body, or undefined when it is not one. Names are shown only
 * when they read as words (letters and underscores, as `access_token`, `expires_in`): anything
 * else might be a value in the wrong place.
 */
function formFieldNames(text: string): string[] | undefined {
  if (!/^[^=&\s]+=[^&\s]*(?:&[^=&\s]+=[^&\s]*)*$/.test(text)) return undefined;
  const names = text.split('&').map((pair) => pair.slice(0, pair.indexOf('=')));
  return names.every((name) => /^[A-Za-z_]{1,32}$/.test(name)) ? names.slice(0, 8) : [];
}
