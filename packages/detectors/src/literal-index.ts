// Which of many short literals occur in a text, in one pass. Used as a prefilter so a regex
// only runs when one of its required words is present: checking 300 literals with
// String.includes would scan the text 300 times.
//
// ASCII literals of three or more characters are indexed by their first three characters in two
// small typed-array tables (bigram -> slot, slot and third character -> list of literals): each
// text position costs two array reads, and string comparisons happen only where an indexed
// trigram really occurs.

export class LiteralIndex {
  private readonly short: string[] = [];
  private readonly nonAscii: string[] = [];
  /** For each ASCII bigram (c0 << 7 | c1): 0, or 1 + its slot. */
  private readonly bigram = new Uint16Array(1 << 14);
  /** Per bigram slot and third character (slot << 7 | c2): 0, or 1 + an index into `lists`. */
  private readonly trigram: Uint16Array;
  /** Literals sharing one first trigram. */
  private readonly lists: string[][] = [];

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
    this.trigram = new Uint16Array(slots << 7);
    for (const lit of long) {
      const t = ((this.bigram[(lit.charCodeAt(0) << 7) | lit.charCodeAt(1)]! - 1) << 7) | lit.charCodeAt(2);
      if (this.trigram[t] === 0) {
        this.lists.push([]);
        this.trigram[t] = this.lists.length;
      }
      this.lists[this.trigram[t]! - 1]!.push(lit);
    }
  }

  /** The literals that occur in `text` (case-sensitive). */
  present(text: string): Set<string> {
    const out = new Set<string>();
    const n = text.length - 2;
    const bigram = this.bigram;
    const trigram = this.trigram;
    let c1 = n > 0 ? text.charCodeAt(0) : 0;
    let c2 = n > 0 ? text.charCodeAt(1) : 0;
    for (let i = 0; i < n; i++) {
      const c0 = c1;
      c1 = c2;
      c2 = text.charCodeAt(i + 2);
      // Indexed literals are ASCII: a non-ASCII character in the trigram rules every one out.
      if ((c0 | c1 | c2) >= 128) continue;
      const slot = bigram[(c0 << 7) | c1]!;
      if (slot === 0) continue;
      const list = trigram[((slot - 1) << 7) | c2]!;
      if (list === 0) continue;
      for (const lit of this.lists[list - 1]!) if (!out.has(lit) && text.startsWith(lit, i)) out.add(lit);
    }
    for (const lit of this.short) if (text.includes(lit)) out.add(lit);
    if (this.nonAscii.length > 0 && /[^\x00-\x7f]/.test(text)) {
      for (const lit of this.nonAscii) if (text.includes(lit)) out.add(lit);
    }
    return out;
  }
}
