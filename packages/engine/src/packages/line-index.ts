// Line numbers for parsers that give no positions (JSON.parse, TOML): find where a name appears,
// optionally after a section header, by plain indexOf scans (linear, no regex).
const NAME_CHAR = /[A-Za-z0-9._-]/;

export class LineIndex {
  private readonly starts: number[] = [0];
  /**
   * Characters findName may still scan. Each lookup scans from a section start, so a hostile file
   * with many thousands of entries would make lookups quadratic; past the budget, lines are left out.
   */
  private budget: number;
  constructor(readonly text: string) {
    this.budget = 32 * text.length + 1_000_000;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /** 1-based line of a character offset. */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Offset of `needle` at or after `from`, or -1. */
  indexOf(needle: string, from = 0): number {
    return this.text.indexOf(needle, from);
  }

  /**
   * Line of the first whole-word occurrence of a package name at or after `from`: preceded by a
   * quote, line start or whitespace and not followed by another name character, so `torch` does
   * not match inside `torchvision`.
   */
  findName(name: string, from = 0): number | undefined {
    if (name === '' || this.budget <= 0) return undefined;
    let last = Math.max(0, from);
    for (let i = this.text.indexOf(name, last); i !== -1; i = this.text.indexOf(name, i + 1)) {
      this.budget -= i - last + name.length;
      last = i;
      if (this.budget <= 0) return undefined;
      const before = i === 0 ? '\n' : this.text[i - 1]!;
      const after = this.text[i + name.length] ?? '\n';
      if (!/["'\s]/.test(before) || NAME_CHAR.test(after)) continue;
      return this.lineAt(i);
    }
    this.budget -= this.text.length - last;
    return undefined;
  }
}
