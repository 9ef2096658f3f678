// Trains the adversarial-suffix language model (src/char-lm.ts) from dev-side benign text
// (scripts/suffix-lm-corpus.ts, the held-out fifth excluded) and writes
// packages/detectors/weights/suffix-lm-v1.bin with a sources note beside it. Deterministic: the
// corpus is sorted and counting has no randomness, so the same inputs give the same bytes.
//   node --import tsx --conditions=rampart-src packages/detectors/scripts/train-suffix-lm.ts [--out FILE]
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dataAvailable, readmeManifest } from '../../../eval/lib/datasets.js';
import {
  CONTEXT_BITS,
  contextSlot,
  encodeCharLm,
  encodeCount,
  NGRAM_BITS,
  ngramSlot,
  ORDER,
  symbolOf,
} from '../src/char-lm.js';
import { normalizeText } from '../src/normalize.js';
import { lmCorpus } from './suffix-lm-corpus.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const outArg = process.argv.indexOf('--out');
const OUT =
  outArg > 0 && process.argv[outArg + 1] !== undefined
    ? process.argv[outArg + 1]!
    : fileURLToPath(new URL('../weights/suffix-lm-v1.bin', import.meta.url));

if (!dataAvailable()) {
  console.log('train-suffix-lm: ../shared/datasets is not present; nothing to train (weights unchanged).');
  process.exit(0);
}

const corpus = lmCorpus(ROOT).filter((t) => !t.held);
corpus.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));

const ngrams = new Float64Array(1 << NGRAM_BITS);
const contexts = new Float64Array(1 << CONTEXT_BITS);
// Distinct continuations per context: counted exactly over the true keys, then hashed.
const seen = new Set<string>();
const types = new Float64Array(1 << CONTEXT_BITS);
let chars = 0;
const perSource = new Map<string, number>();
for (const { text, source } of corpus) {
  // The model reads the detector's main normalised view (lower-cased, NFKC, folded).
  const t = normalizeText(text).views[0]!.text;
  perSource.set(source, (perSource.get(source) ?? 0) + 1);
  chars += t.length;
  let hist = 0;
  for (let i = 0; i < t.length; i++) {
    const s = symbolOf(t.charCodeAt(i));
    let bits = 0;
    for (let k = 1; k <= ORDER; k++) {
      const ctx = k === 1 ? 0 : hist & ((1 << bits) - 1);
      ngrams[ngramSlot(k, ctx, s)]! += 1;
      const cs = contextSlot(k, ctx);
      contexts[cs]! += 1;
      const key = `${k}:${ctx}:${s}`;
      if (!seen.has(key)) {
        seen.add(key);
        types[cs]! += 1;
      }
      bits += 6;
    }
    hist = ((hist << 6) | s) & 0xffffff;
  }
}

const q = (xs: Float64Array) => Uint8Array.from(xs, encodeCount);
const bin = encodeCharLm({ ngrams: q(ngrams), contexts: q(contexts), types: q(types) });
writeFileSync(OUT, bin);
const used = (xs: Float64Array) => xs.reduce((n, x) => n + (x > 0 ? 1 : 0), 0);
writeFileSync(
  OUT.replace(/\.bin$/, '.sources.json'),
  `${JSON.stringify(
    {
      weightsSha256: createHash('sha256').update(bin).digest('hex'),
      model: `character ${ORDER}-gram, Witten-Bell, ${NGRAM_BITS}-bit n-gram and ${CONTEXT_BITS}-bit context tables`,
      devSources:
        'benign dev side only (scripts/suffix-lm-corpus.ts): eval/lib/datasets.ts devSamples label 0 of the listed sources, BIPIA train contexts, README paragraphs and code blocks of the 13 training packages, authored benign lists; the fifth with stableHash % 5 === 0 held out',
      texts: Object.fromEntries([...perSource].sort()),
      characters: chars,
      distinctNgrams: seen.size,
      slotsUsed: { ngrams: used(ngrams), contexts: used(contexts) },
      readmes: readmeManifest(ROOT),
    },
    null,
    2,
  )}\n`,
);
console.log(
  `train-suffix-lm: ${corpus.length} texts, ${chars} characters, ${seen.size} distinct n-grams; wrote ${OUT} (${bin.length} bytes)`,
);
