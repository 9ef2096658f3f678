// Adversarial-suffix layer (perplexity filter, after Alon & Kamfonas 2023 and Jain et al. 2023):
// optimised suffixes (GCG and its kin) append token salad to a request, text that a language model
// of ordinary writing finds wildly improbable. The character model in char-lm.ts gives every
// character a surprisal; a window of up to WINDOW characters of one line fires when all three hold:
//   - its mean surprisal is high (the perplexity filter proper);
//   - it holds several punctuation marks the model did not expect;
//   - it holds a bracket that does not pair up within its line, or a quote or backtick left open.
// The second and third are what separate salad (`.]( Me giving**ONE`, `"],ukimenu`) from ordinary
// high-perplexity text: names, other languages and tables are surprising in their letters but
// punctuated normally, and code, JSON, SQL and markup are surprising but balanced.
// Known benign shapes are not read at all: tokens with non-ASCII characters (other scripts, emoji),
// URLs and tokens longer than LONG_TOKEN characters (base64, hex, hashes, UUIDs, minified code,
// paths). Windows never cross a line break. A line without an unbalanced mark is not scored, so
// ordinary prose costs one pass over its characters and no model reads; elsewhere the model reads
// only the characters within one window of an unbalanced mark.
// Thresholds were chosen on half of the dev GCG prompts (docs/detector-eval.md, run-10 tuning log).
import { type CharLm, SYM_OTHER, surprisalRange, symbolOf } from './char-lm.js';

/** Characters per window (kept characters of one line; a shorter line is one window). */
export const WINDOW = 64;
/** Lines with fewer kept characters than this are not scored. */
export const MIN_WINDOW = 24;
/** A punctuation mark counts as unexpected at this surprisal (bits). */
export const PUNCT_BITS = 7;
/** At the 0.7 line: window mean surprisal (bits per character), unexpected marks, unbalanced marks. */
export const MEAN_BITS = 4;
export const PUNCT_COUNT = 3;
export const UNBALANCED_COUNT = 1;
/** Tokens longer than this are data (base64, hex, hashes, minified code), not words. */
export const LONG_TOKEN = 24;
// Steepness of the score around the line, per MEAN_STEP bits of mean surprisal or per mark: steep,
// so that a window just short of the line adds little when combined with the other layers.
const SLOPE = 3;
const MEAN_STEP = 0.1;
const LOGIT_AT_LINE = Math.log(0.7 / 0.3);

export interface SuffixScore {
  /** 0..1; 0.7 at the chosen line. */
  score: number;
  /** Best window [start, end) in the scored text. */
  start: number;
  end: number;
  meanBits: number;
  punct: number;
  unbalanced: number;
}

const FIRST_PUNCT = 30;

// Scratch arrays, grown to the longest text seen (4 + 1 + 1 + 4 bytes a character).
let bits = new Float32Array(1024);
let skip = new Uint8Array(1024);
let marks = new Uint8Array(1024);
let kept = new Int32Array(1024);
const stack: number[] = [];

function grow(n: number): void {
  if (skip.length >= n) return;
  const size = Math.max(n, 2 * skip.length);
  bits = new Float32Array(size);
  skip = new Uint8Array(size);
  marks = new Uint8Array(size);
  kept = new Int32Array(size);
}

/** True when t[a..b) is a URL: it contains "://" or starts with "www.". */
function isUrl(t: string, a: number, b: number): boolean {
  if (b - a >= 4 && t.startsWith('www.', a)) return true;
  for (let k = a; k + 2 < b; k++)
    if (t.charCodeAt(k) === 58 && t.charCodeAt(k + 1) === 47 && t.charCodeAt(k + 2) === 47) return true;
  return false;
}

/** skip[i] = 1 for characters of tokens that are known benign shapes, not words. */
function markSkipped(t: string, n: number): void {
  for (let i = 0; i < n; ) {
    let j = i;
    let other = false;
    while (j < n) {
      const c = t.charCodeAt(j);
      if (c <= 32) break;
      if (c >= 128) other = true;
      j++;
    }
    const bad = other || j - i > LONG_TOKEN || isUrl(t, i, j);
    skip.fill(bad ? 1 : 0, i, j);
    if (j < n) skip[j] = 0;
    i = j + 1;
  }
}

/** The opener a closing bracket pairs with, by char code: ) ] } -> ( [ {. */
function openerOf(c: number): number {
  return c === 41 ? 40 : c === 93 ? 91 : c === 125 ? 123 : -1;
}

