// Hashed features for the linear injection/jailbreak classifier: word unigrams and bigrams plus
// character 3-5-grams, hashed into 2^bits buckets (FNV-1a). The training script and inference
// both use this file, so features can never drift apart.

export const FEATURE_BITS = 18;
export const DIM = 1 << FEATURE_BITS;
const MASK = DIM - 1;

// Hashes stay int32 (same low bits as the uint32 FNV-1a): values above 2^31 as uint32 would be
// heap-allocated doubles in V8 and make feature extraction allocation-bound.
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ c, FNV_PRIME);
}

/** Feature occurrences of one text: `index[k]` and `pos[k]` for k < n (reused between calls). */
export interface FeatureList {
  index: Int32Array;
  pos: Int32Array;
  n: number;
}

// One scratch list per thread: extraction is synchronous and callers finish with the list before
// the next call, so the hot path allocates nothing per text. Texts longer than the kept size get a
// list of their own, so a single huge text does not pin megabytes for the life of the process.
const KEEP = 1 << 18;
const scratch: FeatureList = { index: new Int32Array(4096), pos: new Int32Array(4096), n: 0 };

/**
 * Every feature occurrence of `text` in order: the hashed index and `pos`, where the feature ends
 * in `text` (len for the final padding), so callers can attribute features to windows. The
 * returned list is shared scratch space, valid until the next call. `n` is the number of
 * occurrences (callers scale by 1/sqrt(n), the same normalisation in training and inference).
 */
export function collectFeatures(text: string): FeatureList {
  const len = text.length;
  // At most 2 word features per character (unigram + bigram) plus 3 character n-grams, and the padding.
  const need = 5 * (len + 1);
  let out = scratch;
  if (need > KEEP) out = { index: new Int32Array(need), pos: new Int32Array(need), n: 0 };
  else if (scratch.index.length < need) {
    scratch.index = new Int32Array(KEEP);
    scratch.pos = new Int32Array(KEEP);
  }
  const index = out.index;
  const posOf = out.pos;
  let n = 0;
  // Word features: letters/digits runs. Word hash seeds differ from char n-gram seeds.
  let prev = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? text.charCodeAt(i) : 32;
    const wordChar = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 || (c > 127 && c !== 0x3000);
    if (wordChar) {
      h = fnvStep(h, c);
      inWord = true;
    } else if (inWord) {
      const w = fnvStep(h, 1);
      index[n] = w & MASK;
      posOf[n++] = i;
      if (prev !== 0) {
        index[n] = fnvStep(Math.imul(prev, 31) ^ w, 2) & MASK;
        posOf[n++] = i;
      }
      prev = w;
      h = FNV_OFFSET;
      inWord = false;
    } else if (c !== 32 && c !== 10 && c !== 9 && c !== 13) {
      // Punctuation is a token of its own (delimiters like "<|" or "###" matter here).
      const w = fnvStep(fnvStep(FNV_OFFSET, c), 3);
      index[n] = w & MASK;
      posOf[n++] = i;
      prev = w;
    }
  }
  // Character n-grams with whitespace runs collapsed to one space.
  let a = 32;
  let b = 32;
  let c3 = 32;
  let d = 32;
  let lastSpace = true;
  for (let i = 0; i <= len; i++) {
    let e = i < len ? text.charCodeAt(i) : 32;
    if (e === 10 || e === 9 || e === 13) e = 32;
    if (e === 32 && lastSpace) continue;
    lastSpace = e === 32;
    // n-grams ending at e: (c3,d,e), (b,c3,d,e), (a,b,c3,d,e)
    index[n] = fnvStep(fnvStep(fnvStep(fnvStep(FNV_OFFSET, 4), c3), d), e) & MASK;
    posOf[n++] = i;
    index[n] = fnvStep(fnvStep(fnvStep(fnvStep(fnvStep(FNV_OFFSET, 5), b), c3), d), e) & MASK;
    posOf[n++] = i;
    index[n] = fnvStep(fnvStep(fnvStep(fnvStep(fnvStep(fnvStep(FNV_OFFSET, 6), a), b), c3), d), e) & MASK;
    posOf[n++] = i;
    a = b;
    b = c3;
    c3 = d;
    d = e;
  }
  out.n = n;
  return out;
}

/**
 * Calls `emit(index, pos)` once per feature occurrence, in order (see collectFeatures); returns
 * the number of occurrences. For callers off the hot path (training, the ONNX feature vector).
 */
export function forEachFeature(text: string, emit: (index: number, pos: number) => void): number {
  const f = collectFeatures(text);
  const { index, pos, n } = f;
  for (let k = 0; k < n; k++) emit(index[k]!, pos[k]!);
  return n;
}
