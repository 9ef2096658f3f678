// Shannon entropy and placeholder heuristics for credential-shaped strings. Shared by the secret
// patterns so "sk-your-key-here" or "AKIAXXXXXXXXXXXXXXXX" are never reported as real keys.

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

// Words that show up in documentation samples, templates and env.example files.
const PLACEHOLDER_WORDS =
  /(?:your|xxxx|example|placeholder|replace|changeme|dummy|sample|redacted|insert|here|secret_?key|api_?key|token_?here|<|>|\.\.\.|\*\*\*|\$\{|\{\{)/i;

/** Longest run of one repeated character, and of an ascending sequence like "abcdef"/"123456". */
function longestRuns(s: string): { repeat: number; ascending: number } {
  let repeat = 1;
  let asc = 1;
  let r = 1;
  let a = 1;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    r = d === 0 ? r + 1 : 1;
    a = d === 1 ? a + 1 : 1;
    if (r > repeat) repeat = r;
    if (a > asc) asc = a;
  }
  return { repeat, ascending: asc };
}

/**
 * True when the random part of a credential looks like a placeholder rather than a key: template
 * words, long runs of one character, counting sequences, or too little entropy for its length.
 */
export function looksLikePlaceholder(randomPart: string, minEntropy = 3): boolean {
  if (PLACEHOLDER_WORDS.test(randomPart)) return true;
  const { repeat, ascending } = longestRuns(randomPart);
  if (repeat >= 6 || ascending >= 8) return true;
  // Short strings cannot reach high entropy; scale the bar with length (max log2(len)).
  const bar = Math.min(minEntropy, Math.log2(Math.max(2, randomPart.length)) - 0.5);
  return shannonEntropy(randomPart) < bar;
}
