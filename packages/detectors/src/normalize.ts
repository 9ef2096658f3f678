// Normalisation against obfuscation. Produces lower-cased, NFKC-folded, homoglyph-folded text
// with invisible characters removed (and reported), an index map back to the original text, and
// extra "views" of payloads hidden in base64, hex, rot13 or Unicode tag characters. Detectors
// score the views and report spans in the ORIGINAL text through the maps.
import type { Span } from './types.js';

export interface TextView {
  /** Normalised text a detector reads. */
  text: string;
  /** For each index in `text`, the [start, end) range in the original it came from. */
  origin(i: number): Span;
  /** How the view was obtained: plain, base64, hex, rot13, unicode-tags, leetspeak. */
  source: string;
}

export interface NormalizedText {
  /** The main view (always first) followed by decoded payload views. */
  views: TextView[];
  /** Zero-width, bidi-control and tag characters found in the original (merged runs). */
  invisible: Span[];
  /** Decoding stopped at a limit (depth or size): downstream must not treat it as clean. */
  truncated: boolean;
}

export interface NormalizeOptions {
  /** Max nesting of decoded payloads (base64 inside hex inside base64 …). */
  maxDepth?: number;
  /** Max total characters of decoded views. */
  maxDecodedChars?: number;
}

// Confusable letters from Cyrillic, Greek and Latin extensions that NFKC leaves alone, folded to
// the ASCII letter they imitate (subset of Unicode's confusables.txt for lower-case forms).
const HOMOGLYPHS: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  ɡ: 'g',
  һ: 'h',
  ӏ: 'l',
  ԛ: 'q',
  ԝ: 'w',
  ᴀ: 'a',
  ʙ: 'b',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ɢ: 'g',
  ʜ: 'h',
  ɪ: 'i',
  ᴊ: 'j',
  ᴋ: 'k',
  ʟ: 'l',
  ᴍ: 'm',
  ɴ: 'n',
  ᴏ: 'o',
  ᴘ: 'p',
  ʀ: 'r',
  ꜱ: 's',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ʏ: 'y',
  ᴢ: 'z',
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ħ: 'h',
};

