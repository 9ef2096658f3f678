// Which of many short literals occur in a text, in one pass. Used as a prefilter so a regex
// only runs when one of its required words is present: checking 300 literals with
// String.includes would scan the text 300 times.
//
// ASCII literals of three or more characters are indexed by their first three characters. The
// scan tests each text position against two small typed-array tables (is this bigram the start
// of a literal, and may this third character follow it) before touching the Map, so a Map
// lookup happens only where an indexed trigram really occurs.

export class LiteralIndex {
  private readonly byTrigram = new Map<number, string[]>();
  private readonly short: string[] = [];
  private readonly nonAscii: string[] = [];
  /** For each ASCII bigram (c0 << 7 | c1): 0, or 1 + its slot in `thirds`. */
  private readonly bigram = new Uint16Array(1 << 14);
  /** Per bigram slot, a 128-bit set (four words) of the third characters that follow it. */
  private readonly thirds: Uint32Array;

  constructor(literals: Iterable<string>) {
    const long: string[] = [];
    for (const lit of new Set(literals)) {
      if (/[^\x00-\x7f]/.test(lit)) this.nonAscii.push(lit);
      else if (lit.length < 3) this.short.push(lit);
      else long.push(lit);
    }
    let slots = 0;
    for (const lit of long) {
      const b = (lit.charCodeAt(0) << 7) | lit.charCodeAt(1);
      if (this.bigram[b] === 0) this.bigram[b] = ++slots;
    }
    this.thirds = new Uint32Array(slots * 4);
    for (const lit of long) {
      const slot = this.bigram[(lit.charCodeAt(0) << 7) | lit.charCodeAt(1)]! - 1;
      const c2 = lit.charCodeAt(2);
      this.thirds[slot * 4 + (c2 >> 5)]! |= 1 << (c2 & 31);
      const k = key(lit, 0);
      const list = this.byTrigram.get(k);
      if (list) list.push(lit);
      else this.byTrigram.set(k, [lit]);
    }
  }

  /** The literals that occur in `text` (case-sensitive). */
  present(text: string): Set<string> {
    const out = new Set<string>();
    const n = text.length - 2;
    const bigram = this.bigram;
    const thirds = this.thirds;
    let c1 = n > 0 ? text.charCodeAt(0) : 0;
    let c2 = n > 0 ? text.charCodeAt(1) : 0;
    for (let i = 0; i < n; i++) {
      const c0 = c1;
      c1 = c2;
      c2 = text.charCodeAt(i + 2);
      // Indexed literals are ASCII: a non-ASCII character in the trigram rules every one out.
      if ((c0 | c1 | c2) >= 128) continue;
      const slot = bigram[(c0 << 7) | c1]!;
      if (slot === 0 || (thirds[(slot - 1) * 4 + (c2 >> 5)]! & (1 << (c2 & 31))) === 0) continue;
      const list = this.byTrigram.get((c0 << 16) | (c1 << 8) | c2);
      if (list === undefined) continue;
      for (const lit of list) if (!out.has(lit) && text.startsWith(lit, i)) out.add(lit);
    }
    for (const lit of this.short) if (text.includes(lit)) out.add(lit);
    if (this.nonAscii.length > 0 && /[^\x00-\x7f]/.test(text)) {
      for (const lit of this.nonAscii) if (text.includes(lit)) out.add(lit);
    }
    return out;
  }
}

function key(s: string, i: number): number {
  return (s.charCodeAt(i) << 16) | (s.charCodeAt(i + 1) << 8) | s.charCodeAt(i + 2);
}
