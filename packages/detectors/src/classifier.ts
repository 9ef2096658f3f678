// Pure-TypeScript inference for the committed linear model (hashed n-grams -> logistic
// regression, one head per detection type). Weights are int8 with a per-head scale, loaded once
// from weights/injection-v1.bin (written by scripts/train.ts).
import { readFileSync } from 'node:fs';
import { ConfigError } from '@rampart/core';
import { collectFeatures, DIM, FEATURE_BITS, type FeatureList } from './features.js';

/** Direct injection and jailbreak (any role), and indirect injection inside documents. */
export const HEADS = ['prompt-injection', 'jailbreak', 'indirect'] as const;
export type Head = (typeof HEADS)[number];

export interface LinearModel {
  version: string;
  heads: Record<Head, { bias: number; scale: number; weights: Int8Array }>;
  /** Bytes held by the weights. */
  bytes: number;
}

const MAGIC = 'RMPLIN01';

/** Serialise: magic, bits, head count, then per head bias(f32) scale(f32) and DIM int8 weights. */
export function encodeModel(heads: Record<Head, { bias: number; weights: Float32Array }>): Uint8Array {
  const buf = Buffer.alloc(8 + 4 + 4 + HEADS.length * (8 + DIM));
  buf.write(MAGIC, 0, 'ascii');
  buf.writeUInt32LE(FEATURE_BITS, 8);
  buf.writeUInt32LE(HEADS.length, 12);
  let off = 16;
  for (const h of HEADS) {
    const { bias, weights } = heads[h];
    let max = 1e-9;
    for (const w of weights) max = Math.max(max, Math.abs(w));
    const scale = max / 127;
    buf.writeFloatLE(bias, off);
    buf.writeFloatLE(scale, off + 4);
    off += 8;
    for (let i = 0; i < DIM; i++)
      buf.writeInt8(Math.max(-127, Math.min(127, Math.round(weights[i]! / scale))), off + i);
    off += DIM;
  }
  return buf;
}

export function decodeModel(bytes: Uint8Array, source: string): LinearModel {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 16 || buf.toString('ascii', 0, 8) !== MAGIC) {
    throw new ConfigError(`${source}: not a Rampart linear model (bad magic)`, { path: source });
  }
  const bits = buf.readUInt32LE(8);
  const n = buf.readUInt32LE(12);
  if (bits !== FEATURE_BITS || n !== HEADS.length || buf.length !== 16 + n * (8 + DIM)) {
    throw new ConfigError(`${source}: model shape does not match this build (bits ${bits}, heads ${n})`, {
      path: source,
    });
  }
  const heads = {} as LinearModel['heads'];
  let off = 16;
  for (const h of HEADS) {
    heads[h] = {
      bias: buf.readFloatLE(off),
      scale: buf.readFloatLE(off + 4),
      weights: new Int8Array(buf.buffer, buf.byteOffset + off + 8, DIM),
    };
    off += 8 + DIM;
  }
  return { version: 'injection-v1', heads, bytes: buf.length };
}

// The prompt-injection and jailbreak weights interleaved (pi, jb, pi, jb, ...), built once per
// model: the two direct heads are always scored together, and with one array per head every feature
// costs two cache misses in two 256 KiB tables. Interleaved, one cache line serves both. Measured
// at concurrency 1 in the gateway (caches cold between requests), the input checks' memory stalls
// were a third of their time. Same values, same sums: scores are bit-identical.
const interleaved = new WeakMap<LinearModel, Int8Array>();

function directWeights(model: LinearModel): Int8Array {
  let w = interleaved.get(model);
  if (w === undefined) {
    const a = model.heads['prompt-injection'].weights;
    const b = model.heads.jailbreak.weights;
    w = new Int8Array(2 * DIM);
    for (let i = 0; i < DIM; i++) {
      w[2 * i] = a[i]!;
      w[2 * i + 1] = b[i]!;
    }
    interleaved.set(model, w);
  }
  return w;
}

export const DEFAULT_WEIGHTS_URL = new URL('../weights/injection-v1.bin', import.meta.url);

let cached: LinearModel | null | undefined;

/** The committed model, or null when the weights file is absent (classifier layer then off). */
export function defaultModel(): LinearModel | null {
  if (cached !== undefined) return cached;
  try {
    cached = decodeModel(readFileSync(DEFAULT_WEIGHTS_URL), DEFAULT_WEIGHTS_URL.pathname);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') cached = null;
    else throw e;
  }
  return cached;
}

