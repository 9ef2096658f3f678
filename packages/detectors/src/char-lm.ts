// A small character n-gram language model of ordinary text (order 5, Witten-Bell interpolation),
// used to find stretches a language model finds wildly improbable (optimised adversarial suffixes,
// src/suffix-detector.ts). Counts are hashed into fixed tables and stored as one-byte log-scale
// codes in weights/suffix-lm-v1.bin, written by scripts/train-suffix-lm.ts from dev-side benign
// text only. Inference is pure TypeScript: a fixed number of table reads per character, so time
// is linear in the text and memory is the tables plus one scratch array.
import { readFileSync } from 'node:fs';
import { ConfigError } from '@rampart/core';

/** Longest n-gram (the model conditions on ORDER - 1 previous symbols). */
export const ORDER = 5;
/** Symbols: 0 = start of text, letters 1-26, digit 27, space 28, line break 29, ASCII punctuation 30-61, other 62. */
export const SYMBOLS = 63;
export const NGRAM_BITS = 20;
export const CONTEXT_BITS = 18;
const NGRAM_MASK = (1 << NGRAM_BITS) - 1;
const CONTEXT_MASK = (1 << CONTEXT_BITS) - 1;
export const SYM_OTHER = 62;
export const SYM_SPACE = 28;
export const SYM_BREAK = 29;

const SYM_OF_ASCII = new Uint8Array(128);
{
  let p = 30;
  for (let c = 0; c < 128; c++) {
    if (c >= 97 && c <= 122) SYM_OF_ASCII[c] = c - 96;
    else if (c >= 65 && c <= 90) SYM_OF_ASCII[c] = c - 64;
    else if (c >= 48 && c <= 57) SYM_OF_ASCII[c] = 27;
    else if (c === 32 || c === 9) SYM_OF_ASCII[c] = SYM_SPACE;
    else if (c === 10 || c === 13) SYM_OF_ASCII[c] = SYM_BREAK;
    else if (c > 32 && c < 127) SYM_OF_ASCII[c] = p++;
    else SYM_OF_ASCII[c] = SYM_OTHER;
  }
}

/** The model's symbol for a UTF-16 code unit (case-folded; every non-ASCII unit is "other"). */
export function symbolOf(code: number): number {
  return code < 128 ? SYM_OF_ASCII[code]! : SYM_OTHER;
}

/** Table slot of an n-gram (order k, context of k-1 symbols packed 6 bits each, next symbol). */
export function ngramSlot(k: number, ctx: number, sym: number): number {
  let h = Math.imul(ctx ^ (k << 26), 0x9e3779b1) ^ Math.imul(sym + 1, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 13;
  return h & NGRAM_MASK;
}

export function contextSlot(k: number, ctx: number): number {
  let h = Math.imul(ctx ^ (k << 26), 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h & CONTEXT_MASK;
}

/** One-byte log-scale count code: 0 = never seen, 1 = once, then steps of 7%. */
const BASE = 1.07;
export function encodeCount(c: number): number {
  if (c <= 0) return 0;
  return Math.min(255, 1 + Math.round(Math.log(c) / Math.log(BASE)));
}
const DECODED = new Float64Array(256);
for (let q = 1; q < 256; q++) DECODED[q] = BASE ** (q - 1);

export interface CharLm {
  version: string;
  /** Code of count(order k, context, symbol) at ngramSlot. */
  ngrams: Uint8Array;
  /** Code of count(order k, context) at contextSlot. */
  contexts: Uint8Array;
  /** Code of the number of distinct symbols seen after (order k, context). */
  types: Uint8Array;
  bytes: number;
}

const MAGIC = 'RMPCLM01';
const HEADER = 8 + 4 * 3;

export function encodeCharLm(m: Pick<CharLm, 'ngrams' | 'contexts' | 'types'>): Uint8Array {
  const buf = Buffer.alloc(HEADER + m.ngrams.length + m.contexts.length + m.types.length);
  buf.write(MAGIC, 0, 'ascii');
  buf.writeUInt32LE(ORDER, 8);
  buf.writeUInt32LE(NGRAM_BITS, 12);
  buf.writeUInt32LE(CONTEXT_BITS, 16);
  buf.set(m.ngrams, HEADER);
  buf.set(m.contexts, HEADER + m.ngrams.length);
  buf.set(m.types, HEADER + m.ngrams.length + m.contexts.length);
  return buf;
}

export function decodeCharLm(bytes: Uint8Array, source: string): CharLm {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = 1 << NGRAM_BITS;
  const c = 1 << CONTEXT_BITS;
  if (
    buf.length !== HEADER + n + 2 * c ||
    buf.toString('ascii', 0, 8) !== MAGIC ||
    buf.readUInt32LE(8) !== ORDER ||
    buf.readUInt32LE(12) !== NGRAM_BITS ||
    buf.readUInt32LE(16) !== CONTEXT_BITS
  ) {
    throw new ConfigError(`${source}: not a Rampart character language model of this build`, { path: source });
  }
  const at = buf.byteOffset + HEADER;
  return {
    version: 'suffix-lm-v1',
    ngrams: new Uint8Array(buf.buffer, at, n),
    contexts: new Uint8Array(buf.buffer, at + n, c),
    types: new Uint8Array(buf.buffer, at + n + c, c),
    bytes: buf.length,
  };
}

export const DEFAULT_LM_URL = new URL('../weights/suffix-lm-v1.bin', import.meta.url);
let cached: CharLm | null | undefined;

/** The committed model, or null when its file is absent (the suffix layer is then off). */
export function defaultCharLm(): CharLm | null {
  if (cached !== undefined) return cached;
  try {
    cached = decodeCharLm(readFileSync(DEFAULT_LM_URL), DEFAULT_LM_URL.pathname);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') cached = null;
    else throw e;
  }
  return cached;
}

/**
 * Negative log2-likelihood (bits) of each UTF-16 unit of `text` in [from, to), given the ORDER - 1
 * units before it (the start of the text counts as symbol 0, as in training), written to
 * `out[from..to)`. A fixed number of table reads per unit.
 */
export function surprisalRange(lm: CharLm, text: string, from: number, to: number, out: Float32Array): void {
  const { ngrams, contexts, types } = lm;
  let hist = 0; // previous symbols, 6 bits each, newest lowest
  for (let i = Math.max(0, from - (ORDER - 1)); i < from; i++)
    hist = ((hist << 6) | symbolOf(text.charCodeAt(i))) & 0xffffff;
  for (let i = from; i < to; i++) {
    const s = symbolOf(text.charCodeAt(i));
    let p = 1 / SYMBOLS;
    let ctxBits = 0;
    for (let k = 1; k <= ORDER; k++) {
      const ctx = k === 1 ? 0 : hist & ((1 << ctxBits) - 1);
      const cs = contextSlot(k, ctx);
      const ch = DECODED[contexts[cs]!]!;
      if (ch > 0) {
        const t = DECODED[types[cs]!]!;
        p = (DECODED[ngrams[ngramSlot(k, ctx, s)]!]! + t * p) / (ch + t);
      }
      ctxBits += 6;
    }
    out[i] = -Math.log2(p);
    hist = ((hist << 6) | s) & 0xffffff;
  }
}

/** Surprisal of every unit of `text` (a new array; for training reports and tests). */
export function surprisal(lm: CharLm, text: string): Float32Array {
  const out = new Float32Array(text.length);
  surprisalRange(lm, text, 0, text.length, out);
  return out;
}