/** Code points that render as nothing or reorder text: zero-width, joiners, bidi controls, tags. */
export function isInvisible(cp: number): boolean {
  return (
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x061c ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x17b4 ||
    cp === 0x17b5 ||
    cp === 0x180e ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    cp === 0x3164 ||
    cp === 0xfeff ||
    cp === 0xffa0 ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0000 && cp <= 0xe007f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

const foldCache = new Map<number, string>();

/** NFKC + lower case + homoglyph folding of one non-ASCII code point. */
function foldCodePoint(cp: number): string {
  let f = foldCache.get(cp);
  if (f !== undefined) return f;
  const s = String.fromCodePoint(cp);
  f = s.normalize('NFKC').toLowerCase();
  // Strip combining marks left after NFKD-like decomposition of accented Latin letters.
  const base = f.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (/^[a-z]+$/.test(base)) f = base;
  if (foldCache.size < 20000) foldCache.set(cp, f);
  return f;
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

const MIXED_WORD = /[\p{L}\p{M}]{2,60}/gu;

/**
 * Homoglyph folding per word, only where a word mixes ASCII letters with look-alikes ("іgnоrе"
 * with Cyrillic і/о/е): whole Cyrillic or Greek words stay intact for the multilingual layers.
 */
function deHomoglyph(s: string): string {
  if (!/[^\x00-\x7f]/.test(s)) return s;
  return s.replace(MIXED_WORD, (w) => {
    if (!/[a-z]/.test(w) || !/[^\x00-\x7f]/.test(w)) return w;
    let o = '';
    for (const ch of w) o += HOMOGLYPHS[ch] ?? ch;
    return o.length === w.length ? o : w;
  });
}

// Leetspeak digits inside words that also contain letters: "1gn0r3" -> "ignore". Only digits and
// @/$: "|" and "!" are delimiters in chat templates.
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
};
// Word characters for leetspeak: a-z, digits, "@" and "$". Only maximal runs of them that mix
// letters with leet characters are rewritten. (Was the regex
// /(?<![a-z0-9@$])(?:[a-z]+[0-9@$][a-z0-9@$]*|[0-9@$]+[a-z][a-z0-9@$]*)/g, which matches exactly
// those runs; a hand-written scan avoids testing the lookbehind at every position.)
// A run mixing both kinds has a letter next to a leet character somewhere: a cheap native
// check that rules out most text before the scan below.
const LEET_ADJACENT = /[a-z][0-9@$]|[0-9@$][a-z]/;

function deLeet(s: string): string {
  if (!LEET_ADJACENT.test(s)) return s;
  let out = '';
  let last = 0;
  const n = s.length;
  for (let i = 0; i < n; ) {
    let letters = false;
    let leet = false;
    let j = i;
    for (; j < n; j++) {
      const c = s.charCodeAt(j);
      if (c >= 97 && c <= 122) letters = true;
      else if ((c >= 48 && c <= 57) || c === 64 || c === 36) leet = true;
      else break;
    }
    if (j === i) {
      i++;
      continue;
    }
    if (letters && leet) {
      const w = s.slice(i, j);
      const r = unleetWord(w);
      if (r !== w) {
        out += s.slice(last, i) + r;
        last = j;
      }
    }
    i = j;
  }
  return last === 0 ? s : out + s.slice(last);
}

function unleetWord(w: string): string {
  // Needs two letters, and leaves numbers with units ("10km", "3rd", "4x4") alone.
  if (w.length < 3 || w.length > 40 || !/[a-z][^a-z]*[a-z]/.test(w) || /^[0-9]+[a-z]{1,3}$/.test(w)) return w;
  let o = '';
  for (const ch of w) o += LEET[ch] ?? ch;
  return o;
}

// Output text plus, per output UTF-16 unit, the original [start, end). Typed arrays grow by
// doubling; ASCII runs are copied as slices, so the common case allocates little.
class MappedBuilder {
  parts: string[] = [];
  n = 0;
  starts: Int32Array;
  ends: Int32Array;
  constructor(capacity: number) {
    this.starts = new Int32Array(Math.max(16, capacity));
    this.ends = new Int32Array(Math.max(16, capacity));
  }
  private grow(need: number): void {
    if (this.n + need <= this.starts.length) return;
    const cap = Math.max(this.starts.length * 2, this.n + need);
    const s = new Int32Array(cap);
    const e = new Int32Array(cap);
    s.set(this.starts.subarray(0, this.n));
    e.set(this.ends.subarray(0, this.n));
    this.starts = s;
    this.ends = e;
  }
  /** Original[from, to) maps one-to-one (ASCII run). */
  addRun(s: string, from: number): void {
    this.grow(s.length);
    for (let k = 0; k < s.length; k++) {
      this.starts[this.n] = from + k;
      this.ends[this.n] = from + k + 1;
      this.n++;
    }
    this.parts.push(s);
  }
  add(s: string, start: number, end: number): void {
    this.grow(s.length);
    for (let k = 0; k < s.length; k++) {
      this.starts[this.n] = start;
      this.ends[this.n] = end;
      this.n++;
    }
    this.parts.push(s);
  }
}

function mappedView(b: MappedBuilder, source: string, leet: boolean): TextView {
  const joined = b.parts.join('');
  const text = leet ? deLeet(deHomoglyph(joined)) : deHomoglyph(joined);
  const { starts, ends } = b;
  const n = b.n;
  return {
    text,
    source,
    origin: (i) => {
      if (n === 0) return { start: 0, end: 0 };
      const k = Math.max(0, Math.min(n - 1, i));
      return { start: starts[k]!, end: ends[k]! };
    },
  };
}

/** Pure ASCII input: the map is the identity, no arrays needed. */
function identityView(text: string, len: number, source: string): TextView {
  return {
    text,
    source,
    origin: (i) => {
      const k = Math.max(0, Math.min(len - 1, i));
      return len === 0 ? { start: 0, end: 0 } : { start: k, end: k + 1 };
    },
  };
}

function wholeSpanView(text: string, span: Span, source: string): TextView {
  return { text, source, origin: () => ({ start: span.start, end: span.end }) };
}

const B64_CHAR = new Uint8Array(128);
const HEX_CHAR = new Uint8Array(128);
const HEX_OR_SEP = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  B64_CHAR[c] = /[A-Za-z0-9+/]/.test(ch) ? 1 : 0;
  HEX_CHAR[c] = /[0-9a-fA-F]/.test(ch) ? 1 : 0;
  HEX_OR_SEP[c] = /[0-9a-fA-F :]/.test(ch) ? 1 : 0;
}
const isHex = (c: number) => c < 128 && HEX_CHAR[c] === 1;

/**
 * Maximal runs of at least `min` characters from `table`, as [start, end) pairs. Any such run
 * covers one of the positions min-1, 2*min-1, …, so only those are probed and extended both
 * ways: prose is read about a third of a character per character instead of all of it.
 */
function longRuns(text: string, table: Uint8Array, min: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const n = text.length;
  for (let p = min - 1; p < n; ) {
    let c = text.charCodeAt(p);
    if (c >= 128 || table[c] === 0) {
      p += min;
      continue;
    }
    let a = p;
    while (a > 0) {
      c = text.charCodeAt(a - 1);
      if (c >= 128 || table[c] === 0) break;
      a--;
    }
    let b = p + 1;
    while (b < n) {
      c = text.charCodeAt(b);
      if (c >= 128 || table[c] === 0) break;
      b++;
    }
    if (b - a >= min) out.push([a, b]);
    // The next run starts after b (a character outside the class), so its first possible
    // window ends at b + min.
    p = b + min;
  }
  return out;
}

/**
 * Base64 candidates: maximal runs of 16+ base64 characters plus up to two "=", as
 * [start, end) pairs. Same matches as /(?<![A-Za-z0-9+\/])[A-Za-z0-9+\/]{16,}={0,2}/g without
 * testing a lookbehind at every position.
 */
export function base64Runs(text: string): Array<[number, number]> {
  const out = longRuns(text, B64_CHAR, 16);
  for (const r of out) {
    let e = r[1];
    while (e < text.length && e - r[1] < 2 && text.charCodeAt(e) === 61) e++;
    r[1] = e;
  }
  return out;
}

/**
 * Hex candidates: 8+ hex pairs, each optionally followed by one space or colon, starting where
 * the previous character is not hex. Same matches as
 * /(?<![0-9a-fA-F])(?:[0-9a-fA-F]{2}[ :]?){8,}/g. A match lies inside a run of 16+ characters
 * of [0-9a-fA-F :], so only those runs are scanned; a failed attempt reads at most 8 pairs.
 */
export function hexRuns(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [from, n] of longRuns(text, HEX_OR_SEP, 16)) {
    // text[from - 1] is outside the class, so not hex: the lookbehind holds at `from`.
    for (let i = from; i < n; ) {
      if (!isHex(text.charCodeAt(i)) || (i > from && isHex(text.charCodeAt(i - 1)))) {
        i++;
        continue;
      }
      let p = i;
      let pairs = 0;
      while (p + 1 < n && isHex(text.charCodeAt(p)) && isHex(text.charCodeAt(p + 1))) {
        p += 2;
        pairs++;
        if (p < n) {
          const c = text.charCodeAt(p);
          if (c === 32 || c === 58) p++;
        }
      }
      if (pairs >= 8) {
        out.push([i, p]);
        i = p;
      } else i++;
    }
  }
  return out;
}

