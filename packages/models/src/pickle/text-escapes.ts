// Decoders for protocol-0 text literals: STRING ('S', Python repr with backslash escapes) and
// UNICODE ('V', raw-unicode-escape). Operand values matter when they name globals (STACK_GLOBAL) or
// carry a nested pickle, so escapes are decoded instead of taken literally. Linear, no regexes.

/** Body of a STRING operand: strips the quotes and decodes \\, \n, \xNN, octal... as latin-1 text. */
export function decodeStringRepr(line: string): string | undefined {
  const q = line[0];
  if (line.length < 2 || (q !== "'" && q !== '"') || line[line.length - 1] !== q) return undefined;
  const body = line.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body[++i]!;
    const simple: Record<string, string> = {
      n: '\n',
      t: '\t',
      r: '\r',
      '\\': '\\',
      "'": "'",
      '"': '"',
      a: '\x07',
      b: '\b',
      f: '\f',
      v: '\v',
      '\n': '',
    };
    if (n in simple) out += simple[n];
    else if (n === 'x' && i + 2 < body.length + 1) {
      const code = Number.parseInt(body.slice(i + 1, i + 3), 16);
      if (Number.isNaN(code)) return undefined;
      out += String.fromCharCode(code);
      i += 2;
    } else if (n >= '0' && n <= '7') {
      let j = i;
      while (j < i + 3 && j < body.length && body[j]! >= '0' && body[j]! <= '7') j++;
      out += String.fromCharCode(Number.parseInt(body.slice(i, j), 8) & 0xff);
      i = j - 1;
    } else out += `\\${n}`;
  }
  return out;
}

/** raw-unicode-escape: only \uXXXX and \UXXXXXXXX are escapes; everything else is latin-1. */
export function decodeRawUnicodeEscape(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x5c && i + 1 < bytes.length && (bytes[i + 1] === 0x75 || bytes[i + 1] === 0x55)) {
      const len = bytes[i + 1] === 0x75 ? 4 : 8;
      let hex = '';
      for (let j = 0; j < len && i + 2 + j < bytes.length; j++) hex += String.fromCharCode(bytes[i + 2 + j]!);
      const cp = Number.parseInt(hex, 16);
      if (hex.length === len && !Number.isNaN(cp) && cp <= 0x10ffff) {
        out += String.fromCodePoint(cp);
        i += 1 + len;
        continue;
      }
    }
    out += String.fromCharCode(b);
  }
  return out;
}
