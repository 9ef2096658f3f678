// Glob matching for model and tool names (`*` = any run of characters, nothing else special),
// with the same meaning as Cedar's `like`. Iterative two-pointer matcher: O(n·m) worst case,
// no regex, no backtracking blow-up on hostile names.
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** A Cedar string literal for a value already restricted to a safe alphabet (no quotes, backslashes). */
export function cedarString(s: string): string {
  if (/["\\\u0000-\u001f]/.test(s)) throw new Error(`unsafe Cedar literal: ${JSON.stringify(s)}`);
  return `"${s}"`;
}