const ROT13_TELL = /\b(?:vtaber|cerivbhf|vafgehpgvbaf|flfgrz|cebzcg|qvfertneq|bireevqr|wnvyoernx|cnffjbeq|frperg)\b/;
// The same test on the original text without lower-casing it first. Equivalent except where
// lower-casing turns a non-ASCII character into an ASCII letter (U+0130 "İ", U+212A Kelvin
// sign): such text takes the lower-casing path.
const ROT13_TELL_I = new RegExp(ROT13_TELL.source, 'i');
const LOWERS_TO_ASCII = /[\u0130\u212a]/;

function rot13Tell(text: string): boolean {
  return LOWERS_TO_ASCII.test(text) ? ROT13_TELL.test(text.toLowerCase()) : ROT13_TELL_I.test(text);
}

function printableRatio(s: string): number {
  if (s.length === 0) return 0;
  let ok = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 10 || c === 13 || c === 9 || c >= 160) ok++;
  }
  return ok / s.length;
}

function decodeBase64(s: string): string | undefined {
  if (s.length % 4 === 1) return undefined;
  const out = Buffer.from(s, 'base64').toString('utf8');
  if (out.includes('\uFFFD') || printableRatio(out) < 0.95) return undefined;
  // Require words: random base64 of binary data rarely decodes to letters and spaces.
  // Anchored at the start of a letter run and bounded: an unanchored `[A-Za-z]{3,}` would retry
  // every suffix of a long letter run (quadratic on 'AAAA…').
  if (!/(?<![A-Za-z])[A-Za-z]{3,40}[ .,:;_-]{1,3}[A-Za-z0-9+/]{2}/.test(out)) return undefined;
  return out;
}

function decodeHex(s: string): string | undefined {
  const h = s.replace(/[ :]/g, '');
  if (h.length % 2 !== 0) return undefined;
  const out = Buffer.from(h, 'hex').toString('utf8');
  if (out.includes('\uFFFD') || printableRatio(out) < 0.95 || !/[A-Za-z]{3,}/.test(out)) return undefined;
  return out;
}