/** Direct heads in one pass over the features of `text`. */
export function scoreDirect(model: LinearModel, text: string): { 'prompt-injection': number; jailbreak: number } {
  const pi = model.heads['prompt-injection'];
  const jb = model.heads.jailbreak;
  let s0 = 0;
  let s1 = 0;
  const w = directWeights(model);
  const { index, n } = collectFeatures(text);
  for (let k = 0; k < n; k++) {
    const i = 2 * index[k]!;
    s0 += w[i]!;
    s1 += w[i + 1]!;
  }
  const norm = n > 0 ? 1 / Math.sqrt(n) : 0;
  return {
    'prompt-injection': sigmoid(pi.bias + s0 * pi.scale * norm),
    jailbreak: sigmoid(jb.bias + s1 * jb.scale * norm),
  };
}

export function scoreHead(model: LinearModel, head: Head, text: string): number {
  const h = model.heads[head];
  const w = h.weights;
  let s = 0;
  const { index, n } = collectFeatures(text);
  for (let k = 0; k < n; k++) s += w[index[k]!]!;
  return sigmoid(h.bias + (n > 0 ? (s * h.scale) / Math.sqrt(n) : 0));
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export interface WindowBest {
  score: number;
  start: number;
  end: number;
}

/**
 * Best window score per head over windows of `size` characters every `stride` (size a multiple
 * of stride), in one pass over the features: weight sums and feature counts are accumulated per
 * stride-sized block, so overlapping windows cost O(blocks) more, not another pass. A window
 * scores the features that end inside it (as if its text were scored alone, up to the n-grams
 * cut at its edges).
 */
export function bestWindows(
  model: LinearModel,
  heads: readonly Head[],
  text: string,
  size: number,
  stride: number,
  /** `collectFeatures(text)`, when the caller already has it (scoring one text twice). */
  features?: FeatureList,
): WindowBest[] {
  if (heads.length < 1 || heads.length > 2 || size % stride !== 0) {
    throw new RangeError('bestWindows scores one or two heads, with size a multiple of stride');
  }
  const len = text.length;
  const hA = model.heads[heads[0]!];
  const hB = heads.length === 2 ? model.heads[heads[1]!] : hA;
  // Weight of feature i for head A at wA[i * step + offA], for head B at wB[i * step + offB].
  const direct = heads[0] === 'prompt-injection' && heads[1] === 'jailbreak';
  const wA = direct ? directWeights(model) : hA.weights;
  const wB = direct ? wA : hB.weights;
  const step = direct ? 2 : 1;
  const offB = direct ? 1 : 0;
  const nb = Math.floor(len / stride) + 1;
  const bA = new Float64Array(nb);
  const bB = new Float64Array(nb);
  const bN = new Int32Array(nb);
  let cur = 0;
  let accA = 0;
  let accB = 0;
  let accN = 0;
  const f = features ?? collectFeatures(text);
  const fIndex = f.index;
  const fPos = f.pos;
  for (let k = 0; k < f.n; k++) {
    const i = fIndex[k]!;
    const b = (fPos[k]! / stride) | 0;
    if (b !== cur) {
      bA[cur]! += accA;
      bB[cur]! += accB;
      bN[cur]! += accN;
      accA = 0;
      accB = 0;
      accN = 0;
      cur = b;
    }
    accA += wA[i * step]!;
    accB += wB[i * step + offB]!;
    accN++;
  }
  bA[cur]! += accA;
  bB[cur]! += accB;
  bN[cur]! += accN;
  const bestA: WindowBest = { score: 0, start: 0, end: len };
  const bestB: WindowBest = { score: 0, start: 0, end: len };
  const per = size / stride;
  for (let first = 0; first < nb; first++) {
    const last = Math.min(nb, first + per); // exclusive; the last window runs to the end
    const tail = first * stride + size >= len;
    const upto = tail ? nb : last;
    let sa = 0;
    let sb = 0;
    let n = 0;
    for (let k = first; k < upto; k++) {
      sa += bA[k]!;
      sb += bB[k]!;
      n += bN[k]!;
    }
    if (n > 0) {
      const norm = 1 / Math.sqrt(n);
      const start = first * stride;
      const end = Math.min(len, start + size);
      const scA = sigmoid(hA.bias + sa * hA.scale * norm);
      if (scA > bestA.score) Object.assign(bestA, { score: scA, start, end });
      const scB = sigmoid(hB.bias + sb * hB.scale * norm);
      if (scB > bestB.score) Object.assign(bestB, { score: scB, start, end });
    }
    if (tail) break;
  }
  return heads.length === 2 ? [bestA, bestB] : [bestA];
}

/**
 * Where the sentences and lines of `text` end: after a run of newlines, or after `.`, `?` or `!`
 * followed by a space or tab. Returns ascending end offsets (exclusive); the last is `text.length`.
 * With `segAt` (length > text.length), also writes each position's segment number into it.
 */
export function segmentEnds(text: string, segAt?: Int32Array): number[] {
  const ends: number[] = [];
  const len = text.length;
  let c = len > 0 ? text.charCodeAt(0) : 10;
  for (let i = 0; i < len; i++) {
    const next = i + 1 < len ? text.charCodeAt(i + 1) : 10;
    if (segAt !== undefined) segAt[i] = ends.length;
    if (c === 10 ? next !== 10 : (c === 46 || c === 63 || c === 33) && (next === 32 || next === 9)) ends.push(i + 1);
    c = next;
  }
  if (ends.length === 0 || ends[ends.length - 1] !== len) ends.push(len);
  if (segAt !== undefined) segAt[len] = ends.length - 1;
  return ends;
}

export interface DocLogits {
  /** Window k starts at starts[k]; empty windows skipped. */
  logits: number[];
  starts: number[];
  /** One logit per sentence/line segment of at least MIN_SEGMENT non-space characters. */
  segLogits: number[];
  segSpans: Array<[number, number]>;
}

let scratchSeg = new Int32Array(0);

/** Segments shorter than this (non-space characters) are not scored on their own. */
export const MIN_SEGMENT = 12;

/**
 * Raw logits of one head for every window of `size` characters every `stride` (the windows of
 * `bestWindows`, in order) and for every sentence or line (`segmentEnds`), in one pass over the
 * features: a feature counts for the window block and the segment in which it ends.
 */
export function windowLogits(
  model: LinearModel,
  head: Head,
  text: string,
  size: number,
  stride: number,
  /** `collectFeatures(text)`, when the caller already has it (scoring one text twice). */
  features?: FeatureList,
): DocLogits {
  if (size % stride !== 0) throw new RangeError('windowLogits needs size a multiple of stride');
  const h = model.heads[head];
  const w = h.weights;
  const len = text.length;
  const nb = Math.floor(len / stride) + 1;
  // Each position's segment, in a scratch buffer reused between calls.
  if (scratchSeg.length < len + 1) scratchSeg = new Int32Array(len + 1 + (len >> 1));
  const segAt = scratchSeg;
  const ends = segmentEnds(text, segAt);
  const bS = new Float64Array(nb);
  const bN = new Int32Array(nb);
  const sS = new Float64Array(ends.length);
  const sN = new Int32Array(ends.length);
  // Features arrive in two passes (words, then character n-grams), each in rising position:
  // sums stay in locals and are flushed when the block or the segment changes.
  let cb = 0;
  let cg = 0;
  let aB = 0;
  let nB = 0;
  let aG = 0;
  let nG = 0;
  const f = features ?? collectFeatures(text);
  const fIndex = f.index;
  const fPos = f.pos;
  for (let k = 0; k < f.n; k++) {
    const pos = fPos[k]!;
    const x = w[fIndex[k]!]!;
    const b = (pos / stride) | 0;
    if (b !== cb) {
      bS[cb]! += aB;
      bN[cb]! += nB;
      aB = 0;
      nB = 0;
      cb = b;
    }
    aB += x;
    nB++;
    const g = segAt[pos]!;
    if (g !== cg) {
      sS[cg]! += aG;
      sN[cg]! += nG;
      aG = 0;
      nG = 0;
      cg = g;
    }
    aG += x;
    nG++;
  }
  bS[cb]! += aB;
  bN[cb]! += nB;
  sS[cg]! += aG;
  sN[cg]! += nG;
  const logits: number[] = [];
  const starts: number[] = [];
  const per = size / stride;
  for (let first = 0; first < nb; first++) {
    const tail = first * stride + size >= len;
    const upto = tail ? nb : Math.min(nb, first + per);
    let s = 0;
    let n = 0;
    for (let k = first; k < upto; k++) {
      s += bS[k]!;
      n += bN[k]!;
    }
    if (n > 0) {
      logits.push(h.bias + (s * h.scale) / Math.sqrt(n));
      starts.push(first * stride);
    }
    if (tail) break;
  }
  const segLogits: number[] = [];
  const segSpans: Array<[number, number]> = [];
  let from = 0;
  for (let k = 0; k < ends.length; k++) {
    const to = ends[k]!;
    let chars = 0;
    for (let j = from; j < to && chars < MIN_SEGMENT; j++) {
      const c = text.charCodeAt(j);
      if (c !== 32 && c !== 10 && c !== 9 && c !== 13) chars++;
    }
    if (chars >= MIN_SEGMENT && sN[k]! > 0) {
      segLogits.push(h.bias + (sS[k]! * h.scale) / Math.sqrt(sN[k]!));
      segSpans.push([from, to]);
    }
    from = to;
  }
  return { logits, starts, segLogits, segSpans };
}
