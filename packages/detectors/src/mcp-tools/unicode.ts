// Invisible and direction-changing characters: models read them, humans reviewing a tool list do
// not. Found by code point (no regex over user text), so the scan is linear.

export interface InvisibleHit {
  kind: 'zero-width' | 'tag' | 'bidi' | 'private-use' | 'other-format';
  codePoint: number;
  index: number;
}

export function classifyCodePoint(cp: number): InvisibleHit['kind'] | undefined {
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || cp === 0xfeff || cp === 0x180e)
    return 'zero-width';
  if (cp >= 0x2061 && cp <= 0x2064) return 'zero-width';
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'tag';
  if (
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    cp === 0x200e ||
    cp === 0x200f ||
    cp === 0x061c
  )
    return 'bidi';
  if ((cp >= 0xe000 && cp <= 0xf8ff) || (cp >= 0xf0000 && cp <= 0xffffd) || (cp >= 0x100000 && cp <= 0x10fffd))
    return 'private-use';
  if (cp === 0x00ad || cp === 0x034f || (cp >= 0x115f && cp <= 0x1160) || cp === 0x3164 || cp === 0xffa0)
    return 'other-format';
  if (cp >= 0xfe00 && cp <= 0xfe0f) return undefined; // variation selectors are normal in emoji
  if (cp >= 0xe0100 && cp <= 0xe01ef) return 'other-format'; // supplementary variation selectors: used to smuggle bytes
  return undefined;
}

export function findInvisibleChars(text: string, max = 1000): InvisibleHit[] {
  const out: InvisibleHit[] = [];
  let i = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const kind = classifyCodePoint(cp);
    // A single BOM at the very start is an encoding artefact, not hidden text.
    if (kind && !(cp === 0xfeff && i === 0)) {
      out.push({ kind, codePoint: cp, index: i });
      if (out.length >= max) break;
    }
    i += ch.length;
  }
  return out;
}

/** Text with invisible characters removed and tag characters decoded to the ASCII they smuggle. */
export function revealHidden(text: string): { visible: string; smuggled: string } {
  let visible = '';
  let smuggled = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const kind = classifyCodePoint(cp);
    if (kind === 'tag') {
      if (cp >= 0xe0020 && cp <= 0xe007e) smuggled += String.fromCharCode(cp - 0xe0000);
    } else if (kind === undefined) visible += ch;
  }
  return { visible, smuggled };
}
