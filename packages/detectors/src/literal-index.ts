// Which of many short literals occur in a text, in one pass. Used as a prefilter so a regex
// only runs when one of its required words is present: checking 300 literals with
// String.includes would scan the text 300 times.

export class LiteralIndex {
  private readonly byTrigram = new Map<number, string[]>();
  private readonly short: string[] = [];
  private readonly nonAscii: string[] = [];

  constructor(literals: Iterable<string>) {
    for (const lit of new Set(literals)) {
      if (/[^\x00-\x7f]/.test(lit)) this.nonAscii.push(lit);
      else if (lit.length < 3) this.short.push(lit);
      else {
        const k = key(lit, 0);
        const list = this.byTrigram.get(k);
        if (list) list.push(lit);
        else this.byTrigram.set(k, [lit]);
      }
    }
  }

  /** The literals that occur in `text` (case-sensitive). */
  present(text: string): Set<string> {
    const out = new Set<string>();
    const n = text.length - 2;
    for (let i = 0; i < n; i++) {
      const c0 = text.charCodeAt(i);
      if (c0 >= 128) continue;
      const list = this.byTrigram.get(key(text, i));
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
  return (s.charCodeAt(i) << 16) | ((s.charCodeAt(i + 1) & 0xff) << 8) | (s.charCodeAt(i + 2) & 0xff);
}