/**
 * marks[k] = 1 at the brackets of one line that do not pair up and at a quote or backtick left
 * open; returns how many of them are on kept characters. The whole line is read (a bracket opened
 * in a word and closed inside a skipped token is balanced); only kept marks count.
 */
function markUnbalanced(t: string, from: number, to: number): number {
  let count = 0;
  stack.length = 0;
  let dq = -1;
  let dqOpen = false;
  let bq = -1;
  let bqOpen = false;
  for (let k = from; k < to; k++) {
    marks[k] = 0;
    const c = t.charCodeAt(k);
    if (c === 34) {
      dq = k;
      dqOpen = !dqOpen;
    } else if (c === 96) {
      bq = k;
      bqOpen = !bqOpen;
    } else if (c === 40 || c === 91 || c === 123) stack.push(k);
    else if (c === 41 || c === 93 || c === 125) {
      const top = stack.length > 0 ? stack[stack.length - 1]! : -1;
      if (top >= 0 && t.charCodeAt(top) === openerOf(c)) stack.pop();
      else {
        marks[k] = 1;
        if (top >= 0) marks[stack.pop()!] = 1;
      }
    }
  }
  for (const k of stack) marks[k] = 1;
  if (dqOpen) marks[dq] = 1;
  if (bqOpen) marks[bq] = 1;
  for (let k = from; k < to; k++)
    if (skip[k] === 1) marks[k] = 0;
    else count += marks[k]!;
  return count;
}

/** Scores the plain normalised view of a user prompt. Time and memory linear in its length. */
export function scoreSuffix(lm: CharLm, t: string): SuffixScore {
  const n = t.length;
  const best: SuffixScore = { score: 0, start: 0, end: 0, meanBits: 0, punct: 0, unbalanced: 0 };
  if (n < MIN_WINDOW) return best;
  grow(n);
  markSkipped(t, n);
  let bestZ = Number.NEGATIVE_INFINITY;
  const odd = (k: number): number => {
    const y = symbolOf(t.charCodeAt(k));
    return y >= FIRST_PUNCT && y < SYM_OTHER && bits[k]! >= PUNCT_BITS ? 1 : 0;
  };
  const judge = (sum: number, w: number, p: number, u: number, a: number, b: number) => {
    const mean = sum / w;
    const z = Math.min((mean - MEAN_BITS) / MEAN_STEP, p - PUNCT_COUNT, u - UNBALANCED_COUNT);
    if (z > bestZ) {
      bestZ = z;
      best.start = a;
      best.end = b;
      best.meanBits = mean;
      best.punct = p;
      best.unbalanced = u;
    }
  };
  let line = 0;
  for (let i = 0; i <= n; i++) {
    if (i < n && t.charCodeAt(i) !== 10) continue;
    const from = line;
    line = i + 1;
    if (i - from < MIN_WINDOW || markUnbalanced(t, from, i) < UNBALANCED_COUNT) continue;
    let m = 0;
    for (let k = from; k < i; k++) if (skip[k] === 0) kept[m++] = k;
    if (m < MIN_WINDOW) continue;
    const w = Math.min(WINDOW, m);
    // Only a window holding an unbalanced mark can reach the line, so the model reads the kept
    // characters within one window of a mark: segments [a, b) of kept indexes, each at least w long.
    for (let q = 0; q < m; ) {
      if (marks[kept[q]!] === 0) {
        q++;
        continue;
      }
      let last = q;
      for (let r = q + 1; r < m && r < last + w; r++) if (marks[kept[r]!] === 1) last = r;
      const a = Math.max(0, q - w + 1);
      const b = Math.min(m, last + w);
      q = b;
      surprisalRange(lm, t, kept[a]!, kept[b - 1]! + 1, bits);
      let sum = 0;
      let p = 0;
      let u = 0;
      for (let x = a; x < a + w; x++) {
        const k = kept[x]!;
        sum += bits[k]!;
        p += odd(k);
        u += marks[k]!;
      }
      judge(sum, w, p, u, kept[a]!, kept[a + w - 1]! + 1);
      for (let x = a + w; x < b; x++) {
        const k = kept[x]!;
        const o = kept[x - w]!;
        sum += bits[k]! - bits[o]!;
        p += odd(k) - odd(o);
        u += marks[k]! - marks[o]!;
        judge(sum, w, p, u, kept[x - w + 1]!, k + 1);
      }
    }
  }
  if (bestZ > Number.NEGATIVE_INFINITY) best.score = 1 / (1 + Math.exp(-(LOGIT_AT_LINE + SLOPE * bestZ)));
  return best;
}
