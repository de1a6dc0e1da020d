/**
 * A small, strict reader for the XML WeChat pushes (docs/platform/pushes.md, "The request"):
 * `<xml><Name>text or CDATA</Name>…</xml>`, children possibly nested a few levels.
 * Our own rather than a library because the messages are tiny and flat, and strictness is the
 * point: anything a push never contains is refused instead of being interpreted — a DOCTYPE or
 * entity declaration (no entity expansion at all beyond the five predefined entities and
 * character references), processing instructions other than the leading declaration, comments,
 * attributes, mixed text and elements, repeated names, mismatched tags, text outside the root.
 */
export class XmlError extends Error {
  constructor(detail: string, at: number) {
    super(`malformed XML at ${at}: ${detail}`);
    this.name = 'XmlError';
  }
}

export interface XmlFields {
  [name: string]: string | XmlFields;
}

const MAX_CHARS = 64 * 1024;
const MAX_DEPTH = 4;
const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y;
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Parses a push body; the root must be `<xml>`. Returns the root's children by name. */
export function parseFlatXml(text: string): XmlFields {
  if (text.length > MAX_CHARS) throw new XmlError(`longer than ${MAX_CHARS} characters`, MAX_CHARS);
  const reader = new Reader(text);
  reader.skipSpace();
  if (reader.startsWith('<?xml')) {
    const end = text.indexOf('?>', reader.pos);
    if (end < 0) throw new XmlError('unterminated declaration', reader.pos);
    reader.pos = end + 2;
    reader.skipSpace();
  }
  const root = reader.openTag();
  if (root.name !== 'xml') throw new XmlError(`the root element must be <xml>, not <${root.name}>`, 0);
  const fields = root.selfClosing ? {} : reader.children('xml', 1);
  reader.skipSpace();
  if (!reader.done()) throw new XmlError('content after the root element', reader.pos);
  if (typeof fields === 'string') {
    if (fields.trim() !== '') throw new XmlError('the root element holds text, not fields', 0);
    return {};
  }
  return fields;
}

class Reader {
  pos = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.pos >= this.text.length;
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  /** `<Name>` or `<Name/>`, with nothing else inside the brackets. */
  openTag(): { name: string; selfClosing: boolean } {
    if (this.text[this.pos] !== '<') throw new XmlError('expected an element', this.pos);
    const next = this.text[this.pos + 1];
    if (next === '!' || next === '?') throw new XmlError('declarations, comments and processing instructions are not accepted', this.pos);
    this.pos++;
    const name = this.name();
    if (this.startsWith('/>')) {
      this.pos += 2;
      return { name, selfClosing: true };
    }
    if (this.text[this.pos] !== '>') throw new XmlError(`attributes or stray characters in <${name}>`, this.pos);
    this.pos++;
    return { name, selfClosing: false };
  }

  name(): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.text);
    if (!match) throw new XmlError('expected an element name', this.pos);
    this.pos += match[0].length;
    return match[0];
  }

  /** The content of an element up to its end tag: either text (and CDATA) or child elements. */
  children(parent: string, depth: number): string | XmlFields {
    let text = '';
    let fields: XmlFields | undefined;
    for (;;) {
      if (this.done()) throw new XmlError(`<${parent}> is not closed`, this.pos);
      if (this.startsWith('</')) {
        this.pos += 2;
        const name = this.name();
        if (name !== parent) throw new XmlError(`</${name}> closes <${parent}>`, this.pos);
        if (this.text[this.pos] !== '>') throw new XmlError(`stray characters in </${name}>`, this.pos);
        this.pos++;
        if (fields) {
          if (text.trim() !== '') throw new XmlError(`<${parent}> mixes text and elements`, this.pos);
          return fields;
        }
        return text;
      }
      if (this.startsWith('<![CDATA[')) {
        const end = this.text.indexOf(']]>', this.pos + 9);
        if (end < 0) throw new XmlError('unterminated CDATA section', this.pos);
        text += this.text.slice(this.pos + 9, end);
        this.pos = end + 3;
        continue;
      }
      if (this.text[this.pos] === '<') {
        if (depth >= MAX_DEPTH) throw new XmlError('nested too deeply', this.pos);
        const at = this.pos;
        const tag = this.openTag();
        const value = tag.selfClosing ? '' : this.children(tag.name, depth + 1);
        fields ??= {};
        if (Object.prototype.hasOwnProperty.call(fields, tag.name)) throw new XmlError(`<${tag.name}> appears twice`, at);
        fields[tag.name] = value;
        continue;
      }
      text += this.characterData();
    }
  }

  /** Plain text up to the next `<`, with the predefined entities and character references. */
  private characterData(): string {
    const end = this.text.indexOf('<', this.pos);
    const raw = this.text.slice(this.pos, end < 0 ? this.text.length : end);
    const start = this.pos;
    this.pos += raw.length;
    if (raw.includes(']]>')) throw new XmlError('"]]>" outside CDATA', start);
    return raw.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) throw new XmlError('a bare "&"', start);
      if (ref in ENTITIES) return ENTITIES[ref] as string;
      const code = /^#x[0-9A-Fa-f]{1,6}$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#\d{1,7}$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
      if (!Number.isInteger(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        throw new XmlError(`unknown entity &${ref};`, start);
      }
      return String.fromCodePoint(code);
    });
  }
}

/** A field's text, or undefined when absent or not text. */
export function textField(fields: XmlFields, name: string): string | undefined {
  const value = fields[name];
  return typeof value === 'string' ? value : undefined;
}