export function rot13(s: string): string {
  return s.replace(/[a-zA-Z]/g, (c) => {
    const b = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - b + 13) % 26) + b);
  });
}

/** Normalise `original` and extract hidden payload views. Never throws on odd Unicode. */
export function normalizeText(original: string, opts: NormalizeOptions = {}): NormalizedText {
  const maxDepth = opts.maxDepth ?? 3;
  const budget = { left: opts.maxDecodedChars ?? 64 * 1024, truncated: false };
  const invisible: Span[] = [];
  const len = original.length;
  // Fast path: pure ASCII text keeps its length, so the map is the identity.
  if (ASCII_ONLY.test(original)) {
    const views: TextView[] = [identityView(deLeet(original.toLowerCase()), len, 'plain')];
    extractPayloads(original, { start: 0, end: len }, 0, maxDepth, budget, views, true);
    return { views, invisible, truncated: budget.truncated };
  }
  const b = new MappedBuilder(len + 16);
  let tags = '';
  let tagStart = -1;
  let tagEnd = -1;
  for (let i = 0; i < len; ) {
    const c = original.charCodeAt(i);
    if (c < 128) {
      let j = i + 1;
      while (j < len && original.charCodeAt(j) < 128) j++;
      b.addRun(original.slice(i, j).toLowerCase(), i);
      i = j;
      continue;
    }
    const cp = original.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    // A lone surrogate is kept as U+FFFD so later string ops stay well-formed.
    if (cp >= 0xd800 && cp <= 0xdfff) {
      b.add('\ufffd', i, i + 1);
      i += 1;
      continue;
    }
    if (isInvisible(cp)) {
      const last = invisible[invisible.length - 1];
      if (last !== undefined && last.end === i) last.end = i + w;
      else invisible.push({ start: i, end: i + w, label: 'invisible' });
      // Unicode tag characters spell hidden ASCII ("ASCII smuggling"): recover it as a view.
      if (cp >= 0xe0020 && cp <= 0xe007e) {
        if (tagStart < 0) tagStart = i;
        tagEnd = i + w;
        tags += String.fromCharCode(cp - 0xe0000);
      }
      i += w;
      continue;
    }
    b.add(foldCodePoint(cp), i, i + w);
    i += w;
  }
  const main = mappedView(b, 'plain', true);
  const views: TextView[] = [main];
  if (tags.length > 0) views.push(wholeSpanView(tags.toLowerCase(), { start: tagStart, end: tagEnd }, 'unicode-tags'));
  extractPayloads(original, { start: 0, end: original.length }, 0, maxDepth, budget, views, true);
  return { views, invisible, truncated: budget.truncated };
}

function extractPayloads(
  text: string,
  span: Span,
  depth: number,
  maxDepth: number,
  budget: { left: number; truncated: boolean },
  views: TextView[],
  top: boolean,
): void {
  if (depth >= maxDepth) {
    if (base64Runs(text).length > 0) budget.truncated = true;
    return;
  }
  const found: Array<{ decoded: string; start: number; end: number; source: string }> = [];
  if (text.length >= 16) {
    for (const [a, b] of base64Runs(text)) {
      const d = decodeBase64(text.slice(a, b));
      if (d !== undefined) found.push({ decoded: d, start: a, end: b, source: 'base64' });
    }
    for (const [a, b] of hexRuns(text)) {
      const d = decodeHex(text.slice(a, b).trim());
      if (d !== undefined) found.push({ decoded: d, start: a, end: b, source: 'hex' });
    }
  }
  if (rot13Tell(text)) found.push({ decoded: rot13(text), start: 0, end: text.length, source: 'rot13' });
  for (const f of found) {
    if (budget.left < f.decoded.length) {
      budget.truncated = true;
      return;
    }
    budget.left -= f.decoded.length;
    // Spans of nested payloads point at the outermost encoded run in the original text.
    const s: Span = top ? { start: span.start + f.start, end: span.start + f.end } : span;
    const v = normalizeDecoded(f.decoded, s, f.source);
    views.push(v);
    extractPayloads(f.decoded, s, depth + 1, maxDepth, budget, views, false);
  }
}

function normalizeDecoded(decoded: string, span: Span, source: string): TextView {
  let t = '';
  for (const ch of decoded) {
    const cp = ch.codePointAt(0)!;
    if (isInvisible(cp)) continue;
    t += cp < 128 ? ch.toLowerCase() : foldCodePoint(cp);
  }
  return wholeSpanView(deLeet(deHomoglyph(t)), span, source);
}
