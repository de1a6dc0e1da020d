/**
 * JSON.parse that does not round big integers. The cloud path parses with json-bigint
 * (docs/platform/cloud-wire.md, "Big numbers"); over HTTPS we meet the same bodies, so integer
 * literals beyond 2^53 are turned into decimal strings before parsing (canonicalJson gives the
 * cloud path's BigNumbers the same form). The scan runs only when a 16-digit run exists at all.
 */
export function parseJsonBody(raw: string): unknown {
  // A leading UTF-8 byte-order mark is not JSON, but some servers put one before valid JSON
  // (docs/errors.md, "What always holds"); it says nothing about the content, so it is dropped,
  // never the body refused.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return JSON.parse(/\d{16}/.test(text) ? quoteBigIntegers(text) : text);
}

function quoteBigIntegers(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c /* \ */) i++;
      else if (ch === 0x22 /* " */) inString = false;
      continue;
    }
    if (ch === 0x22) {
      inString = true;
      continue;
    }
    if (ch === 0x2d /* - */ || (ch >= 0x30 && ch <= 0x39)) {
      let end = i + 1;
      while (end < text.length && /[0-9.eE+-]/.test(text[end] as string)) end++;
      const literal = text.slice(i, end);
      if (/^-?\d{16,}$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
        out += `${text.slice(copiedUpTo, i)}"${literal}"`;
        copiedUpTo = end;
      }
      i = end - 1;
    }
  }
  return out + text.slice(copiedUpTo);
}
